/**
 * The SQL of month partitions on PostgreSQL, over a bare "run this statement" function so that
 * migration 0032 (inside the migrator's transaction) and the partition service (inside its own)
 * share it. Every value put into the SQL text is an integer computed here or a name built by
 * partitioned-tables.ts, quoted as an identifier.
 */
import {
  defaultPartitionName,
  monthBounds,
  monthOfPartitionName,
  partitionName,
  type PartitionedTable,
} from './partitioned-tables.ts';

/** Runs one SQL statement and returns its rows. */
export type Exec = (sqlText: string) => Promise<Array<Record<string, unknown>>>;

/** A quoted identifier. */
function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** SQL expression of the UTC month number of the key column (as month.ts counts it). */
function monthExpr(t: PartitionedTable): string {
  const ts = `(to_timestamp(${q(t.key)}::float8 * ${t.unitMs / 1000}) at time zone 'UTC')`;
  return `((extract(year from ${ts})::int - 1970) * 12 + extract(month from ${ts})::int - 1)`;
}

/** One attached month partition. */
export interface AttachedPartition {
  readonly name: string;
  readonly month: number;
  /** The planner's row estimate (pg_class.reltuples; -1 before the first ANALYZE). */
  readonly rowsEstimate: number;
  /** Heap, indexes and TOAST. */
  readonly bytes: number;
}

/** Month partitions attached to the table, by month. */
export async function attachedPartitions(
  exec: Exec,
  t: PartitionedTable,
): Promise<AttachedPartition[]> {
  const rows = await exec(
    `select c.relname as name, c.reltuples::float8 as rows, pg_total_relation_size(c.oid)::float8 as bytes
     from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = '${q(t.table)}'::regclass`,
  );
  const out: AttachedPartition[] = [];
  for (const r of rows) {
    const month = monthOfPartitionName(t, String(r['name']));
    if (month === undefined) continue;
    out.push({
      name: String(r['name']),
      month,
      rowsEstimate: Number(r['rows']),
      bytes: Number(r['bytes']),
    });
  }
  return out.sort((a, b) => a.month - b.month);
}

/** Months whose partition table exists in the store's schema, attached or not. */
export async function existingPartitionMonths(exec: Exec, t: PartitionedTable): Promise<number[]> {
  const rows = await exec(
    `select relname as name from pg_class
     where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p')
       and relname like '${t.table.replace(/_/g, '\\_')}\\_p______'`,
  );
  const out: number[] = [];
  for (const r of rows) {
    const m = monthOfPartitionName(t, String(r['name']));
    if (m !== undefined) out.push(m);
  }
  return out.sort((a, b) => a - b);
}

/** Rows in the DEFAULT partition per month, ascending (a scan of that partition). */
export async function defaultRowsByMonth(
  exec: Exec,
  t: PartitionedTable,
): Promise<Array<{ month: number; rows: number }>> {
  const rows = await exec(
    `select ${monthExpr(t)} as month, count(*)::float8 as rows
     from ${q(defaultPartitionName(t))} group by 1 order by 1`,
  );
  return rows.map((r) => ({ month: Number(r['month']), rows: Number(r['rows']) }));
}

/** Total size of the DEFAULT partition in bytes. */
export async function defaultPartitionBytes(exec: Exec, t: PartitionedTable): Promise<number> {
  const rows = await exec(
    `select pg_total_relation_size('${q(defaultPartitionName(t))}'::regclass)::float8 as bytes`,
  );
  return Number(rows[0]?.['bytes'] ?? 0);
}

/**
 * Creates the partition of a month and moves into it the rows of that month waiting in the
 * DEFAULT partition (PostgreSQL refuses to attach a range that DEFAULT holds rows of). The new
 * table is filled while it is still detached, then ATTACHed: ATTACH takes only a SHARE UPDATE
 * EXCLUSIVE lock on the parent (writers of partitioned months go on; readers and writers of
 * DEFAULT wait for the commit) and, thanks to the CHECK constraint matching the
 * bounds, does not scan the new table again. Returns the number of rows moved. Runs inside the
 * caller's transaction: either the partition exists with its rows, or nothing changed.
 */
export async function createMonthPartition(
  exec: Exec,
  t: PartitionedTable,
  month: number,
): Promise<number> {
  const name = partitionName(t, month);
  const { from, to } = monthBounds(t, month);
  const range = `${q(t.key)} >= ${from} and ${q(t.key)} < ${to}`;
  // ATTACH needs this lock on DEFAULT anyway; taking it first keeps a writer from adding a row of
  // the month to DEFAULT between the move and the ATTACH (and avoids a lock upgrade).
  await exec(`lock table ${q(defaultPartitionName(t))} in access exclusive mode`);
  await exec(
    `create table ${q(name)} (like ${q(t.table)} including defaults including constraints including storage)`,
  );
  await exec(`alter table ${q(name)} add constraint ${q(`${name}_bounds`)} check (${range})`);
  const moved = await exec(
    `with moved as (delete from ${q(defaultPartitionName(t))} where ${range} returning *),
     ins as (insert into ${q(name)} select * from moved returning 1)
     select count(*)::float8 as n from ins`,
  );
  await exec(
    `alter table ${q(t.table)} attach partition ${q(name)} for values from (${from}) to (${to})`,
  );
  await exec(`alter table ${q(name)} drop constraint ${q(`${name}_bounds`)}`);
  return Number(moved[0]?.['n'] ?? 0);
}

/** Detaches a month partition: it stays as a table of its own (to archive, then drop by hand). */
export async function detachMonthPartition(
  exec: Exec,
  t: PartitionedTable,
  month: number,
): Promise<void> {
  await exec(`alter table ${q(t.table)} detach partition ${q(partitionName(t, month))}`);
}

/** Drops a month partition and its rows. */
export async function dropMonthPartition(
  exec: Exec,
  t: PartitionedTable,
  month: number,
): Promise<void> {
  await exec(`drop table ${q(partitionName(t, month))}`);
}

/**
 * Turns the plain table into one partitioned by month (migration 0032): the old table is renamed
 * away, the new parent gets the same columns, key and a DEFAULT partition, a partition is
 * created for each month `choose` picks from the months that hold rows, all rows are copied over
 * (rows of months without a partition into DEFAULT) and the old table dropped. Returns the number
 * of rows copied.
 */
export async function partitionExistingTable(
  exec: Exec,
  t: PartitionedTable,
  choose: (monthsWithRows: number[]) => number[],
): Promise<number> {
  const old = `${t.table}_unpartitioned`;
  await exec(`alter table ${q(t.table)} rename to ${q(old)}`);
  await exec(`alter index ${q(`${t.table}_pk`)} rename to ${q(`${old}_pk`)}`);
  await exec(
    `create table ${q(t.table)} (like ${q(old)} including defaults including constraints including storage)
     partition by range (${q(t.key)})`,
  );
  await exec(
    `alter table ${q(t.table)} add constraint ${q(`${t.table}_pk`)} primary key (${t.primaryKey.map(q).join(', ')})`,
  );
  if (t.brin)
    await exec(
      `create index ${q(`${t.table}_${t.key}_brin`)} on ${q(t.table)} using brin (${q(t.key)})`,
    );
  await exec(`create table ${q(defaultPartitionName(t))} partition of ${q(t.table)} default`);
  const withRows = (await exec(`select distinct ${monthExpr(t)} as month from ${q(old)}`)).map(
    (r) => Number(r['month']),
  );
  for (const m of choose(withRows)) {
    const { from, to } = monthBounds(t, m);
    await exec(
      `create table ${q(partitionName(t, m))} partition of ${q(t.table)} for values from (${from}) to (${to})`,
    );
  }
  const copied = await exec(
    `with ins as (insert into ${q(t.table)} select * from ${q(old)} returning 1) select count(*)::float8 as n from ins`,
  );
  await exec(`drop table ${q(old)}`);
  return Number(copied[0]?.['n'] ?? 0);
}
