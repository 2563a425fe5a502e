// Times in GB 17691-2018 Annex Q / HJ 1239 frames: 6 binary bytes (year − 2000, month, day,
// hour, minute, second), Beijing time (UTC+8), not BCD (docs/standards/gb17691.md §1,
// docs/trucks.md). Decoded times are ISO 8601 strings with the +08:00 offset, e.g.
// "2024-05-01T08:30:00+08:00".

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const BEIJING_MS = 8 * 3600_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Number of bytes of a time field. */
export const TIME_BYTES = 6;

/** The time at data[at, at+6) as "YYYY-MM-DDTHH:mm:ss+08:00", or null when not a valid date. */
export function readTime(data: Uint8Array, at: number): string | null {
  const month = data[at + 1]!;
  const day = data[at + 2]!;
  const hour = data[at + 3]!;
  const minute = data[at + 4]!;
  const second = data[at + 5]!;
  const year = 2000 + data[at]!;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${year}-${PAD2[month]}-${PAD2[day]}T${PAD2[hour]}:${PAD2[minute]}:${PAD2[second]}+08:00`;
}

/** Whether data[at, at+6) is a valid time. */
export function isValidTime(data: Uint8Array, at: number): boolean {
  return readTime(data, at) !== null;
}

/**
 * Writes an ISO time as 6 bytes of Beijing time. A time with another offset is converted; one
 * without an offset is taken as Beijing time. Throws RangeError outside 2000–2255 or when the
 * text is not an ISO date-time; null writes 0xFF × 6 (an invalid time, for test frames).
 */
export function writeTime(out: Uint8Array, at: number, iso: string | null): void {
  if (iso === null) {
    out.fill(0xff, at, at + TIME_BYTES);
    return;
  }
  const parts = beijingParts(iso);
  if (parts === null)
    throw new RangeError(`不是有效的时间："${iso}"（应为 ISO 8601，如 2024-05-01T08:30:00+08:00）`);
  const [year, month, day, hour, minute, second] = parts;
  if (year < 2000 || year > 2255) throw new RangeError(`时间 "${iso}" 的年份不在 2000–2255 之间`);
  out[at] = year - 2000;
  out[at + 1] = month;
  out[at + 2] = day;
  out[at + 3] = hour;
  out[at + 4] = minute;
  out[at + 5] = second;
}

/** The Beijing wall-clock time of an instant as "YYYY-MM-DDTHH:mm:ss+08:00". */
export function beijingIso(instant: Date): string {
  const d = new Date(Math.floor(instant.getTime() / 1000) * 1000 + BEIJING_MS);
  const year = d.getUTCFullYear();
  return (
    `${year}-${PAD2[d.getUTCMonth() + 1]}-${PAD2[d.getUTCDate()]}` +
    `T${PAD2[d.getUTCHours()]}:${PAD2[d.getUTCMinutes()]}:${PAD2[d.getUTCSeconds()]}+08:00`
  );
}

/** Milliseconds since the epoch of a decoded "…+08:00" time (or any ISO time). */
export function timeToEpochMs(iso: string): number {
  return Date.parse(iso);
}

function beijingParts(iso: string): [number, number, number, number, number, number] | null {
  const m = ISO.exec(iso);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  const zone = m[7];
  if (zone === undefined || zone === '+08:00') return [y, mo, d, h, mi, s];
  const offsetMs =
    zone === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) *
        (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4))) *
        60_000;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMs + BEIJING_MS);
  return [
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  ];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
