/**
 * Reading a dispatch sheet's cells (exceljs): finds the header row by its titles, then yields the
 * data rows with the cells the import needs as plain text and numbers, whatever the cell kinds
 * (rich text, formulas, shared strings, numbers typed as text).
 */
import type ExcelJS from 'exceljs';
import { normalizeMeasureNumber } from './task-model.ts';

/** One data row as the import sees it. */
export interface RawSheetRow {
  /** Excel row number (1-based, as Excel shows it). */
  row: number;
  number: string;
  /** 单位代码, or 责任单位 when the code is empty. */
  unit: string;
  metric: string;
  /** Number, null when empty, or the text when it is not a number. */
  value: number | string | null;
  /** Tokens of 已完成节点: milestone ids (m1) or dates (2020-06-30). */
  checked: string[];
  checkedCellFilled: boolean;
  narrative: string;
}

/** The text of a cell value of any kind. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text).trim();
    if ('error' in v) return '';
  }
  return String(v).trim();
}

/** The number of a cell: a number, null when empty, or the text when it is not a number. */
export function cellNumber(v: ExcelJS.CellValue): number | string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  const t = cellText(v).replace(/,/g, '').replace(/%$/, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : cellText(v);
}

/** Finds the header and reads the data rows; header problems are returned as issues. */
export function readSheetRows(
  ws: ExcelJS.Worksheet,
  required: readonly string[],
): {
  rows: RawSheetRow[];
  issues: Array<{ row: number; column: string | null; code: string; detail: string }>;
} {
  let headerRow = 0;
  const cols = new Map<string, number>();
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const found = new Map<string, number>();
    row.eachCell((cell, col) => found.set(cellText(cell.value), col));
    if (found.has('任务编号')) {
      headerRow = r;
      for (const [k, v] of found) cols.set(k, v);
      break;
    }
  }
  const missing = required.filter(
    (h) => !cols.has(h) && !(h === '单位代码' && cols.has('责任单位')),
  );
  if (headerRow === 0 || missing.length > 0) {
    return {
      rows: [],
      issues: [
        {
          row: headerRow || 1,
          column: null,
          code: 'LT_ERR_SHEET_HEADER',
          detail:
            headerRow === 0
              ? '前 10 行中找不到含“任务编号”的表头'
              : `表头缺少 ${missing.join('、')}`,
        },
      ],
    };
  }
  const get = (row: ExcelJS.Row, h: string): ExcelJS.CellValue => {
    const c = cols.get(h);
    return c === undefined ? null : row.getCell(c).value;
  };
  const rows: RawSheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const number = normalizeMeasureNumber(cellText(get(row, '任务编号')));
    const unit = cellText(get(row, '单位代码')) || cellText(get(row, '责任单位'));
    const value = cellNumber(get(row, '累计完成'));
    const checkedText = cellText(get(row, '已完成节点'));
    const narrative = cellText(get(row, '进展情况'));
    if (!number && !unit && value === null && !checkedText && !narrative) continue;
    rows.push({
      row: r,
      number,
      unit,
      metric: cellText(get(row, '指标')),
      value,
      checked: checkedText.match(/m\d+|\d{4}-\d{2}-\d{2}/g) ?? [],
      checkedCellFilled: checkedText !== '',
      narrative,
    });
  }
  return { rows, issues: [] };
}

/** One data row of a plain table: the text of each titled column (tables other than 调度表). */
export interface TableRow {
  /** Excel row number (1-based). */
  row: number;
  cells: Record<string, string>;
}

/**
 * Reads a plain table: the header is the first of the first 10 rows that holds `anchor`; every
 * later non-empty row becomes the text of its titled cells. Missing `required` titles are an issue.
 */
export function readTableRows(
  ws: ExcelJS.Worksheet,
  anchor: string,
  required: readonly string[],
): {
  table: TableRow[];
  issues: Array<{ row: number; column: string | null; code: string; detail: string }>;
} {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const cols = new Map<string, number>();
    ws.getRow(r).eachCell((cell, col) => cols.set(cellText(cell.value), col));
    if (!cols.has(anchor)) continue;
    const missing = required.filter((h) => !cols.has(h));
    if (missing.length > 0)
      return {
        table: [],
        issues: [
          {
            row: r,
            column: null,
            code: 'LT_ERR_SHEET_HEADER',
            detail: `表头缺少 ${missing.join('、')}`,
          },
        ],
      };
    const table: TableRow[] = [];
    for (let i = r + 1; i <= ws.rowCount; i++) {
      const row = ws.getRow(i);
      const cells: Record<string, string> = {};
      for (const [title, col] of cols) cells[title] = cellText(row.getCell(col).value);
      if (Object.values(cells).some((v) => v !== '')) table.push({ row: i, cells });
    }
    return { table, issues: [] };
  }
  return {
    table: [],
    issues: [
      {
        row: 1,
        column: null,
        code: 'LT_ERR_SHEET_HEADER',
        detail: `前 10 行中找不到含“${anchor}”的表头`,
      },
    ],
  };
}
