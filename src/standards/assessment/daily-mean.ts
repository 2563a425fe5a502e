// Daily (24-h) mean of hourly values with the validity rule of GB 3095-2012 Table 4 /
// GB 3095-2026 Table 4 / HJ 663-2013: at least 20 hourly values per day
// (docs/standards/assessment.md §3.2).

/** Result of `dailyMean`. */
export interface DailyMeanResult {
  /** The daily mean when valid, else null (null = invalid day for statistics). */
  value: number | null;
  /** Number of valid (finite) hourly values. */
  count: number;
  /** True when count ≥ minCount. */
  valid: boolean;
  /** Mean of the available hours even when the day is invalid (for display only). */
  mean: number | null;
}

/** Default minimum of hourly values for a valid daily mean (GB 3095 Table 4). */
export const DAILY_MEAN_MIN_HOURS = 20;

/**
 * Arithmetic mean of the hourly values of one day (null / non-finite = missing); valid with at
 * least `minCount` values (GB 3095 Table 4: 20). `value` is null for an invalid day.
 */
export function dailyMean(
  hourly: ReadonlyArray<number | null>,
  minCount: number = DAILY_MEAN_MIN_HOURS,
): DailyMeanResult {
  let sum = 0;
  let count = 0;
  for (const v of hourly) {
    if (v !== null && Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : null;
  const valid = count > 0 && count >= minCount;
  return { value: valid ? mean : null, count, valid, mean };
}
