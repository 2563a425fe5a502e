// The one calendar core: local dates 'YYYY-MM-DD' (the region's own calendar, e.g. Asia/Shanghai)
// and the length of an hour and a day in milliseconds. Pure arithmetic on the proleptic Gregorian
// calendar; no time zones (src/time/zoned-time.ts) and no error catalogue: refusals here are plain
// RangeErrors, which the edges (src/time/date-input.ts) turn into catalogue codes.

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One calendar day (24 hours) in milliseconds. */
export const DAY_MS = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the year is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the string is a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws a RangeError unless the string is a real calendar date 'YYYY-MM-DD'. */
export function assertLocalDate(value: string, what = 'date'): void {
  if (!isLocalDate(value)) {
    throw new RangeError(`${what} must be a calendar date 'YYYY-MM-DD', got '${value}'`);
  }
}

/** Splits a valid local date into numeric year, month (1–12) and day. */
export function parseLocalDate(value: string): { year: number; month: number; day: number } {
  assertLocalDate(value);
  return {
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
  };
}

/** Formats year, month (1–12) and day as 'YYYY-MM-DD'. */
export function formatLocalDate(year: number, month: number, day: number): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day number since 1970-01-01 of a local date (no time zone involved). */
export function dateToDayNumber(value: string): number {
  const { year, month, day } = parseLocalDate(value);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Local date of a day number since 1970-01-01. */
export function dayNumberToDate(n: number): string {
  const t = new Date(n * DAY_MS);
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The local date n days after (n < 0: before) the given one. */
export function addDays(value: string, n: number): string {
  return dayNumberToDate(dateToDayNumber(value) + n);
}

/** Number of calendar days from `from` to `to`, both included (0 when to < from). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, dateToDayNumber(to) - dateToDayNumber(from) + 1);
}

/** Every local date from `from` to `to`, both included. */
export function eachLocalDate(from: string, to: string): string[] {
  const a = dateToDayNumber(from);
  const b = dateToDayNumber(to);
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(dayNumberToDate(n));
  return out;
}

/** Why a date range was refused: an end that is no date, ends inverted, or a span too long. */
export type DateRangeProblem = 'bad-from' | 'bad-to' | 'inverted' | 'too-long';

/** A refused date range; `problem` says why, `span` is its length in days when both ends are dates. */
export class DateRangeError extends RangeError {
  constructor(
    readonly problem: DateRangeProblem,
    readonly from: string,
    readonly to: string,
    readonly span: number | null,
    readonly maxDays: number,
  ) {
    super(`date range ${from}..${to} refused: ${problem}`);
    this.name = 'DateRangeError';
  }
}

/** The longest range the daily statistics accept by default: three years and a day. */
export const DEFAULT_MAX_RANGE_DAYS = 3 * 366 + 1;

/** Checks a range of local dates (both ends inclusive); throws DateRangeError. */
export function assertDateRange(from: string, to: string, maxDays = DEFAULT_MAX_RANGE_DAYS): void {
  if (!isLocalDate(from)) throw new DateRangeError('bad-from', from, to, null, maxDays);
  if (!isLocalDate(to)) throw new DateRangeError('bad-to', from, to, null, maxDays);
  const span = dateToDayNumber(to) - dateToDayNumber(from) + 1;
  if (span < 1) throw new DateRangeError('inverted', from, to, span, maxDays);
  if (span > maxDays) throw new DateRangeError('too-long', from, to, span, maxDays);
}

/** The same calendar range one year earlier (29 February maps to the 28th). */
export function samePeriodLastYear(from: string, to: string): { from: string; to: string } {
  const shift = (value: string): string => {
    const { year, month, day } = parseLocalDate(value);
    return formatLocalDate(year - 1, month, Math.min(day, daysInMonth(year - 1, month)));
  };
  return { from: shift(from), to: shift(to) };
}
