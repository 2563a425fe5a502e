// The daily values of one station or area used by HJ 663 statistics.

/** Daily values of one day (null or absent = invalid/missing), concentrations in canonical units. */
export interface DailyRecord {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  SO2?: number | null;
  NO2?: number | null;
  PM10?: number | null;
  'PM2.5'?: number | null;
  CO?: number | null;
  /** O3 daily maximum 8-h mean (MDA8). */
  O3_8h?: number | null;
  /** O3 daily maximum 1-h value. */
  O3_1h?: number | null;
}

/** A value key of a daily record. */
export type DailyValueKey = Exclude<keyof DailyRecord, 'date'>;

/** Every value key of a daily record. */
export const DAILY_VALUE_KEYS: readonly DailyValueKey[] = [
  'SO2',
  'NO2',
  'PM10',
  'PM2.5',
  'CO',
  'O3_8h',
  'O3_1h',
];
