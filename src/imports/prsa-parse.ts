/**
 * Parses one file of the PRSA data set (one site, one row per hour). Pure: text in, rows and
 * issues out. Columns: No, year, month, day, hour, PM2.5, PM10, SO2, NO2, CO, O3, weather…,
 * station. Times are Beijing local time; CO arrives in µg/m³ and leaves in mg/m³ (HJ 633 unit).
 */
import { readDecimal, readInteger } from '../standards/read-decimal.ts';
import { localToEpoch } from '../time/zoned-time.ts';
import { parseCsvLine } from './csv-line.ts';
import type { ImportIssue } from './import-issue.ts';
import { splitLines } from './text-file.ts';
import { HOUR_MS } from '../standards/local-date.ts';

/** The pollutant columns of a PRSA file, in the order values are kept. */
export const PRSA_POLLUTANTS = ['PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3'] as const;

/** Whether `hour` labels the start (the README's reading) or the end of the hour it covers. */
export type HourLabel = 'start' | 'end';

/** A parsed file: per row the hour start (epoch ms) and six values (NaN = skipped). */
export interface PrsaFile {
  site: string;
  hours: number[];
  /** Row-major: values[i * 6 + k] is pollutant k of row i. */
  values: Float64Array;
  issues: ImportIssue[];
  /** Rows that could not be read at all (bad date, wrong column count). */
  badRows: number;
}

const HEADER = ['No', 'year', 'month', 'day', 'hour', 'PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3'];

/** Checks the header and returns the index of each needed column. */
function columnIndexes(header: string[]): Map<string, number> | string {
  const idx = new Map<string, number>();
  for (const name of [...HEADER, 'station']) {
    const i = header.indexOf(name);
    if (i === -1) return name;
    idx.set(name, i);
  }
  return idx;
}

/** Parses the text of one PRSA file. `file` names it in issues. */
export function parsePrsaFile(
  file: string,
  text: string,
  timeZone: string,
  hourLabel: HourLabel = 'start',
): PrsaFile {
  const { lines, complete } = splitLines(text);
  const issues: ImportIssue[] = [];
  const out: PrsaFile = { site: '', hours: [], values: new Float64Array(0), issues, badRows: 0 };
  const head = parseCsvLine(lines[0] ?? '');
  const idx = head.ok ? columnIndexes(head.fields) : 'header';
  if (typeof idx === 'string') {
    issues.push({ file, line: 1, field: idx, code: 'LT_ERR_CSV_HEADER', detail: `缺少列 ${idx}` });
    out.badRows = lines.length;
    return out;
  }
  const col = (n: string): number => idx.get(n)!;
  const [cYear, cMonth, cDay, cHour, cStation] = [
    col('year'),
    col('month'),
    col('day'),
    col('hour'),
    col('station'),
  ];
  const cPollutants = PRSA_POLLUTANTS.map((p) => col(p));
  const width = head.ok ? head.fields.length : 0;
  const values = new Float64Array((lines.length - 1) * 6);
  const hours: number[] = [];
  const shift = hourLabel === 'end' ? -HOUR_MS : 0;
  for (let li = 1; li < lines.length; li++) {
    const lineNo = li + 1;
    const text = lines[li]!;
    if (text === '') continue;
    const parsed = parseCsvLine(text);
    if (!parsed.ok || parsed.fields.length !== width) {
      const last = li === lines.length - 1 && !complete;
      issues.push({
        file,
        line: lineNo,
        field: null,
        code: last ? 'LT_ERR_CSV_TRUNCATED' : 'LT_ERR_CSV_ROW',
        detail: parsed.ok ? `列数 ${parsed.fields.length}，应为 ${width}` : '引号未闭合',
      });
      out.badRows++;
      continue;
    }
    const f = parsed.fields;
    // Strict whole numbers: Number(' ') would read a blank hour as 0 (midnight).
    const y = readInteger(f[cYear]!);
    const mo = readInteger(f[cMonth]!);
    const d = readInteger(f[cDay]!);
    const h = readInteger(f[cHour]!);
    if (
      y === null ||
      mo === null ||
      d === null ||
      h === null ||
      h < 0 ||
      h > 23 ||
      mo < 1 ||
      mo > 12 ||
      d < 1 ||
      d > 31
    ) {
      issues.push({
        file,
        line: lineNo,
        field: 'year/month/day/hour',
        code: 'LT_ERR_CSV_ROW',
        detail: `时间无效：${f[cYear]}-${f[cMonth]}-${f[cDay]} ${f[cHour]}时`,
      });
      out.badRows++;
      continue;
    }
    if (!out.site) out.site = f[cStation] ?? '';
    const row = hours.length;
    hours.push(localToEpoch(timeZone, y, mo, d, h) + shift);
    for (let k = 0; k < 6; k++) {
      const raw = f[cPollutants[k]!]!;
      const name = PRSA_POLLUTANTS[k]!;
      let v = Number.NaN;
      // A blank or white-space cell is a missing value, never 0 (Number(' ') === 0); only plain
      // decimal numbers are values (src/standards/read-decimal.ts).
      const read = raw.trim() === 'NA' ? null : readDecimal(raw);
      if (read === null || read.kind === 'blank') {
        issues.push({
          file,
          line: lineNo,
          field: name,
          code: 'LT_WARN_MISSING',
          detail: read === null ? '缺测（NA）' : `缺测（空白值 ${JSON.stringify(raw)}）`,
        });
      } else {
        if (read.kind === 'not-decimal') {
          issues.push({
            file,
            line: lineNo,
            field: name,
            code: 'LT_ERR_NOT_NUMERIC',
            detail: `不是十进制数值 ${JSON.stringify(raw)}`,
          });
        } else if (read.value < 0) {
          issues.push({
            file,
            line: lineNo,
            field: name,
            code: 'LT_ERR_NEGATIVE',
            detail: `负值 ${raw}`,
          });
        } else {
          v = name === 'CO' ? read.value / 1000 : read.value;
        }
      }
      values[row * 6 + k] = v;
    }
  }
  out.hours = hours;
  out.values = values.subarray(0, hours.length * 6);
  return out;
}
