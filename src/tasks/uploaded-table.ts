/**
 * Reading an uploaded plain table (.xlsx or .csv) for an all-or-nothing import: an .xlsx is read
 * in the sheet process (sheet-thread.ts, within the key-task sheet limits), a .csv by the caller's
 * own reader over the file's lines; any other ending is refused.
 */
import { LantianError } from '../errors.ts';
import type { TableRow } from './sheet-read.ts';
import { readSheetOffThread } from './sheet-thread.ts';
import type { TasksConfig } from './task-config.ts';

/** One problem of a table row. */
interface RowIssue {
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

/** The data rows of an uploaded table and the problems found while reading it. */
export interface UploadedTable {
  rows: TableRow[];
  issues: RowIssue[];
}

/** The text of an uploaded CSV file: strict UTF-8 (else LT_ERR_CSV_HEADER), no U+0000 (else LT_ERR_NUL_CHARACTER). */
export function csvUploadText(filename: string, data: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new LantianError('LT_ERR_CSV_HEADER', `${filename} 不是 UTF-8 文本`);
  }
  if (text.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', filename);
  return text;
}

/** The lines of an uploaded CSV file (csvUploadText), a leading byte-order mark dropped. */
export function csvUploadLines(filename: string, data: Uint8Array): string[] {
  return csvUploadText(filename, data)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
}

/**
 * The rows of an uploaded .csv (read by `csv`) or .xlsx (worksheet `sheet.name`, else the first;
 * the header is the first of the first ten rows holding `sheet.anchor`). A sheet without the
 * header is refused (LT_ERR_SHEET_HEADER), as is any other file type (LT_ERR_BAD_REQUEST).
 */
export async function readUploadedTable(
  filename: string,
  data: Uint8Array,
  sheet: { name: string; required: readonly string[]; anchor: string },
  cfg: TasksConfig,
  csv: (filename: string, data: Uint8Array) => UploadedTable,
): Promise<UploadedTable> {
  if (/\.csv$/i.test(filename)) return csv(filename, data);
  if (!/\.xlsx$/i.test(filename))
    throw new LantianError('LT_ERR_BAD_REQUEST', `${filename}：请上传 .xlsx 或 .csv 文件`);
  const r = await readSheetOffThread(data, filename, sheet.name, sheet.required, cfg, sheet.anchor);
  const header = r.issues.find((i) => i.code === 'LT_ERR_SHEET_HEADER');
  if (header) throw new LantianError('LT_ERR_SHEET_HEADER', `${filename}：${header.detail}`);
  return { rows: r.table ?? [], issues: r.issues };
}
