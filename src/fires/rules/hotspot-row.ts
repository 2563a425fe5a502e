/**
 * Satellite hotspot rows (pure) in the public CSV form of NASA FIRMS (Fire Information for
 * Resource Management System), VIIRS and MODIS alike: latitude, longitude (WGS-84 degrees),
 * bright_ti4 (VIIRS) or brightness (MODIS) in K, scan, track (pixel size, km), acq_date
 * (YYYY-MM-DD, UTC), acq_time (HHMM, UTC; leading zeros may be missing), satellite, instrument,
 * confidence (VIIRS l/n/h; MODIS 0–100), version, frp (MW), daynight (D/N). Only latitude,
 * longitude, acq_date and acq_time are required. Numeric MODIS confidence is mapped to the VIIRS
 * classes as FIRMS describes them (< 30 low, 30–79 nominal, ≥ 80 high; UNVERIFIED here).
 * Format and codes: docs/dust-fires-reports.md § 露天焚烧.
 */

/** Columns the importer requires. */
export const REQUIRED_COLUMNS = ['latitude', 'longitude', 'acq_date', 'acq_time'] as const;

/** Row-level problems, each a catalogue code (docs/errors.md). */
export type HotspotIssueCode =
  | 'LT_ERR_FIRE_ROW_FORMAT'
  | 'LT_ERR_FIRE_ROW_COORD'
  | 'LT_ERR_FIRE_ROW_TIME'
  | 'LT_ERR_FIRE_ROW_CONFIDENCE'
  | 'LT_ERR_FIRE_ROW_NUMBER';

/** A problem with one row. */
export interface HotspotIssue {
  code: HotspotIssueCode;
  field: string | null;
  detail: string;
}

/** A hotspot read from a row. */
export interface Hotspot {
  /** Identity of the detection (same satellite, time and pixel centre: the same row). */
  key: string;
  at: number;
  lon: number;
  lat: number;
  satellite: string | null;
  instrument: string | null;
  confidence: string | null;
  confidenceLevel: 'low' | 'nominal' | 'high' | null;
  brightness: number | null;
  frp: number | null;
  daynight: string | null;
}

/** Column positions by lower-case header name; null lists the missing required columns. */
export function headerIndex(header: readonly string[]): {
  index: Map<string, number>;
  missing: string[];
} {
  const index = new Map<string, number>();
  header.forEach((h, i) =>
    index.set(
      h
        .trim()
        .replace(/^\uFEFF/, '')
        .toLowerCase(),
      i,
    ),
  );
  return { index, missing: REQUIRED_COLUMNS.filter((c) => !index.has(c)) };
}

const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function num(v: string | undefined): number | null | undefined {
  const s = (v ?? '').trim();
  if (s === '') return null;
  return NUM.test(s) ? Number(s) : undefined;
}

/** Confidence text → class, or undefined when unreadable. */
export function confidenceLevel(v: string): 'low' | 'nominal' | 'high' | null | undefined {
  const s = v.trim().toLowerCase();
  if (s === '') return null;
  if (s === 'l' || s === 'low') return 'low';
  if (s === 'n' || s === 'nominal') return 'nominal';
  if (s === 'h' || s === 'high') return 'high';
  const n = num(s);
  if (n === undefined || n === null || n < 0 || n > 100) return undefined;
  return n < 30 ? 'low' : n < 80 ? 'nominal' : 'high';
}

function acquired(date: string, time: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^\d{1,4}$/.exec(time.trim());
  if (!d || !t) return undefined;
  const hhmm = Number(t[0]);
  const h = Math.floor(hhmm / 100);
  const m = hhmm % 100;
  if (h > 23 || m > 59) return undefined;
  const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const at = Date.UTC(y, mo - 1, da, h, m);
  const back = new Date(at);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === da
    ? at
    : undefined;
}

/** Reads one split row; an issue when it cannot be used. */
export function readHotspot(
  fields: readonly string[],
  index: ReadonlyMap<string, number>,
): Hotspot | HotspotIssue {
  const get = (c: string): string => {
    const i = index.get(c);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const lat = num(get('latitude'));
  const lon = num(get('longitude'));
  if (lat === undefined || lat === null || lat < -90 || lat > 90)
    return {
      code: 'LT_ERR_FIRE_ROW_COORD',
      field: 'latitude',
      detail: `纬度「${get('latitude')}」`,
    };
  if (lon === undefined || lon === null || lon < -180 || lon > 180)
    return {
      code: 'LT_ERR_FIRE_ROW_COORD',
      field: 'longitude',
      detail: `经度「${get('longitude')}」`,
    };
  const at = acquired(get('acq_date'), get('acq_time'));
  if (at === undefined)
    return {
      code: 'LT_ERR_FIRE_ROW_TIME',
      field: 'acq_date',
      detail: `观测时间「${get('acq_date')} ${get('acq_time')}」`,
    };
  const conf = confidenceLevel(get('confidence'));
  if (conf === undefined)
    return {
      code: 'LT_ERR_FIRE_ROW_CONFIDENCE',
      field: 'confidence',
      detail: `置信度「${get('confidence')}」（应为 l/n/h 或 0–100）`,
    };
  const brightCol = index.has('bright_ti4') ? 'bright_ti4' : 'brightness';
  const brightness = num(get(brightCol));
  const frp = num(get('frp'));
  for (const [col, v] of [
    [brightCol, brightness],
    ['frp', frp],
    ['scan', num(get('scan'))],
    ['track', num(get('track'))],
  ] as const)
    if (v === undefined)
      return {
        code: 'LT_ERR_FIRE_ROW_NUMBER',
        field: col,
        detail: `${col}「${get(col)}」不是数值`,
      };
  const text = (c: string): string | null => get(c) || null;
  const satellite = text('satellite');
  const instrument = text('instrument');
  return {
    key: `sat:${satellite ?? ''}:${instrument ?? ''}:${at}:${lat}:${lon}`,
    at,
    lon,
    lat,
    satellite,
    instrument,
    confidence: text('confidence'),
    confidenceLevel: conf,
    brightness: brightness ?? null,
    frp: frp ?? null,
    daynight: text('daynight'),
  };
}

/** True when a read row is an issue. */
export function isIssue(r: Hotspot | HotspotIssue): r is HotspotIssue {
  return 'code' in r;
}
