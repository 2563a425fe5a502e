// Positioning status, longitude and latitude (9 bytes) of the data-stream, TWC and anti-tamper
// bodies: status bit0 1 = fix invalid, bit1 1 = south latitude, bit2 1 = west longitude;
// longitude and latitude in 1e-6 degree, 4 bytes each (Annex Q table Q.9 as quoted in an
// implementation; docs/standards/gb17691.md §3). Signs are applied: south and west
// come out negative. Latitude is enforced to 0–90° (the quoted text's "0~180°" is a typo) and
// longitude to 0–180°; other values, and all-0xFF, are null. When the fix is lost terminals send
// the last valid position with bit0 set, so a position with fixValid false is still reported.

import { readRaw, writeRaw } from './scaled-field.ts';

/** Bytes of a position. */
export const POSITION_BYTES = 9;

/** A decoded position. `positionStatus` appears only when fixValid and the signs cannot say it. */
export interface Position {
  fixValid: boolean;
  lon: number | null;
  lat: number | null;
  positionStatus?: number;
}

const MAX_LON = 180_000_000;
const MAX_LAT = 90_000_000;

/** Decodes the 9 position bytes at `at`. */
export function readPosition(data: Uint8Array, at: number): Position {
  const status = data[at]!;
  const lonRaw = readRaw(data, at + 1, 4);
  const latRaw = readRaw(data, at + 5, 4);
  const lon = lonRaw > MAX_LON ? null : signed(lonRaw, (status & 4) !== 0);
  const lat = latRaw > MAX_LAT ? null : signed(latRaw, (status & 2) !== 0);
  const p: Position = { fixValid: (status & 1) === 0, lon, lat };
  if (statusOf(p) !== status) p.positionStatus = status;
  return p;
}

/** Writes a position; `positionStatus`, when given, is written as is. Throws RangeError. */
export function writePosition(p: Position, out: Uint8Array, at: number): void {
  out[at] = p.positionStatus ?? statusOf(p);
  writeRaw(out, at + 1, 4, degrees('lon', p.lon, MAX_LON));
  writeRaw(out, at + 5, 4, degrees('lat', p.lat, MAX_LAT));
}

/** The status byte that fixValid and the signs of lon/lat express. */
function statusOf(p: Position): number {
  return (
    (p.fixValid ? 0 : 1) |
    (p.lat !== null && p.lat < 0 ? 2 : 0) |
    (p.lon !== null && p.lon < 0 ? 4 : 0)
  );
}

function signed(raw: number, negative: boolean): number {
  const v = raw / 1e6;
  return negative && raw !== 0 ? -v : v;
}

function degrees(key: string, value: number | null, max: number): number {
  if (value === null) return 0xffffffff;
  const raw = Math.round(Math.abs(value) * 1e6);
  if (!Number.isFinite(value) || raw > max) {
    throw new RangeError(`字段 ${key} 的值 ${value} 超出范围 ±${max / 1e6}（无效值请写 null）`);
  }
  return raw;
}
