/**
 * The LDAR table as a county's bureau keeps it (Excel or CSV): one row per enterprise and round,
 * the same columns in and out. Export writes .xlsx (exceljs) or CSV (UTF-8 with BOM, so that
 * Excel opens it in Chinese); import reads the same titles.
 */
import ExcelJS from 'exceljs';
import type { RoundWithEnterprise } from './ldar-repo.ts';
import { roundInput } from './ldar-service.ts';
import type { RoundInput } from './rules/ldar-rules.ts';

type Field = keyof RoundInput | 'creditCode' | 'enterprise';

/** Columns: field, title, width. The credit code is the anchor of the header row on import. */
export const LDAR_COLUMNS: ReadonlyArray<{ field: Field; title: string; width: number }> = [
  { field: 'creditCode', title: '统一社会信用代码', width: 22 },
  { field: 'enterprise', title: '企业名称', width: 28 },
  { field: 'year', title: '年度', width: 8 },
  { field: 'round', title: '轮次', width: 8 },
  { field: 'periodFrom', title: '开始日期', width: 12 },
  { field: 'periodTo', title: '结束日期', width: 12 },
  { field: 'components', title: '检测密封点数', width: 14 },
  { field: 'leaks', title: '泄漏点数', width: 10 },
  { field: 'repairedOnTime', title: '按期修复数', width: 12 },
  { field: 'repairedLate', title: '延期修复数', width: 12 },
  { field: 'unrepaired', title: '未修复数', width: 10 },
  { field: 'notes', title: '备注', width: 30 },
];

/** Titles an imported table must have (the name is for the reader only). */
export const LDAR_REQUIRED = LDAR_COLUMNS.filter(
  (c) => c.field !== 'enterprise' && c.field !== 'notes',
).map((c) => c.title);

function cellsOf(r: RoundWithEnterprise): Array<string | number> {
  const i = roundInput(r);
  return LDAR_COLUMNS.map((c) =>
    c.field === 'creditCode'
      ? r.credit_code
      : c.field === 'enterprise'
        ? r.enterprise_name
        : (i[c.field] ?? ''),
  );
}

/** The rounds as an .xlsx workbook. */
export async function ldarXlsx(rows: readonly RoundWithEnterprise[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = new Date(0);
  const ws = wb.addWorksheet('LDAR', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LDAR_COLUMNS.map((c) => ({ header: c.title, key: c.field, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(cellsOf(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvField(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would be a formula to a spreadsheet: quote it behind an apostrophe.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rounds as CSV text (with a BOM). */
export function ldarCsv(rows: readonly RoundWithEnterprise[]): string {
  const lines = [LDAR_COLUMNS.map((c) => c.title).join(',')];
  for (const r of rows) lines.push(cellsOf(r).map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One imported row: the enterprise's code and the round, or the column at fault. */
export type SheetRound =
  | { ok: true; creditCode: string; input: RoundInput }
  | { ok: false; column: string; detail: string };

const INTEGER = /^\d+$/;

function date(v: string): string {
  return v
    .trim()
    .replace(/\//g, '-')
    .replace(/^(\d{4})-(\d)-/, '$1-0$2-')
    .replace(/-(\d)$/, '-0$1');
}

/** Reads the cells of one row (title → text). */
export function sheetRound(cells: Readonly<Record<string, string>>): SheetRound {
  const text = (f: Field) => (cells[LDAR_COLUMNS.find((c) => c.field === f)!.title] ?? '').trim();
  const counts: Partial<Record<Field, number>> = {};
  for (const f of [
    'year',
    'round',
    'components',
    'leaks',
    'repairedOnTime',
    'repairedLate',
    'unrepaired',
  ] as const) {
    const t = text(f);
    if (!INTEGER.test(t))
      return {
        ok: false,
        column: LDAR_COLUMNS.find((c) => c.field === f)!.title,
        detail: `“${t}”不是整数`,
      };
    counts[f] = Number(t);
  }
  const creditCode = text('creditCode').toUpperCase();
  if (creditCode === '') return { ok: false, column: '统一社会信用代码', detail: '为空' };
  return {
    ok: true,
    creditCode,
    input: {
      year: counts.year!,
      round: counts.round!,
      periodFrom: date(text('periodFrom')),
      periodTo: date(text('periodTo')),
      components: counts.components!,
      leaks: counts.leaks!,
      repairedOnTime: counts.repairedOnTime!,
      repairedLate: counts.repairedLate!,
      unrepaired: counts.unrepaired!,
      notes: text('notes'),
    },
  };
}
