/**
 * Reading a registration file (rules/machine-sheet.ts has the columns): an .xlsx workbook is read
 * in the sheet process within the key-task sheet limits (src/tasks/uploaded-table.ts), sheet
 * 非道路移动机械 or else the first; a .csv is UTF-8 (BOM allowed).
 */
import { LantianError } from '../errors.ts';
import { parseCsvLine } from '../imports/csv-line.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { csvUploadLines, readUploadedTable, type UploadedTable } from '../tasks/uploaded-table.ts';
import { SHEET_ANCHOR, SHEET_REQUIRED } from './rules/machine-sheet.ts';

function csvTable(filename: string, data: Uint8Array): UploadedTable {
  const lines = csvUploadLines(filename, data);
  const at = lines.slice(0, 10).findIndex((l) => {
    const p = parseCsvLine(l);
    return p.ok && p.fields.some((f) => f.trim() === SHEET_ANCHOR);
  });
  if (at < 0)
    throw new LantianError(
      'LT_ERR_CSV_HEADER',
      `${filename}：前 10 行中找不到含“${SHEET_ANCHOR}”的表头`,
    );
  const head = parseCsvLine(lines[at]!);
  const titles = head.ok ? head.fields.map((f) => f.trim()) : [];
  const missing = SHEET_REQUIRED.filter((t) => !titles.includes(t));
  if (missing.length > 0)
    throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：缺少列 ${missing.join('、')}`);
  const out: UploadedTable = { rows: [], issues: [] };
  lines.slice(at + 1).forEach((line, i) => {
    const row = at + i + 2;
    if (/^[,\s]*$/.test(line)) return;
    const p = parseCsvLine(line);
    if (!p.ok || p.fields.length !== titles.length) {
      out.issues.push({
        row,
        column: null,
        code: 'LT_ERR_CSV_ROW',
        detail: '列数不对或引号未闭合',
      });
      return;
    }
    out.rows.push({
      row,
      cells: Object.fromEntries(titles.map((t, j) => [t, p.fields[j]!.trim()])),
    });
  });
  return out;
}

/** The rows of a registration file (.xlsx or .csv). */
export async function readMachineFile(
  filename: string,
  data: Uint8Array,
  sheets: TasksConfig,
): Promise<UploadedTable> {
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
    { name: '非道路移动机械', required: SHEET_REQUIRED, anchor: SHEET_ANCHOR },
    sheets,
    csvTable,
  );
}
