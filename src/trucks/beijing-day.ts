/**
 * Beijing calendar days (UTC+8, no daylight saving): day 'YYYY-MM-DD' runs from 16:00 UTC of the
 * previous day to 16:00 UTC of that day. Pure.
 */
import { LantianError } from '../errors.ts';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Beijing day of an instant (UTC epoch ms). */
export function beijingDayOf(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar day written 'YYYY-MM-DD'. */
export function isBeijingDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const utcMidnight = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  return Number.isFinite(utcMidnight) && new Date(utcMidnight).toISOString().slice(0, 10) === day;
}

/** [start, end) of a Beijing day in UTC epoch ms; LT_ERR_BAD_DATE when not 'YYYY-MM-DD'. */
export function beijingDayRange(day: string): { start: number; end: number } {
  if (!isBeijingDay(day)) throw new LantianError('LT_ERR_BAD_DATE', day);
  const start = Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
  return { start, end: start + DAY_MS };
}

/** The Beijing day before `day`. */
export function previousBeijingDay(day: string): string {
  return beijingDayOf(beijingDayRange(day).start - DAY_MS);
}
