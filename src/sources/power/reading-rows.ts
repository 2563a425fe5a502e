/**
 * Readings as they arrive by CSV or HTTP, checked row by row: the meter must be the enterprise's,
 * the time readable (epoch ms, ISO 8601 with an offset, or local `YYYY-MM-DD HH:MM[:SS]` in the
 * configured time zone), power a non-negative number of kW. Every problem is listed with its row
 * and a stable code; the caller stores nothing when there is one (all or nothing).
 */
import { parseCsvLine } from '../../imports/csv-line.ts';
import { localToEpoch } from '../../time/zoned-time.ts';
import { DAY_MS } from '../../standards/local-date.ts';

/** One reading as sent. */
export interface RawReading {
  /** Row number in the file (header = 1) or index in the batch (first = 1). */
  row: number;
  meter: string;
  time: string | number;
  kw: string | number | null;
  kwh?: string | number | null | undefined;
}

/** One checked reading. */
export interface CheckedReading {
  meterId: number;
  time: number;
  kw: number;
  kwh: number | null;
}

/** A problem of one row. */
export interface ReadingIssue {
  row: number;
  field: string | null;
  code: string;
  detail: string;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Epoch ms of a time as sent, or null when it cannot be read. */
export function readTime(v: string | number, timeZone: string): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const t = v.trim();
  if (/^\d{12,14}$/.test(t)) return Number(t);
  const m = LOCAL.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return null;
    const ms = localToEpoch(timeZone, y!, mo!, d!, h!, mi!, s!);
    return Number.isFinite(ms) ? ms : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

function readNumber(v: string | number | null | undefined): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v.trim());
  return Number.isFinite(n) ? n : 'bad';
}

/** Checks the rows against the enterprise's meters (code → id); `now` bounds future times. */
export function checkReadings(
  rows: readonly RawReading[],
  meters: ReadonlyMap<string, number>,
  timeZone: string,
  now: number,
): { readings: CheckedReading[]; issues: ReadingIssue[] } {
  const readings: CheckedReading[] = [];
  const issues: ReadingIssue[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const issue = (field: string, code: string, detail: string) =>
      issues.push({ row: r.row, field, code, detail });
    const meterId = meters.get(r.meter.trim());
    if (meterId === undefined) {
      issue('meter', 'LT_ERR_POWER_METER_NOT_FOUND', `电表 ${r.meter} 未登记在该企业`);
      continue;
    }
    const time = readTime(r.time, timeZone);
    if (time === null || time < Date.UTC(2000, 0, 1) || time > now + DAY_MS) {
      issue('time', 'LT_ERR_BAD_TIME', `时间 ${String(r.time)} 无法识别或晚于当前时间一天以上`);
      continue;
    }
    const kw = readNumber(r.kw);
    const kwh = readNumber(r.kwh);
    if (kw === null || kw === 'bad' || kwh === 'bad') {
      issue(kw === null || kw === 'bad' ? 'kw' : 'kwh', 'LT_ERR_NOT_NUMERIC', '功率、电量须为数值');
      continue;
    }
    if (kw < 0 || (kwh !== null && kwh < 0)) {
      issue('kw', 'LT_ERR_NEGATIVE', '功率、电量不能为负');
      continue;
    }
    const key = `${meterId}:${time}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue('time', 'LT_ERR_BAD_POWER_READING', `与第 ${first} 行是同一电表的同一时刻`);
      continue;
    }
    seen.set(key, r.row);
    readings.push({ meterId, time, kw, kwh });
  }
  return { readings, issues };
}

const HEADERS: Record<string, 'meter' | 'time' | 'kw' | 'kwh'> = {
  meter: 'meter',
  电表: 'meter',
  电表编号: 'meter',
  time: 'time',
  时间: 'time',
  kw: 'kw',
  功率: 'kw',
  'kw(kw)': 'kw',
  kwh: 'kwh',
  电量: 'kwh',
};

/**
 * The rows of a readings CSV (`meter,time,kw[,kwh]`, or 电表,时间,功率,电量), with their line
 * numbers; a missing column or a malformed line is an issue.
 */
export function csvReadings(text: string): { rows: RawReading[]; issues: ReadingIssue[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const head = parseCsvLine(lines[0] ?? '');
  const cols = new Map<string, number>();
  if (head.ok)
    head.fields.forEach((f, i) => {
      const k = HEADERS[f.trim().toLowerCase()];
      if (k && !cols.has(k)) cols.set(k, i);
    });
  const missing = (['meter', 'time', 'kw'] as const).filter((c) => !cols.has(c));
  if (missing.length > 0)
    return {
      rows: [],
      issues: [
        { row: 1, field: null, code: 'LT_ERR_CSV_HEADER', detail: `缺少列 ${missing.join('、')}` },
      ],
    };
  const rows: RawReading[] = [];
  const issues: ReadingIssue[] = [];
  const at = (f: string[], c: 'meter' | 'time' | 'kw' | 'kwh') => {
    const i = cols.get(c);
    return i === undefined ? undefined : f[i];
  };
  lines.slice(1).forEach((line, i) => {
    const row = i + 2;
    if (line.trim() === '') return;
    const p = parseCsvLine(line);
    if (!p.ok || p.fields.length < cols.size) {
      issues.push({ row, field: null, code: 'LT_ERR_CSV_ROW', detail: '列数不对或引号未闭合' });
      return;
    }
    rows.push({
      row,
      meter: at(p.fields, 'meter') ?? '',
      time: at(p.fields, 'time') ?? '',
      kw: at(p.fields, 'kw') ?? null,
      kwh: at(p.fields, 'kwh') ?? null,
    });
  });
  return { rows, issues };
}
