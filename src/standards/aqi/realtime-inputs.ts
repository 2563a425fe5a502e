// The values the real-time (hourly) AQI report (实时报) indexes, from a station's hourly series:
// HJ 633-2012 §4.2 — 1-h SO2, NO2, CO, O3, the O3 8-h moving mean and the PM10/PM2.5 24-h moving
// means (and the SO2 24-h moving mean, used when SO2 1 h > 800, Table 1 note 2); HJ 633-2026 — six
// 1-h values (hourly-aqi.ts decides which of these each edition indexes).
// Validity of the moving means: the GB 3095 Table 4 counts (≥ 6 hourly values in an 8-h mean, ≥ 20
// in a 24-h mean, docs/standards/assessment.md §3.2). The table is written for the fixed daily and
// 8-h periods; applying it to the moving means of the real-time report is our reading (UNVERIFIED),
// and the counts are options.
// An area's value is the arithmetic mean of its stations' values (HJ 663 点位平均) with the same
// station coverage rule as the daily values (region-daily.ts).
import type { Pollutant } from '../pollutants.ts';
import {
  requiredStations,
  type RegionDailyOptions,
  type StationCoverage,
} from '../assessment/region-daily.ts';
import type { HourlyAqiInput, HourlyIndicator } from './hourly-aqi.ts';

/** A station's hourly values per pollutant; index = hours since a common start, null = missing. */
export type HourlySeries = Partial<Record<Pollutant, ReadonlyArray<number | null>>>;

/** Minimum valid hours of the moving means. */
export interface RealtimeInputOptions {
  /** Hours in an 8-h moving mean (default 6, GB 3095 Table 4). */
  min8h?: number;
  /** Hours in a 24-h moving mean (default 20, GB 3095 Table 4). */
  min24h?: number;
}

/** Every input key of the real-time report and the pollutant it comes from. */
export const REALTIME_KEYS: Readonly<Record<HourlyIndicator, Pollutant>> = {
  SO2_1h: 'SO2',
  NO2_1h: 'NO2',
  CO_1h: 'CO',
  O3_1h: 'O3',
  PM10_1h: 'PM10',
  'PM2.5_1h': 'PM2.5',
  O3_8h: 'O3',
  PM10_24h: 'PM10',
  'PM2.5_24h': 'PM2.5',
  SO2_24h: 'SO2',
};

function valueAt(s: ReadonlyArray<number | null> | undefined, i: number): number | null {
  const v = s?.[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Mean of the `hours` values ending at index `end` (earlier than index 0 = missing). */
export function movingMean(
  s: ReadonlyArray<number | null> | undefined,
  end: number,
  hours: number,
  minCount: number,
): number | null {
  let sum = 0;
  let n = 0;
  for (let i = Math.max(0, end - hours + 1); i <= end; i++) {
    const v = valueAt(s, i);
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  return n > 0 && n >= minCount ? sum / n : null;
}

/** The real-time report's inputs of one station at hour index `i` (moving means end at `i`). */
export function realtimeInputs(
  series: HourlySeries,
  i: number,
  options: RealtimeInputOptions = {},
): HourlyAqiInput {
  const min8 = options.min8h ?? 6;
  const min24 = options.min24h ?? 20;
  return {
    SO2_1h: valueAt(series.SO2, i),
    NO2_1h: valueAt(series.NO2, i),
    CO_1h: valueAt(series.CO, i),
    O3_1h: valueAt(series.O3, i),
    PM10_1h: valueAt(series.PM10, i),
    'PM2.5_1h': valueAt(series['PM2.5'], i),
    O3_8h: movingMean(series.O3, i, 8, min8),
    PM10_24h: movingMean(series.PM10, i, 24, min24),
    'PM2.5_24h': movingMean(series['PM2.5'], i, 24, min24),
    SO2_24h: movingMean(series.SO2, i, 24, min24),
  };
}

/** Options of `areaRealtimeInputs`: the station coverage rule and the stations expected. */
export interface AreaRealtimeOptions extends Omit<RegionDailyOptions, 'expectedStations'> {
  /** Stations expected per pollutant (default: the number of stations given). */
  expected?: (pollutant: Pollutant) => number;
}

/**
 * An area's real-time inputs: each input is the mean of the stations that have it, or null when
 * fewer than the required share of the expected stations have it.
 */
export function areaRealtimeInputs(
  stations: ReadonlyArray<HourlyAqiInput>,
  options: AreaRealtimeOptions = {},
): { input: HourlyAqiInput; coverage: Partial<Record<HourlyIndicator, StationCoverage>> } {
  const input: HourlyAqiInput = {};
  const coverage: Partial<Record<HourlyIndicator, StationCoverage>> = {};
  for (const [key, pollutant] of Object.entries(REALTIME_KEYS) as [HourlyIndicator, Pollutant][]) {
    let sum = 0;
    let n = 0;
    for (const s of stations) {
      const v = s[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    const expected = options.expected ? options.expected(pollutant) : stations.length;
    const required = requiredStations(expected, options);
    input[key] = n > 0 && n >= required ? sum / n : null;
    coverage[key] = { valid: n, expected, required };
  }
  return { input, coverage };
}
