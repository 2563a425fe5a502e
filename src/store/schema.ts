/**
 * Table types of the store, as Kysely sees them. Instants are UTC epoch milliseconds (BIGINT in
 * PostgreSQL, INTEGER in SQLite); calendar days are 'YYYY-MM-DD' text; booleans are 0/1 integers
 * so that both dialects read the same values.
 */
import type { AirTables } from '../air/tables.ts';
import type { AuditTables } from '../audit/tables.ts';
import type { PlanTables } from '../plan/tables.ts';
import type { AuthTables } from '../auth/tables.ts';
import type { DeviceTables } from '../devices/tables.ts';
import type { GateMoreTables, GateTables } from '../gates/tables.ts';
import type { CommandTables } from '../ingest/commands/tables.ts';
import type { IngestTables } from '../ingest/tables.ts';
import type { SourceTables } from '../sources/tables.ts';
import type { TaskTables } from '../tasks/tables.ts';
import type { TruckTables } from '../trucks/tables.ts';
import type { WarningTables } from '../warnings/tables.ts';
import type { ListTables } from '../warnings/lists/tables.ts';
import type { TipoffTables } from '../tipoffs/tables.ts';
import type { GateLedgerTables } from '../gates/ledgers/tables.ts';
import type { FireTables } from '../fires/tables.ts';
import type { DustTables } from '../dust/tables.ts';
import type { MachineryTables } from '../machinery/tables.ts';
import type { RoadsideTables } from '../roadside/tables.ts';

/**
 * Every table Kysely knows. Each domain declares its tables in its own `tables.ts` and adds its
 * interface here.
 */
export interface DatabaseSchema
  extends
    AirTables,
    AuditTables,
    AuthTables,
    CommandTables,
    DeviceTables,
    GateTables,
    IngestTables,
    PlanTables,
    SourceTables,
    TaskTables,
    TruckTables,
    WarningTables,
    ListTables,
    TipoffTables,
    GateLedgerTables,
    GateMoreTables,
    FireTables,
    DustTables,
    MachineryTables,
    RoadsideTables {}
