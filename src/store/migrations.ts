/**
 * The one migration list, built per dialect. Each migration lives in its own file under
 * migrations/; they are append-only: never edit one that has shipped, add the next.
 */
import type { Migration } from 'kysely';
import type { Dialect } from './dialect.ts';
import { m0001Air } from './migrations/0001-air.ts';
import { m0002Audit } from './migrations/0002-audit.ts';
import { m0003Devices } from './migrations/0003-devices.ts';
import { m0004Plan } from './migrations/0004-plan.ts';
import { m0005Auth } from './migrations/0005-auth.ts';
import { m0006Tasks } from './migrations/0006-tasks.ts';
import { m0007Trucks } from './migrations/0007-trucks.ts';
import { m0010DeviceLink } from './migrations/0010-device-link.ts';
import { m0011IngestCounters } from './migrations/0011-ingest-counters.ts';
import { m0012Sources } from './migrations/0012-sources.ts';
import { m0013Cems } from './migrations/0013-cems.ts';
import { m0014Alarms } from './migrations/0014-alarms.ts';
import { m0015PowerLdar } from './migrations/0015-power-ldar.ts';
import { m0016Warnings } from './migrations/0016-warnings.ts';
import { m0019Lists } from './migrations/0019-lists.ts';
import { m0020TruckSummaries } from './migrations/0020-truck-summaries.ts';
import { m0021DropTruckRecords } from './migrations/0021-drop-truck-records.ts';
import { m0023TruckPlatforms } from './migrations/0023-truck-platforms.ts';
import { m0024Gates } from './migrations/0024-gates.ts';
import { m0025GateLedgers } from './migrations/0025-gate-ledgers.ts';
import { m0026Machinery } from './migrations/0026-machinery.ts';
import { m0027Roadside } from './migrations/0027-roadside.ts';
import { m0028Dust } from './migrations/0028-dust.ts';
import { m0029Fires } from './migrations/0029-fires.ts';
import { m0030Tipoffs } from './migrations/0030-tipoffs.ts';
import { m0031GatesMore } from './migrations/0031-gates-more.ts';
import { m0032Partitions } from './migrations/0032-partitions.ts';
import { m0033QuarantineKey } from './migrations/0033-quarantine-key.ts';

/** All migrations for a dialect, keyed so that they sort in the order they must run. */
export function buildMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_air': m0001Air(dialect),
    '0002_audit': m0002Audit(dialect),
    '0003_devices': m0003Devices(dialect),
    '0004_plan': m0004Plan(dialect),
    '0005_auth': m0005Auth(dialect),
    '0006_tasks': m0006Tasks(dialect),
    '0007_trucks': m0007Trucks(dialect),
    '0010_device_link': m0010DeviceLink(dialect),
    '0011_ingest_counters': m0011IngestCounters(dialect),
    '0012_sources': m0012Sources(dialect),
    '0013_cems': m0013Cems(dialect),
    '0014_alarms': m0014Alarms(dialect),
    '0015_power_ldar': m0015PowerLdar(dialect),
    '0016_warnings': m0016Warnings(dialect),
    '0019_lists': m0019Lists(dialect),
    '0020_truck_summaries': m0020TruckSummaries(dialect),
    '0021_drop_truck_records': m0021DropTruckRecords(),
    '0023_truck_platforms': m0023TruckPlatforms(dialect),
    '0024_gates': m0024Gates(dialect),
    '0025_gate_ledgers': m0025GateLedgers(dialect),
    '0026_machinery': m0026Machinery(dialect),
    '0027_roadside': m0027Roadside(dialect),
    '0028_dust': m0028Dust(dialect),
    '0029_fires': m0029Fires(dialect),
    '0030_tipoffs': m0030Tipoffs(dialect),
    '0031_gates_more': m0031GatesMore(),
    '0032_partitions': m0032Partitions(dialect),
    '0033_quarantine_key': m0033QuarantineKey(),
  };
}
