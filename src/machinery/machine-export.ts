/**
 * Exporting registrations in the import's own columns (rules/machine-sheet.ts), so that an export
 * can be edited and imported again: an .xlsx workbook (sheet 非道路移动机械) or a UTF-8 CSV with BOM.
 */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { SHEET_COLUMNS } from './rules/machine-sheet.ts';
import type { MachineOut } from './schema.ts';

type Machine = z.output<typeof MachineOut>;

function cellsOf(m: Machine): string[] {
  const v: Record<string, string> = {
    code: m.code,
    ownerName: m.ownerName,
    ownerIdNo: m.ownerIdNo,
    ownerPhone: m.ownerPhone,
    machineType: m.machineType,
    emissionStage: m.emissionStageName,
    engineModel: m.engineModel,
    engineNumber: m.engineNumber,
    manufactureYear: m.manufactureYear === null ? '' : String(m.manufactureYear),
    siteId: m.siteId === null ? '' : String(m.siteId),
    regionAdcode: m.regionAdcode,
  };
  return SHEET_COLUMNS.map(([, f]) => v[f] ?? '');
}

const quote = (s: string): string => {
  // A cell starting like a formula is kept as text in spreadsheets.
  const t = /^[=@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** The CSV text of the machines. */
export function machinesCsv(items: readonly Machine[]): string {
  const lines = [SHEET_COLUMNS.map(([t]) => t).join(',')];
  for (const m of items) lines.push(cellsOf(m).map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The workbook of the machines. */
export async function machinesXlsx(items: readonly Machine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('非道路移动机械');
  ws.addRow(SHEET_COLUMNS.map(([t]) => t));
  ws.getRow(1).font = { bold: true };
  for (const m of items) ws.addRow(cellsOf(m));
  ws.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
