/**
 * Instants and local wall-clock time. Lantian stores instants as UTC epoch milliseconds and keeps
 * each region's IANA time zone; conversion happens once, at the edges (imports, reports).
 */
import { LantianError } from '../errors.ts';
import { DAY_MS, formatLocalDate, HOUR_MS } from '../standards/local-date.ts';

/** Zones whose offset has been constant since 1992 (China dropped daylight saving in 1991). */
const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  'Asia/Harbin': 480,
  'Asia/Urumqi': 360,
  'Etc/GMT-8': 480,
  UTC: 0,
  'Etc/UTC': 0,
};
const FIXED_SINCE_MS = Date.UTC(1992, 0, 1);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new LantianError('LT_ERR_BAD_CONFIG', `未知时区 ${timeZone}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of local time from UTC, in minutes, at the instant `epochMs`. */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  const fixed = FIXED_OFFSET_MINUTES[timeZone];
  if (fixed !== undefined && epochMs >= FIXED_SINCE_MS) return fixed;
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Local wall-clock time → instant. Ambiguous or skipped local times resolve to the earlier offset. */
export function localToEpoch(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const fixed = FIXED_OFFSET_MINUTES[timeZone];
  if (fixed !== undefined && asUtc >= FIXED_SINCE_MS + DAY_MS) return asUtc - fixed * 60_000;
  let guess = asUtc - offsetMinutes(timeZone, asUtc) * 60_000;
  guess = asUtc - offsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/** Local calendar parts of an instant. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Instant → local wall-clock parts. */
export function epochToLocal(timeZone: string, epochMs: number): LocalParts {
  const t = new Date(epochMs + offsetMinutes(timeZone, epochMs) * 60_000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

/** Local calendar date ('YYYY-MM-DD') containing an instant. */
export function epochToLocalDate(timeZone: string, epochMs: number): string {
  const p = epochToLocal(timeZone, epochMs);
  return formatLocalDate(p.year, p.month, p.day);
}

/** Instant of local midnight starting `date`. */
export function dateStartEpoch(timeZone: string, date: string): number {
  return localToEpoch(
    timeZone,
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)),
    Number(date.slice(8, 10)),
  );
}

/** ISO 8601 text of an instant in local time with its offset, e.g. 2016-01-01T08:00:00+08:00. */
export function formatLocalIso(timeZone: string, epochMs: number): string {
  const off = offsetMinutes(timeZone, epochMs);
  const p = epochToLocal(timeZone, epochMs);
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:00`;
  return `${formatLocalDate(p.year, p.month, p.day)}T${time}${sign}${hh}:${mm}`;
}
