/**
 * The monthly bulletin as an Excel workbook (exceljs): one sheet per table, a title row, Chinese
 * headers, frozen header rows, number formats by column, and cell fills from the tables (the
 * rankings' PM2.5 cells in the AQI category colours of HJ 633 Appendix A).
 */
import ExcelJS from 'exceljs';
import type { ReportTable } from './report-table.ts';

/** Text colour readable on a fill: white on dark fills (red, purple, maroon), black otherwise. */
export function textColorOn(fill: string): string {
  const hex = fill.replace('#', '');
  const r = parseInt(hex.slice(0, 2), 16);
  const g = parseInt(hex.slice(2, 4), 16);
  const b = parseInt(hex.slice(4, 6), 16);
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#FFFFFF' : '#000000';
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Adds one table as a sheet. */
export function addTableSheet(wb: ExcelJS.Workbook, t: ReportTable): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(t.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = t.columns.map((c) => ({ key: c.key, width: c.width + 2 }));
  const title = ws.addRow([t.title]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.max(1, t.columns.length));
  const head = ws.addRow(t.columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  t.rows.forEach((row, i) => {
    const r = ws.addRow(t.columns.map((c) => row[c.key] ?? null));
    t.columns.forEach((c, k) => {
      const cell = r.getCell(k + 1);
      if (c.decimals !== undefined && typeof row[c.key] === 'number')
        cell.numFmt = c.decimals === 0 ? '0' : `0.${'0'.repeat(c.decimals)}`;
      const fill = t.fills?.[i]?.[c.key];
      if (fill) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
        cell.font = { color: { argb: argb(textColorOn(fill)) } };
      }
    });
  });
  if (t.notes?.length) {
    ws.addRow([]);
    for (const n of t.notes) ws.addRow([n]).font = { italic: true, color: { argb: 'FF595959' } };
  }
  return ws;
}

/** Writes the tables to an .xlsx buffer. */
export async function tablesToXlsx(
  tables: readonly ReportTable[],
  meta: { title: string; generatedAt?: Date },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.title = meta.title;
  wb.created = meta.generatedAt ?? new Date();
  for (const t of tables) addTableSheet(wb, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
