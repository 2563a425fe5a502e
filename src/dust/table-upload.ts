/**
 * Reads an uploaded dust table (.xlsx or .csv) into titled rows, with the header row found by
 * its anchor column; CSV rows with a wrong column count are issues. Used by the source and
 * dust-fall sample imports (all or nothing).
 */
import { LantianError } from '../errors.ts';
import { parseCsvLine } from '../imports/csv-line.ts';
import type { TableRow } from '../tasks/sheet-read.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { csvUploadLines, readUploadedTable, type UploadedTable } from '../tasks/uploaded-table.ts';

/** One problem of one row. */
export interface RowIssue {
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

function csvTable(required: readonly string[]) {
  return (filename: string, data: Uint8Array): UploadedTable => {
    const lines = csvUploadLines(filename, data);
    const head = parseCsvLine(lines[0] ?? '');
    const titles = head.ok ? head.fields.map((f) => f.trim()) : [];
    const missing = required.filter((t) => !titles.includes(t));
    if (missing.length > 0)
      throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：缺少列 ${missing.join('、')}`);
    const rows: TableRow[] = [];
    const issues: RowIssue[] = [];
    lines.slice(1).forEach((line, i) => {
      if (line.trim() === '') return;
      const p = parseCsvLine(line);
      if (!p.ok || p.fields.length < titles.length) {
        issues.push({
          row: i + 2,
          column: null,
          code: 'LT_ERR_CSV_ROW',
          detail: '列数不对或引号未闭合',
        });
        return;
      }
      rows.push({
        row: i + 2,
        cells: Object.fromEntries(titles.map((t, j) => [t, p.fields[j]!.trim()])),
      });
    });
    return { rows, issues };
  };
}

/** The rows of an uploaded table with the given required titles (the first is the anchor). */
export function readDustTable(
  filename: string,
  data: Uint8Array,
  sheet: string,
  required: readonly string[],
  cfg: TasksConfig,
): Promise<UploadedTable> {
  return readUploadedTable(
    filename,
    data,
    { name: sheet, required, anchor: required[0]! },
    cfg,
    csvTable(required),
  );
}

/** LT_ERR_IMPORT_REJECTED with the issues, when any. */
export function rejectIssues(filename: string, issues: RowIssue[]): void {
  if (issues.length === 0) return;
  issues.sort((a, b) => a.row - b.row);
  throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${issues.length} 行有问题`, {
    issues: issues.slice(0, 200),
  });
}
