/**
 * Calendar dates as 'YYYY-MM-DD' strings: the unit of daily statistics. Dates carry no time zone;
 * the region's zone turns them into instants (see zoned-time.ts).
 */
import { LantianError } from '../errors.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days in each month of a year (February depends on the leap rule). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when `s` is a real calendar date written 'YYYY-MM-DD'. */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Validates a date string, throwing LT_ERR_BAD_DATE with the offending value. */
export function parseCalendarDate(s: string, what = '日期'): string {
  if (!isCalendarDate(s)) throw new LantianError('LT_ERR_BAD_DATE', `${what} "${s}"`);
  return s;
}

/** Formats year, month, day as 'YYYY-MM-DD'. */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number since 1970-01-01 of a calendar date (no time zone involved). */
export function dateToDayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Calendar date of a day number since 1970-01-01. */
export function dayNumberToDate(n: number): string {
  const t = new Date(n * DAY_MS);
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return dayNumberToDate(dateToDayNumber(date) + n);
}

/** Number of days from `from` to `to` inclusive (0 when to < from). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, dateToDayNumber(to) - dateToDayNumber(from) + 1);
}

/** Every date from `from` to `to` inclusive. */
export function eachDate(from: string, to: string): string[] {
  const a = dateToDayNumber(from);
  const b = dateToDayNumber(to);
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(dayNumberToDate(n));
  return out;
}

/** Validates a date range (both ends inclusive) and returns it; throws LT_ERR_BAD_RANGE. */
export function parseDateRange(
  from: string,
  to: string,
  maxDays = 3 * 366 + 1,
): { from: string; to: string } {
  parseCalendarDate(from, '起始日期');
  parseCalendarDate(to, '结束日期');
  const span = dateToDayNumber(to) - dateToDayNumber(from) + 1;
  if (span < 1) throw new LantianError('LT_ERR_BAD_RANGE', `${from} 晚于 ${to}`);
  if (span > maxDays)
    throw new LantianError('LT_ERR_BAD_RANGE', `跨度 ${span} 天，超过上限 ${maxDays} 天`);
  return { from, to };
}

/** The same calendar range one year earlier (29 Feb maps to 28 Feb). */
export function samePeriodLastYear(from: string, to: string): { from: string; to: string } {
  const shift = (d: string): string => {
    const y = Number(d.slice(0, 4)) - 1;
    const m = Number(d.slice(5, 7));
    const day = Math.min(Number(d.slice(8, 10)), daysInMonth(y, m));
    return formatDate(y, m, day);
  };
  return { from: shift(from), to: shift(to) };
}
