/**
 * Which day the pages open on when nobody chose one, from GET /api/data-days (pure): today when
 * the data are live (the last assessable day is today or yesterday — today's daily value exists
 * only once the day is over, its real-time AQI before), else the last day the city can be
 * assessed on, with a sentence saying so. Never the last day a few stray rows happen to hold.
 */
import type { DataDays } from '../api/types.ts';
import { addDays, formatDate } from './format.ts';

/** The default day and why it was chosen (empty when it is simply today). */
export interface DefaultDay {
  date: string;
  note: string;
}

/** The day to open on, given the API's answer (null when it could not be asked) and today. */
export function defaultDay(d: DataDays | null, today: string): DefaultDay {
  if (!d || !d.lastAssessable) {
    return {
      date: today,
      note: d && d.stations > 0 ? '尚无可评价的监测数据（考核站点无 PM₂.₅ 日均值）' : '',
    };
  }
  if (d.lastAssessable >= addDays(d.today, -1)) return { date: d.today, note: '' };
  return {
    date: d.lastAssessable,
    note:
      `${formatDate(d.today)}没有新的监测数据，显示最近可评价的日期 ${formatDate(d.lastAssessable)}` +
      `（当日至少 ${d.required}/${d.stations} 个考核站点有 PM₂.₅ 日均值）`,
  };
}
