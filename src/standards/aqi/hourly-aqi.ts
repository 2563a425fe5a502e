// Real-time (hourly) AQI (实时报): docs/standards/aqi.md §2.2.
// HJ 633-2012 §4.2: 9 published items — 1-h SO2, NO2, O3, CO, PM10, PM2.5, O3 8-h moving mean,
// PM10/PM2.5 24-h moving means. Table 1 has no 1-h PM breakpoints, so the 1-h PM values are
// published as concentrations only and PM is indexed by its 24-h moving means with the 24-h
// columns: 7 indexed indicators. SO2 1 h > 800 is not indexed; SO2 is then reported by its 24-h
// IAQI (Table 1 note 2) — pass `SO2_24h` (24-h moving mean) to get it.
// HJ 633-2026: six 1-h values; 1-h PM indexed with the 24-h breakpoints; SO2 1 h > 800 → 200.
import type { AqiEdition } from '../editions.ts';
import { iaqi } from './iaqi.ts';
import type { IaqiColumn } from './iaqi-tables.ts';
import {
  buildAqiResult,
  indicatorOutcome,
  isUsableConcentration,
  type AqiOptions,
  type AqiResult,
  type IndicatorOutcome,
} from './aqi-result.ts';

/** Hourly values of one station or area. */
export interface HourlyAqiInput {
  SO2_1h?: number | null;
  NO2_1h?: number | null;
  CO_1h?: number | null;
  O3_1h?: number | null;
  /** 1-h PM10: indexed by HJ 633-2026 only (with the 24-h breakpoints). */
  PM10_1h?: number | null;
  /** 1-h PM2.5: indexed by HJ 633-2026 only (with the 24-h breakpoints). */
  'PM2.5_1h'?: number | null;
  /** O3 8-h moving mean: indexed by HJ 633-2012 only. */
  O3_8h?: number | null;
  /** PM10 24-h moving mean: indexed by HJ 633-2012 only. */
  PM10_24h?: number | null;
  /** PM2.5 24-h moving mean: indexed by HJ 633-2012 only. */
  'PM2.5_24h'?: number | null;
  /** SO2 24-h moving mean: HJ 633-2012 fallback when SO2 1 h > 800. */
  SO2_24h?: number | null;
}

/** An input key of the hourly report. */
export type HourlyIndicator = keyof HourlyAqiInput;

/** The indexed hourly indicators of each edition and their IAQI columns. */
export const HOURLY_INDICATORS: Readonly<
  Record<AqiEdition, ReadonlyArray<{ key: HourlyIndicator; column: IaqiColumn }>>
> = {
  'HJ633-2012': [
    { key: 'SO2_1h', column: 'SO2_1h' },
    { key: 'NO2_1h', column: 'NO2_1h' },
    { key: 'CO_1h', column: 'CO_1h' },
    { key: 'O3_1h', column: 'O3_1h' },
    { key: 'O3_8h', column: 'O3_8h' },
    { key: 'PM10_24h', column: 'PM10_24h' },
    { key: 'PM2.5_24h', column: 'PM2.5_24h' },
  ],
  'HJ633-2026': [
    { key: 'SO2_1h', column: 'SO2_1h' },
    { key: 'NO2_1h', column: 'NO2_1h' },
    { key: 'CO_1h', column: 'CO_1h' },
    { key: 'O3_1h', column: 'O3_1h' },
    { key: 'PM10_1h', column: 'PM10_24h' },
    { key: 'PM2.5_1h', column: 'PM2.5_24h' },
  ],
};

/**
 * Hourly AQI report under an edition. Under HJ 633-2012, when SO2 1 h > 800 the IAQI of
 * `SO2_24h` is added under the key 'SO2_24h'; without that value SO2_1h counts as missing.
 */
export function hourlyAqi(
  input: HourlyAqiInput,
  edition: AqiEdition,
  options: AqiOptions = {},
): AqiResult {
  const outcomes: IndicatorOutcome[] = [];
  for (const { key, column } of HOURLY_INDICATORS[edition]) {
    const outcome = indicatorOutcome(key, column, input[key], edition, options);
    if (key === 'SO2_1h' && outcome.present && outcome.result?.note === 'not_computed') {
      // HJ 633-2012 Table 1 note 2: report SO2 by its 24-h IAQI instead.
      const c24 = input.SO2_24h;
      const fallback = isUsableConcentration(c24) ? iaqi('SO2_24h', c24, edition, options) : null;
      outcomes.push({ key, present: fallback !== null, result: outcome.result });
      if (fallback) outcomes.push({ key: 'SO2_24h', present: true, result: fallback });
      continue;
    }
    outcomes.push(outcome);
  }
  return buildAqiResult(edition, outcomes, options);
}
