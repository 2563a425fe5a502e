/**
 * The rules of the partition job, free of I/O: which month partitions must exist and which are
 * beyond retention. Months are UTC month numbers (month.ts).
 */

/** What a table has now. */
export interface PartitionState {
  /** Months with an attached partition. */
  readonly attached: readonly number[];
  /** Months whose partition table exists but is detached (retired earlier, or by hand). */
  readonly detached: readonly number[];
  /** Months that have rows in the DEFAULT partition. */
  readonly inDefault: readonly number[];
}

/** How far ahead partitions are made and how long they are kept. */
export interface PartitionPolicy {
  /** Months after the current one that must have a partition. */
  readonly aheadMonths: number;
  /** Whole months kept before the current one; undefined = keep forever. */
  readonly retentionMonths: number | undefined;
}

/**
 * True when every row of `month` is older than the retention: the month ended on or before the
 * start of the month `retentionMonths` before the current one. With 12 months in 2026-12, months
 * up to 2025-11 are beyond; 2025-12 … 2026-12 are kept.
 */
export function isBeyondRetention(
  month: number,
  current: number,
  retentionMonths: number | undefined,
): boolean {
  return retentionMonths !== undefined && month < current - retentionMonths;
}

/**
 * Months to create, ascending: the current month and `aheadMonths` after it, and every month
 * whose rows wait in the DEFAULT partition (a late import of an old month) unless it lies beyond
 * the ahead window (a device with a wrong clock) or beyond retention. Months that exist (attached
 * or detached) are never created again: rows of a detached month stay in DEFAULT.
 */
export function monthsToCreate(
  state: PartitionState,
  current: number,
  policy: PartitionPolicy,
): number[] {
  const last = current + policy.aheadMonths;
  const wanted = new Set<number>();
  for (let m = current; m <= last; m++) wanted.add(m);
  for (const m of state.inDefault) if (m <= last) wanted.add(m);
  for (const m of [...state.attached, ...state.detached]) wanted.delete(m);
  return [...wanted]
    .filter((m) => !isBeyondRetention(m, current, policy.retentionMonths))
    .sort((a, b) => a - b);
}

/** Attached months beyond retention, ascending (none when the retention is unset). */
export function monthsToRetire(
  attached: readonly number[],
  current: number,
  retentionMonths: number | undefined,
): number[] {
  return attached
    .filter((m) => isBeyondRetention(m, current, retentionMonths))
    .sort((a, b) => a - b);
}
