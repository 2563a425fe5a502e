/**
 * The partition work on a PostgreSQL store: what exists (status), creating the months the rules
 * ask for (ensure), retiring the months beyond retention (retire). Each table is handled in one
 * transaction under an advisory lock, so that two nodes running the job at once do not collide;
 * a lock timeout keeps the job from queueing behind a long query and blocking writers behind it.
 */
import { LantianError } from '../../errors.ts';
import type { Db } from '../db.ts';
import { monthOf } from './month.ts';
import { monthsToCreate, monthsToRetire, type PartitionPolicy } from './partition-plan.ts';
import {
  attachedPartitions,
  createMonthPartition,
  defaultPartitionBytes,
  defaultRowsByMonth,
  detachMonthPartition,
  dropMonthPartition,
  existingPartitionMonths,
  type AttachedPartition,
  type Exec,
} from './partition-sql.ts';
import { PARTITIONED_TABLES, type PartitionedTable } from './partitioned-tables.ts';
import type { RetireMode } from './partition-config.ts';

/** Advisory lock key of the partition work ("LTPA"). */
const LOCK_KEY = 0x4c545041;
/** How long a statement waits for a lock before the run gives up (it runs again next day). */
const LOCK_TIMEOUT = '10s';

/** What one table looks like. */
export interface TablePartitions {
  readonly table: string;
  readonly partitions: readonly AttachedPartition[];
  /** Months whose table exists but is not attached. */
  readonly detached: readonly number[];
  /** Rows waiting in the DEFAULT partition, per month. */
  readonly defaultRows: ReadonlyArray<{ month: number; rows: number }>;
  readonly defaultBytes: number;
}

/** What `ensure` did to one table. */
export interface EnsureReport {
  readonly table: string;
  /** Months created, with the rows moved into each from DEFAULT. */
  readonly created: ReadonlyArray<{ month: number; moved: number }>;
}

/** What `retire` did to one table. */
export interface RetireReport {
  readonly table: string;
  readonly mode: RetireMode;
  readonly months: readonly number[];
}

/** Refuses a store that is not PostgreSQL. */
function requirePostgres(db: Db): NonNullable<Db['pg']> {
  if (db.dialect !== 'postgres' || !db.pg)
    throw new LantianError('LT_ERR_PARTITION_NEEDS_POSTGRES', db.location);
  return db.pg;
}

/** Runs `fn` in one transaction holding the partition lock. */
async function locked<T>(db: Db, fn: (exec: Exec) => Promise<T>): Promise<T> {
  const client = await requirePostgres(db).connect();
  const exec: Exec = async (text) => (await client.query(text)).rows;
  try {
    await client.query('begin');
    await client.query(`set local lock_timeout = '${LOCK_TIMEOUT}'`);
    await client.query(`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const out = await fn(exec);
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function tableStatus(exec: Exec, t: PartitionedTable): Promise<TablePartitions> {
  const partitions = await attachedPartitions(exec, t);
  const attached = new Set(partitions.map((p) => p.month));
  const existing = await existingPartitionMonths(exec, t);
  return {
    table: t.table,
    partitions,
    detached: existing.filter((m) => !attached.has(m)),
    defaultRows: await defaultRowsByMonth(exec, t),
    defaultBytes: await defaultPartitionBytes(exec, t),
  };
}

/** The partitions of both tables. */
export async function partitionStatus(db: Db): Promise<TablePartitions[]> {
  const out: TablePartitions[] = [];
  for (const t of PARTITIONED_TABLES) out.push(await locked(db, (exec) => tableStatus(exec, t)));
  return out;
}

/** Creates the partitions the rules ask for at `now`, moving waiting rows out of DEFAULT. */
export async function ensurePartitions(
  db: Db,
  now: number,
  policy: PartitionPolicy,
): Promise<EnsureReport[]> {
  const current = monthOf(now);
  const out: EnsureReport[] = [];
  for (const t of PARTITIONED_TABLES) {
    out.push(
      await locked(db, async (exec) => {
        const s = await tableStatus(exec, t);
        const months = monthsToCreate(
          {
            attached: s.partitions.map((p) => p.month),
            detached: s.detached,
            inDefault: s.defaultRows.map((r) => r.month),
          },
          current,
          policy,
        );
        const created: Array<{ month: number; moved: number }> = [];
        for (const m of months)
          created.push({ month: m, moved: await createMonthPartition(exec, t, m) });
        return { table: t.table, created };
      }),
    );
  }
  return out;
}

/** Detaches (or drops) the partitions beyond `retentionMonths` at `now`; none when unset. */
export async function retirePartitions(
  db: Db,
  now: number,
  retentionMonths: number | undefined,
  mode: RetireMode,
): Promise<RetireReport[]> {
  const current = monthOf(now);
  const out: RetireReport[] = [];
  for (const t of PARTITIONED_TABLES) {
    out.push(
      await locked(db, async (exec) => {
        const attached = (await attachedPartitions(exec, t)).map((p) => p.month);
        const months = monthsToRetire(attached, current, retentionMonths);
        for (const m of months)
          await (mode === 'drop' ? dropMonthPartition : detachMonthPartition)(exec, t, m);
        return { table: t.table, mode, months };
      }),
    );
  }
  return out;
}
