/**
 * DataTime of HJ 212 uploads (pure): `YYYYMMDDhhmmss` in the device's local time (HJ 212-2017
 * Table 4). For 2051/2061/2031 it is the START of the interval, for 2011 the acquisition
 * instant (docs/standards/hj212.md §1.5). Some loggers append milliseconds (`zzz`); they are
 * accepted.
 */
import { localToEpoch } from '../../time/zoned-time.ts';
import { daysInMonth } from '../../standards/local-date.ts';

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** DataTime text → UTC epoch ms in `timeZone`, or NaN when it is not a valid date and time. */
export function parseDataTime(s: string, timeZone: string): number {
  if (s.length !== 14 && s.length !== 17) return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 4, 6);
  const d = digits(s, 6, 8);
  const h = digits(s, 8, 10);
  const mi = digits(s, 10, 12);
  const se = digits(s, 12, 14);
  const ms = s.length === 17 ? digits(s, 14, 17) : 0;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return Number.NaN;
  if (se < 0 || se > 59 || ms < 0 || d > daysInMonth(y, mo)) return Number.NaN;
  return localToEpoch(timeZone, y, mo, d, h, mi, se) + ms;
}
