/**
 * Finding where the data are: daily AQI of a region or station over the last three years (the
 * API's longest range), stepping back three years at a time when there are none, so that pages
 * open on real data whether the store is live or holds an old import.
 */
import { api, ApiError } from '../api/http.ts';
import type { DailyAqiSeries } from '../api/types.ts';
import { addDays, beijingToday } from './format.ts';

/** Longest range the daily AQI routes accept, in days. */
export const MAX_SPAN_DAYS = 3 * 366 + 1;

/** Path of the daily AQI route of a region or a station. */
export function dailyPath(kind: 'region' | 'station', code: string): string {
  return kind === 'region' ? `/api/regions/${code}/aqi/daily` : `/api/stations/${code}/aqi/daily`;
}

/** Daily AQI over [from, to], or null when there are no data (LT_ERR_NO_DATA). */
export async function dailySeries(
  kind: 'region' | 'station',
  code: string,
  from: string,
  to: string,
): Promise<DailyAqiSeries | null> {
  try {
    return await api<DailyAqiSeries>(dailyPath(kind, code), { query: { from, to } });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'LT_ERR_NO_DATA') return null;
    throw e;
  }
}

/** The most recent three years that hold data (up to 12 years back), or null. */
export async function recentDaily(
  kind: 'region' | 'station',
  code: string,
): Promise<DailyAqiSeries | null> {
  let to = beijingToday();
  for (let i = 0; i < 4; i++) {
    const from = addDays(to, -(MAX_SPAN_DAYS - 1));
    const s = await dailySeries(kind, code, from, to);
    if (s && s.days.length > 0) return s;
    to = addDays(from, -1);
  }
  return null;
}
