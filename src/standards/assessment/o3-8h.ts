// O3 8-h moving means, daily maximum 8-h mean (MDA8) and daily maximum 1-h value:
// GB 3095 Table 4 (≥ 6 hourly values in each 8 h) and HJ 663-2013 (17 windows per natural day,
// ending 08:00…24:00; valid with ≥ 14 valid windows, or fewer when the maximum exceeds the
// limit). docs/standards/assessment.md §3.2.

/** Default minimum of hourly values in an 8-h window (GB 3095 Table 4). */
export const O3_8H_MIN_HOURS = 6;
/** Default minimum of valid windows for a valid MDA8 (HJ 663-2013). */
export const MDA8_MIN_WINDOWS = 14;
/** Default O3 8-h limit used by the MDA8 exceedance exception (GB 3095 Table 1, Grade II). */
export const MDA8_DEFAULT_LIMIT = 160;
/** Number of 8-h windows inside a natural day: hours 0–7 … 16–23. */
export const MDA8_WINDOWS_PER_DAY = 17;

function isValue(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function windowMean(
  hours: ReadonlyArray<number | null>,
  start: number,
  end: number,
  minCount: number,
): number | null {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, start); i <= end; i++) {
    const v = hours[i];
    if (isValue(v)) {
      sum += v;
      count++;
    }
  }
  return count > 0 && count >= minCount ? sum / count : null;
}

/**
 * The 8-h moving mean ending at each index (entries i−7 … i; entries before the start of the
 * array count as missing), null when fewer than `minCount` valid hours (GB 3095 Table 4: 6).
 */
export function o3MovingMeans(
  hours: ReadonlyArray<number | null>,
  minCount: number = O3_8H_MIN_HOURS,
): Array<number | null> {
  return hours.map((_, i) => windowMean(hours, i - 7, i, minCount));
}

/** Options of `mda8`. */
export interface Mda8Options {
  /** Minimum valid hours per 8-h window (default 6, GB 3095 Table 4). */
  minHoursPerWindow?: number;
  /** Minimum valid windows (default 14, HJ 663-2013). */
  minWindows?: number;
  /** Limit of the exceedance exception (default 160, GB 3095 Grade II 8-h). */
  limit?: number;
}

/** Result of `mda8`. */
export interface Mda8Result {
  /** The MDA8 when valid, else null. */
  value: number | null;
  /** Number of valid 8-h windows (0–17). */
  windows: number;
  valid: boolean;
  /** Largest valid window mean even when the day is invalid (for display only). */
  max: number | null;
}

/**
 * Daily maximum 8-h mean of one natural day (HJ 663-2013): windows hours 0–7 … 16–23 of the 24
 * values (index = hour start; fewer than 24 values = trailing hours missing). Valid with ≥ 14 valid
 * windows, or with fewer when the maximum already exceeds `limit`.
 */
export function mda8(
  dayHours: ReadonlyArray<number | null>,
  options: Mda8Options = {},
): Mda8Result {
  if (dayHours.length > 24) {
    throw new RangeError(`mda8 takes the 24 hourly values of one day, got ${dayHours.length}`);
  }
  const minHours = options.minHoursPerWindow ?? O3_8H_MIN_HOURS;
  const minWindows = options.minWindows ?? MDA8_MIN_WINDOWS;
  const limit = options.limit ?? MDA8_DEFAULT_LIMIT;
  let max: number | null = null;
  let windows = 0;
  for (let start = 0; start < MDA8_WINDOWS_PER_DAY; start++) {
    const m = windowMean(dayHours, start, start + 7, minHours);
    if (m === null) continue;
    windows++;
    if (max === null || m > max) max = m;
  }
  const valid = max !== null && (windows >= minWindows || max > limit);
  return { value: valid ? max : null, windows, valid, max };
}

/** Options of `max1h`. */
export interface Max1hOptions {
  /** Minimum valid hours for a valid daily max (default 20, same as the daily mean). */
  minCount?: number;
  /** If set, a maximum above it is valid whatever the count (like the MDA8 exception). */
  limit?: number;
}

/** Result of `max1h`. */
export interface Max1hResult {
  value: number | null;
  count: number;
  valid: boolean;
  max: number | null;
}

/**
 * Daily maximum 1-h value. HJ 663 states no count rule we could verify for it; we require ≥ 20
 * valid hours like the daily mean (GB 3095 Table 4), optionally valid whatever the count when the
 * maximum exceeds `limit` (no exception by default). Both are configuration.
 */
export function max1h(
  dayHours: ReadonlyArray<number | null>,
  options: Max1hOptions = {},
): Max1hResult {
  const minCount = options.minCount ?? 20;
  let max: number | null = null;
  let count = 0;
  for (const v of dayHours) {
    if (!isValue(v)) continue;
    count++;
    if (max === null || v > max) max = v;
  }
  const valid =
    max !== null && (count >= minCount || (options.limit !== undefined && max > options.limit));
  return { value: valid ? max : null, count, valid, max };
}
