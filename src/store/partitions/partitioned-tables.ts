/**
 * The tables partitioned by month on PostgreSQL (migration 0032) and how their partitions are
 * named and bounded. Each is partitioned by RANGE on the time bucket that leads its key, because
 * every query of the code filters on that bucket (`day in …`, `minute in …`, `day between …`):
 * the planner prunes partitions from those conditions, and the key (which ON CONFLICT needs)
 * contains the partition column as PostgreSQL requires.
 */
import { monthDigits, monthFromDigits, monthStartMs } from './month.ts';

/** One month-partitioned table. */
export interface PartitionedTable {
  /** The parent table. */
  readonly table: string;
  /** The partition column: an integer bucket of UTC time. */
  readonly key: string;
  /** Width of one key unit in ms (day bucket 86 400 000, minute bucket 60 000). */
  readonly unitMs: number;
  /** Columns of the primary key, in order (the ON CONFLICT target of the upserts). */
  readonly primaryKey: readonly string[];
  /**
   * A BRIN index on the key, or none. See migration 0032 for why device_values has one and
   * readings does not.
   */
  readonly brin: boolean;
}

/** Both tables, in the order they are handled. */
export const PARTITIONED_TABLES: readonly PartitionedTable[] = [
  {
    table: 'readings',
    key: 'day',
    unitMs: 86_400_000,
    primaryKey: ['day', 'station_id', 'pollutant', 'hour'],
    brin: false,
  },
  {
    table: 'device_values',
    key: 'minute',
    unitMs: 60_000,
    primaryKey: ['minute', 'device_id', 'cn', 'code', 'data_time'],
    brin: true,
  },
];

/** Name of a month's partition, e.g. `readings_p202612`. */
export function partitionName(t: PartitionedTable, month: number): string {
  return `${t.table}_p${monthDigits(month)}`;
}

/** Name of the DEFAULT partition (rows of months that have no partition). */
export function defaultPartitionName(t: PartitionedTable): string {
  return `${t.table}_default`;
}

/** The month a partition name stands for, or undefined when it is not a month partition of `t`. */
export function monthOfPartitionName(t: PartitionedTable, name: string): number | undefined {
  const prefix = `${t.table}_p`;
  return name.startsWith(prefix) ? monthFromDigits(name.slice(prefix.length)) : undefined;
}

/** Key bounds [from, to) of a month: the key values of its first instant and of the next month's. */
export function monthBounds(t: PartitionedTable, month: number): { from: number; to: number } {
  return { from: monthStartMs(month) / t.unitMs, to: monthStartMs(month + 1) / t.unitMs };
}
