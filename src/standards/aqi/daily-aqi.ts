// Daily AQI (日报): HJ 633-2012 §4–§5 (7 indicators: SO2, NO2, PM10, PM2.5, CO 24-h means, O3
// daily max 1-h and daily max 8-h) and HJ 633-2026 (6 indicators: O3 daily max 8-h only; period =
// natural day). docs/standards/aqi.md §2.2.
import type { AqiEdition } from '../editions.ts';
import type { IaqiColumn } from './iaqi-tables.ts';
import { buildAqiResult, indicatorOutcome, type AqiOptions, type AqiResult } from './aqi-result.ts';

/** Daily values of one station or area: 24-h means, O3 daily max 8-h and (2012) max 1-h. */
export interface DailyAqiInput {
  SO2?: number | null;
  NO2?: number | null;
  PM10?: number | null;
  'PM2.5'?: number | null;
  CO?: number | null;
  /** Daily maximum 8-h moving mean of O3. */
  O3_8h?: number | null;
  /** Daily maximum 1-h O3; indexed by HJ 633-2012 only. */
  O3_1h?: number | null;
}

/** An indicator key of the daily report. */
export type DailyIndicator = keyof DailyAqiInput;

/** The daily-report indicators of each edition and the IAQI column each one is indexed with. */
export const DAILY_INDICATORS: Readonly<
  Record<AqiEdition, ReadonlyArray<{ key: DailyIndicator; column: IaqiColumn }>>
> = {
  // HJ 633-2012 §4.1 and Table 1: 24-h columns, plus O3 1-h and 8-h.
  'HJ633-2012': [
    { key: 'SO2', column: 'SO2_24h' },
    { key: 'NO2', column: 'NO2_24h' },
    { key: 'PM10', column: 'PM10_24h' },
    { key: 'PM2.5', column: 'PM2.5_24h' },
    { key: 'CO', column: 'CO_24h' },
    { key: 'O3_8h', column: 'O3_8h' },
    { key: 'O3_1h', column: 'O3_1h' },
  ],
  // HJ 633-2026: six indicators, O3 by its daily max 8-h mean only.
  'HJ633-2026': [
    { key: 'SO2', column: 'SO2_24h' },
    { key: 'NO2', column: 'NO2_24h' },
    { key: 'PM10', column: 'PM10_24h' },
    { key: 'PM2.5', column: 'PM2.5_24h' },
    { key: 'CO', column: 'CO_24h' },
    { key: 'O3_8h', column: 'O3_8h' },
  ],
};

/**
 * Daily AQI report under an edition. O3 8 h > 800: HJ 633-2012 gives no O3_8h IAQI (its O3_1h
 * IAQI stands for O3, Table 1 note 3), HJ 633-2026 gives 300. Missing indicators follow
 * `options.missingData` (default per edition: HJ 633-2026 publishes a partial AQI only when
 * > 100, HJ 633-2012 publishes none — DEFAULT_MISSING_DATA).
 */
export function dailyAqi(
  input: DailyAqiInput,
  edition: AqiEdition,
  options: AqiOptions = {},
): AqiResult {
  const outcomes = DAILY_INDICATORS[edition].map(({ key, column }) =>
    indicatorOutcome(key, column, input[key], edition, options),
  );
  return buildAqiResult(edition, outcomes, options);
}
