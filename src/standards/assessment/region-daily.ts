// City/area daily values from its assessment points: HJ 663-2013 — the city value is the
// arithmetic mean of its valid evaluation points (点位平均), docs/standards/assessment.md §3.3.
// The order of averaging for MDA8 (mean of station MDA8s vs MDA8 of the averaged hourly series)
// is UNVERIFIED: here each daily statistic (24-h means, MDA8, max 1-h) is averaged across stations
// as given. For the other order, average hourly values first and compute the MDA8 on that series.
//
// How many points must have a valid value for the city value to exist is UNVERIFIED: neither the
// HJ 663-2013 text we could read nor the other sources we hold state a share
// (docs/standards/assessment.md §3.3, docs/standards/unverified.md §11 item 3). A mean of one point
// in twelve is not the city's value (2016-09-07: Beijing's whole day rested on one station's O3 8-h
// mean), so by default at least half of the points expected for a value must have it
// (DEFAULT_MIN_STATION_SHARE); share and absolute minimum are configuration
// (LANTIAN_AIR_MIN_STATION_SHARE, docs/assessment.md).
import { DAILY_VALUE_KEYS, type DailyRecord, type DailyValueKey } from './daily-record.ts';

/** Default share of the expected points that must have a valid value (UNVERIFIED rule). */
export const DEFAULT_MIN_STATION_SHARE = 0.5;

/** Options of `regionDaily`. */
export interface RegionDailyOptions {
  /** Absolute minimum of points with a valid value (default 1). */
  minStations?: number;
  /** Share (0–1) of the expected points that must have a valid value (default 0.5, UNVERIFIED). */
  minStationShare?: number;
  /**
   * Points expected to give each value (default: the number of station series passed), as one
   * number, per value, or per date and value. A point whose programme lacks a pollutant, or that
   * was not in service on the date, should not be expected.
   */
  expectedStations?:
    | number
    | Partial<Record<DailyValueKey, number>>
    | ((date: string, key: DailyValueKey) => number);
}

/** How many points gave a value on a day, how many were expected and how many were required. */
export interface StationCoverage {
  valid: number;
  expected: number;
  required: number;
}

/** An area's daily record with the point coverage behind each value. */
export interface RegionDay {
  record: DailyRecord;
  coverage: Record<DailyValueKey, StationCoverage>;
}

/** Points required out of `expected`: max(minStations, ⌈share × expected⌉). */
export function requiredStations(expected: number, options: RegionDailyOptions = {}): number {
  const share = options.minStationShare ?? DEFAULT_MIN_STATION_SHARE;
  const min = options.minStations ?? 1;
  if (!(share >= 0 && share <= 1))
    throw new RangeError(`station share must be in [0, 1]: ${share}`);
  // A tolerance keeps 0.75 × 12 = 9 (not 9.000000000000002 → 10).
  return Math.max(min, Math.ceil(share * expected - 1e-9));
}

function expectedFor(
  date: string,
  key: DailyValueKey,
  series: number,
  expected: RegionDailyOptions['expectedStations'],
): number {
  if (expected === undefined) return series;
  if (typeof expected === 'number') return expected;
  if (typeof expected === 'function') return expected(date, key);
  return expected[key] ?? series;
}

/**
 * Area daily records with their point coverage: for each date and each value, the arithmetic mean
 * of the points' valid values, or null when fewer points than required have one. Sorted by date.
 */
export function regionDailyCoverage(
  stationDays: ReadonlyArray<ReadonlyArray<DailyRecord>>,
  options: RegionDailyOptions = {},
): RegionDay[] {
  const byDate = new Map<string, DailyRecord[]>();
  for (const station of stationDays) {
    for (const day of station) {
      const list = byDate.get(day.date);
      if (list) list.push(day);
      else byDate.set(day.date, [day]);
    }
  }
  const dates = [...byDate.keys()].sort();
  return dates.map((date) => {
    const days = byDate.get(date) ?? [];
    const record: DailyRecord = { date };
    const coverage = {} as Record<DailyValueKey, StationCoverage>;
    for (const key of DAILY_VALUE_KEYS) {
      let sum = 0;
      let count = 0;
      for (const d of days) {
        const v = d[key];
        if (typeof v === 'number' && Number.isFinite(v)) {
          sum += v;
          count++;
        }
      }
      const expected = expectedFor(date, key, stationDays.length, options.expectedStations);
      const required = requiredStations(expected, options);
      record[key] = count > 0 && count >= required ? sum / count : null;
      coverage[key] = { valid: count, expected, required };
    }
    return { record, coverage };
  });
}

/**
 * Area daily records: for each date and each value, the arithmetic mean of the points' valid
 * values (null when fewer points than required have one). Output sorted by date.
 */
export function regionDaily(
  stationDays: ReadonlyArray<ReadonlyArray<DailyRecord>>,
  options: RegionDailyOptions = {},
): DailyRecord[] {
  return regionDailyCoverage(stationDays, options).map((d) => d.record);
}
