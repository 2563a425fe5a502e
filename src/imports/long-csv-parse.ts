/**
 * The generic long-format CSV of hourly readings, so that any city's export can be loaded:
 *
 *   station,time,pollutant,value[,flag][,unit]
 *   1001A,2016-01-01 00:00,PM2.5,35,N,µg/m³
 *
 * Headers may also be Chinese (站点编码, 时间, 污染物, 浓度, 标记, 单位). `time` is local time of the
 * station's region (or ISO 8601 with an offset) and must fall on the hour; by default it labels
 * the hour's start (HJ 212), `hourLabel: 'end'` reads it as the hour's end (public releases).
 * Pure: the caller resolves station codes and time zones.
 */
import { normalizePollutant, unitFactor } from '../air/pollutant-names.ts';
import { readDecimal } from '../standards/read-decimal.ts';
import { localToEpoch } from '../time/zoned-time.ts';
import { parseCsvLine } from './csv-line.ts';
import type { ImportIssue, ImportIssueCode } from './import-issue.ts';
import type { HourLabel } from './prsa-parse.ts';
import { splitLines } from './text-file.ts';
import { HOUR_MS, isLocalDate } from '../standards/local-date.ts';

/** A row that passed every check. */
export interface LongCsvRow {
  line: number;
  stationCode: string;
  hour: number;
  pollutant: string;
  value: number;
  flag: string | null;
}

/** Parse result: good rows, issues, and whether the header was usable at all. */
export interface LongCsvParse {
  rows: LongCsvRow[];
  issues: ImportIssue[];
  headerOk: boolean;
  /** Data lines seen (excluding header and blank lines). */
  lines: number;
}

const COLUMNS: Readonly<Record<string, string>> = {
  station: 'station',
  station_code: 'station',
  站点编码: 'station',
  站点: 'station',
  time: 'time',
  datetime: 'time',
  时间: 'time',
  pollutant: 'pollutant',
  污染物: 'pollutant',
  value: 'value',
  浓度: 'value',
  flag: 'flag',
  标记: 'flag',
  unit: 'unit',
  单位: 'unit',
};

const TIME_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;
const FLAG_RE = /^[A-Za-z0-9]{1,4}$/;

/** Turns the time column into an hour start, or a reason it cannot. */
function parseHour(text: string, timeZone: string, hourLabel: HourLabel): number | string {
  const m = TIME_RE.exec(text.trim());
  if (!m || !isLocalDate(m[1]!)) return `时间格式不正确 "${text}"（应为 YYYY-MM-DD HH:mm）`;
  const [date, hh, mm, ss, zone] = [m[1]!, Number(m[2]), Number(m[3]), Number(m[4] ?? 0), m[5]];
  if (hh > 24 || (hh === 24 && (mm !== 0 || ss !== 0))) return `小时超出范围 "${text}"`;
  if (mm !== 0 || ss !== 0) return `时间不在整点 "${text}"`;
  const [y, mo, d] = [
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)),
    Number(date.slice(8, 10)),
  ];
  let t: number;
  if (zone) {
    const off =
      zone === 'Z'
        ? 0
        : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    t = Date.UTC(y, mo - 1, d, hh) - off * 60_000;
  } else {
    t = localToEpoch(timeZone, y, mo, d, hh);
  }
  return hourLabel === 'end' ? t - HOUR_MS : t;
}

/** Parses a long-format CSV. `zoneOf` gives a station's time zone, or undefined if unknown. */
export function parseLongCsv(
  file: string,
  text: string,
  zoneOf: (stationCode: string) => string | undefined,
  hourLabel: HourLabel = 'start',
): LongCsvParse {
  const { lines, complete } = splitLines(text);
  const out: LongCsvParse = { rows: [], issues: [], headerOk: false, lines: 0 };
  const issue = (
    line: number,
    field: string | null,
    code: ImportIssueCode,
    detail: string,
  ): void => {
    out.issues.push({ file, line, field, code, detail });
  };
  const head = parseCsvLine(lines[0] ?? '');
  const idx = new Map<string, number>();
  if (head.ok)
    head.fields.forEach((h, i) => {
      const c = COLUMNS[h.trim().toLowerCase()];
      if (c && !idx.has(c)) idx.set(c, i);
    });
  const missing = ['station', 'time', 'pollutant', 'value'].filter((c) => !idx.has(c));
  if (missing.length > 0) {
    issue(
      1,
      missing.join(','),
      'LT_ERR_CSV_HEADER',
      `缺少列：${missing.join('、')}（需要 station,time,pollutant,value）`,
    );
    return out;
  }
  out.headerOk = true;
  const width = head.ok ? head.fields.length : 0;
  const at = (f: string[], c: string): string => (idx.has(c) ? (f[idx.get(c)!] ?? '').trim() : '');
  for (let li = 1; li < lines.length; li++) {
    const lineNo = li + 1;
    if (lines[li]!.trim() === '') continue;
    out.lines++;
    const p = parseCsvLine(lines[li]!);
    if (!p.ok || p.fields.length !== width) {
      const truncated = li === lines.length - 1 && !complete;
      issue(
        lineNo,
        null,
        truncated ? 'LT_ERR_CSV_TRUNCATED' : 'LT_ERR_CSV_ROW',
        p.ok ? `列数 ${p.fields.length}，应为 ${width}` : '引号未闭合',
      );
      continue;
    }
    const f = p.fields;
    const stationCode = at(f, 'station');
    const zone = zoneOf(stationCode);
    if (!zone) {
      issue(lineNo, 'station', 'LT_ERR_UNKNOWN_STATION', `未登记的站点 "${stationCode}"`);
      continue;
    }
    const hour = parseHour(at(f, 'time'), zone, hourLabel);
    if (typeof hour === 'string') {
      issue(lineNo, 'time', 'LT_ERR_BAD_TIME', hour);
      continue;
    }
    const pollutant = normalizePollutant(at(f, 'pollutant'));
    if (!pollutant) {
      issue(lineNo, 'pollutant', 'LT_ERR_POLLUTANT_UNKNOWN', `未知污染物 "${at(f, 'pollutant')}"`);
      continue;
    }
    const rawValue = at(f, 'value');
    // Blank (empty or white space) and NA are missing values; only plain decimal numbers are
    // values: no 0x10, 1e3, Infinity (src/standards/read-decimal.ts).
    const read = readDecimal(rawValue);
    if (read.kind === 'blank' || rawValue.toUpperCase() === 'NA') {
      issue(lineNo, 'value', 'LT_WARN_MISSING', '缺测');
      continue;
    }
    if (read.kind === 'not-decimal') {
      issue(
        lineNo,
        'value',
        'LT_ERR_NOT_NUMERIC',
        `不是十进制数值 ${JSON.stringify(rawValue)}（应写作如 12 或 0.85）`,
      );
      continue;
    }
    const n = read.value;
    if (n < 0) {
      issue(lineNo, 'value', 'LT_ERR_NEGATIVE', `负值 ${rawValue}`);
      continue;
    }
    let factor = 1;
    const unit = at(f, 'unit');
    if (unit) {
      const u = unitFactor(pollutant, unit);
      if (u === undefined) {
        issue(lineNo, 'unit', 'LT_ERR_BAD_UNIT', `未知单位 "${unit}"（支持 µg/m³、mg/m³）`);
        continue;
      }
      factor = u;
    }
    const flag = at(f, 'flag');
    if (flag && !FLAG_RE.test(flag)) {
      issue(lineNo, 'flag', 'LT_ERR_BAD_FLAG', `数据标记不正确 "${flag}"（1–4 位字母或数字）`);
      continue;
    }
    out.rows.push({
      line: lineNo,
      stationCode,
      hour,
      pollutant,
      value: n * factor,
      flag: flag || null,
    });
  }
  return out;
}
