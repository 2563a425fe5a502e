/**
 * Reading a forecast file into table rows (rules/forecast-sheet.ts has the columns): an .xlsx
 * workbook is unpacked and parsed in a child process within the limits of the key-task sheets
 * (src/tasks/sheet-thread.ts, xlsx-guard.ts), sheet 预报 or else the first; a .csv is UTF-8 (BOM
 * allowed). The header is the first of the first ten rows holding 地区代码.
 */
import { parseCsvLine } from '../../imports/csv-line.ts';
import { LantianError } from '../../errors.ts';
import type { TasksConfig } from '../../tasks/task-config.ts';
import { csvUploadLines, readUploadedTable } from '../../tasks/uploaded-table.ts';
import {
  FORECAST_ANCHOR,
  FORECAST_REQUIRED,
  type SheetIssue,
  type SheetRow,
} from './rules/forecast-sheet.ts';

/** Rows of a file and the problems found while reading it. */
export interface ForecastTable {
  rows: SheetRow[];
  issues: SheetIssue[];
}

function csvTable(filename: string, data: Uint8Array): ForecastTable {
  const lines = csvUploadLines(filename, data);
  const at = lines.slice(0, 10).findIndex((l) => {
    const p = parseCsvLine(l);
    return p.ok && p.fields.some((f) => f.trim() === FORECAST_ANCHOR);
  });
  if (at < 0)
    throw new LantianError(
      'LT_ERR_CSV_HEADER',
      `${filename}：前 10 行中找不到含“${FORECAST_ANCHOR}”的表头`,
    );
  const head = parseCsvLine(lines[at]!);
  const titles = head.ok ? head.fields.map((f) => f.trim()) : [];
  const missing = FORECAST_REQUIRED.filter((t) => !titles.includes(t));
  if (missing.length > 0)
    throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：缺少列 ${missing.join('、')}`);
  const rows: SheetRow[] = [];
  const issues: SheetIssue[] = [];
  lines.slice(at + 1).forEach((line, i) => {
    const row = at + i + 2;
    if (line.trim() === '' || /^[,\s]*$/.test(line)) return;
    const p = parseCsvLine(line);
    if (!p.ok || p.fields.length < titles.length) {
      issues.push({ row, column: null, code: 'LT_ERR_CSV_ROW', detail: '列数不对或引号未闭合' });
      return;
    }
    rows.push({ row, cells: Object.fromEntries(titles.map((t, j) => [t, p.fields[j]!.trim()])) });
  });
  return { rows, issues };
}

/** The rows of a forecast file (.xlsx or .csv). */
export async function readForecastFile(
  filename: string,
  data: Uint8Array,
  sheets: TasksConfig,
): Promise<ForecastTable> {
  if (data.length > sheets.maxSheetBytes)
    throw new LantianError(
      'LT_ERR_ATTACHMENT_TOO_LARGE',
      `${filename}：超过 ${sheets.maxSheetBytes} 字节`,
      {
        maxBytes: sheets.maxSheetBytes,
      },
    );
  return readUploadedTable(
    filename,
    data,
    { name: '预报', required: FORECAST_REQUIRED, anchor: FORECAST_ANCHOR },
    sheets,
    csvTable,
  );
}
