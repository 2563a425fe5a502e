/**
 * Finding where the data are: daily AQI of a region or station over the last three years with
 * data (the API's longest range), so that pages open on real data whether the store is live or
 * holds an old import. GET /api/data-days says where they end: one question, no searching
 * backwards through empty ranges (each of which was a 404 in the console).
 */
import { api, ApiError } from '../api/http.ts';
import type { DailyAqiSeries, DataDays } from '../api/types.ts';
import { addDays } from './format.ts';

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

/** The most recent three years that hold data, or null when there are none. */
export async function recentDaily(
  kind: 'region' | 'station',
  code: string,
): Promise<DailyAqiSeries | null> {
  const d = await api<DataDays>('/api/data-days', {
    query: kind === 'region' ? { region: code } : { station: code },
  });
  if (!d.last || !d.first) return null;
  const from = addDays(d.last, -(MAX_SPAN_DAYS - 1));
  return dailySeries(kind, code, from > d.first ? from : d.first, d.last);
}
