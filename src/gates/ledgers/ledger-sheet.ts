/**
 * Workbooks of the electronic ledgers (exceljs): a ledger kind with the same titles the import
 * reads (so an export can be imported again), and the passage ledger of a period with the
 * fields of standards.md §7.1 (times as `yyyymmdd HHmmss`, Beijing time).
 */
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS, LEDGER_NAMES, type LedgerKind } from './rules/ledger-rows.ts';

/** One row of a ledger sheet: credit code, enterprise name and the fields by name. */
export interface SheetRow {
  creditCode: string;
  enterprise: string;
  fields: Record<string, string | number | null>;
  /** Extra columns after the fields (e.g. passages seen at the gates). */
  extra?: Array<string | number | null>;
}

const XLSX_DATE = new Date(0);

/** The workbook of a ledger kind; `extraTitles` head the extra columns. */
export async function ledgerXlsx(
  kind: LedgerKind,
  rows: readonly SheetRow[],
  extraTitles: readonly string[] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = XLSX_DATE;
  const ws = wb.addWorksheet(LEDGER_NAMES[kind]);
  const cols = Object.entries(LEDGER_COLUMNS[kind]).filter(([f]) => f !== 'creditCode');
  ws.addRow([
    LEDGER_COLUMNS[kind].creditCode,
    '企业名称',
    ...cols.map(([, t]) => t),
    ...extraTitles,
  ]).font = { bold: true };
  for (const r of rows)
    ws.addRow([
      r.creditCode,
      r.enterprise,
      ...cols.map(([f]) => r.fields[f] ?? ''),
      ...(r.extra ?? []),
    ]);
  ws.columns.forEach((c) => (c.width = 18));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Titles of the passage ledger (standards.md §7.1, guide Table 3). */
export const PASSAGE_TITLES = [
  '统一社会信用代码',
  '企业名称',
  '门禁名称',
  '进出时间',
  '进出方向',
  '号牌号码',
  '号牌颜色',
  '注册日期',
  '车辆识别代号',
  '发动机号码',
  '排放阶段',
  '燃料类型',
  '货物名称',
  '运输量（吨）',
  '车队名称',
  '人为开闸',
  '开闸人及原因',
  '照片（SHA-256）',
] as const;

const OFFSET_MS = 8 * 3600_000;

/** `yyyymmdd HHmmss` of an instant in Beijing time (Table 3's format). */
export function table3Time(ms: number): string {
  const s = new Date(ms + OFFSET_MS).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)} ${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}`;
}

/** The workbook of the passage ledger; `note` (e.g. a truncation) goes in a last row. */
export async function passageXlsx(
  title: string,
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  note: string | null,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = XLSX_DATE;
  const ws = wb.addWorksheet('进出厂运输车辆台账');
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([...PASSAGE_TITLES]).font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
  if (note) ws.addRow([note]);
  ws.columns.forEach((c) => (c.width = 16));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
