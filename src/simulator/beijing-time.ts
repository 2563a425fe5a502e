// Simulated instants as HJ 212 field text. Data loggers in China send local time (Asia/Shanghai,
// UTC+8 with no daylight saving since 1991), so the offset is a constant here.

import { LantianError } from '../errors.ts';
import { DAY_MS, HOUR_MS } from '../standards/local-date.ts';

/** Offset of Beijing time from UTC in milliseconds. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

function fields(ms: number): Date {
  return new Date(ms + BEIJING_OFFSET_MS);
}

const p2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** `YYYYMMDDhhmmss` in Beijing time (HJ 212-2017 Table 4 DataTime). */
export function formatDataTime(ms: number): string {
  const d = fields(ms);
  return (
    d.getUTCFullYear() +
    p2(d.getUTCMonth() + 1) +
    p2(d.getUTCDate()) +
    p2(d.getUTCHours()) +
    p2(d.getUTCMinutes()) +
    p2(d.getUTCSeconds())
  );
}

/** `YYYYMMDDhhmmsszzz` in Beijing time (HJ 212-2017 Table 3 QN). */
export function formatQn(ms: number): string {
  return formatDataTime(ms) + String(Math.floor(ms) % 1000).padStart(3, '0');
}

/** Inverse of formatDataTime: epoch ms of a `YYYYMMDDhhmmss` Beijing-time string. */
export function parseDataTime(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
}

/** Local hour of day as a fraction in [0, 24). */
export function beijingHour(ms: number): number {
  return ((((ms + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/** Local day of the year, 0-based (1 January = 0). */
export function dayOfYear(ms: number): number {
  const d = fields(ms);
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/** Start of the local hour containing `ms`. */
export function hourStart(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / HOUR_MS) * HOUR_MS - BEIJING_OFFSET_MS;
}

/**
 * Parses `--start-time`: ISO 8601; a value without an offset is Beijing time (a demo operator
 * types local time), `Z` or `±hh:mm` are honoured.
 */
export function parseStartTime(text: string): number {
  const t = text.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(t);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) && !dateOnly;
  const iso = dateOnly ? `${t}T00:00:00+08:00` : hasZone ? t : `${t.replace(' ', 'T')}+08:00`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `--start-time 应为 ISO 8601 时间（如 2024-01-15T08:00:00，不带时区按北京时间），收到 "${text}"`,
    );
  }
  return ms;
}
