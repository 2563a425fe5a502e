/**
 * The device registry CSV: header `mn,kind,target,password,edition,crc,interval_s` plus optional
 * `name` and `aliases` (JSON) columns, any order. Rows are parsed independently: a row that
 * cannot be read is reported with its line number, the others go on.
 */
import type { ErrorCode } from '../errors.ts';
import { LantianError } from '../errors.ts';
import { parseCsvLine } from '../imports/csv-line.ts';
import { splitLines } from '../imports/text-file.ts';
import type { DeviceInput } from './device-rules.ts';

/** Required columns of the registry CSV. */
export const DEVICE_CSV_COLUMNS = [
  'mn',
  'kind',
  'target',
  'password',
  'edition',
  'crc',
  'interval_s',
] as const;

/** A row that could not be read at all. */
export interface DeviceCsvProblem {
  line: number;
  mn: string;
  code: ErrorCode;
  field: string;
  detail: string;
}

/** Parsed rows and unreadable rows of a registry CSV. */
export interface DeviceCsv {
  rows: Array<{ line: number; input: DeviceInput }>;
  problems: DeviceCsvProblem[];
}

/** Parses registry CSV text; LT_ERR_CSV_HEADER when a required column is missing. */
export function parseDeviceCsv(text: string): DeviceCsv {
  const { lines } = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const head = parseCsvLine(lines[0] ?? '');
  const fields = head.ok ? head.fields.map((f) => f.trim().toLowerCase()) : [];
  const missing = DEVICE_CSV_COLUMNS.filter((c) => !fields.includes(c));
  if (!head.ok || missing.length > 0) {
    throw new LantianError(
      'LT_ERR_CSV_HEADER',
      `应包含 ${DEVICE_CSV_COLUMNS.join(',')}[,name][,aliases][,line_end][,clock_sync][,backfill]${missing.length ? `，缺少 ${missing.join(',')}` : ''}`,
    );
  }
  const out: DeviceCsv = { rows: [], problems: [] };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const line = i + 1;
    const p = parseCsvLine(l);
    if (!p.ok || p.fields.length !== fields.length) {
      out.problems.push({
        line,
        mn: '',
        code: 'LT_ERR_BAD_DEVICE',
        field: '',
        detail: p.ok ? `列数应为 ${fields.length}，实为 ${p.fields.length}` : '引号未闭合',
      });
      continue;
    }
    const col = (n: string): string => {
      const k = fields.indexOf(n);
      return k < 0 ? '' : (p.fields[k] ?? '').trim();
    };
    const intervalText = col('interval_s');
    let aliases: unknown;
    if (col('aliases') !== '') {
      try {
        aliases = JSON.parse(col('aliases')) as unknown;
      } catch {
        out.problems.push({
          line,
          mn: col('mn'),
          code: 'LT_ERR_BAD_DEVICE',
          field: 'aliases',
          detail: 'aliases 不是合法的 JSON',
        });
        continue;
      }
    }
    out.rows.push({
      line,
      input: {
        mn: col('mn'),
        kind: col('kind'),
        target: col('target'),
        // The password is taken exactly as written (no trimming inside quotes matters here).
        password: col('password'),
        edition: col('edition') || 'auto',
        crc: col('crc') || 'standard',
        intervalS: /^\d+$/.test(intervalText) ? Number(intervalText) : Number.NaN,
        name: col('name') || null,
        aliases,
        // Optional link settings (docs/ingest.md): absent = the defaults any / off / auto.
        lineEnd: col('line_end') || undefined,
        clockSync: col('clock_sync') || undefined,
        backfill: col('backfill') || undefined,
      },
    });
  }
  return out;
}
