// Calendar helpers for local dates 'YYYY-MM-DD' (the region's own calendar, e.g. Asia/Shanghai).
// Pure arithmetic on the proleptic Gregorian calendar; no time zones are involved.

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

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

function toUtcMs(value: string): number {
  const { year, month, day } = parseLocalDate(value);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The local date n days after (n < 0: before) the given one. */
export function addDays(value: string, n: number): string {
  return fromUtcMs(toUtcMs(value) + n * DAY_MS);
}

/** Number of calendar days from `from` to `to`, both included (0 when to < from). */
export function daysInclusive(from: string, to: string): number {
  const n = Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1;
  return Math.max(0, n);
}

/** Every local date from `from` to `to`, both included. */
export function eachLocalDate(from: string, to: string): string[] {
  const out: string[] = [];
  const n = daysInclusive(from, to);
  const start = toUtcMs(from);
  for (let i = 0; i < n; i++) out.push(fromUtcMs(start + i * DAY_MS));
  return out;
}
