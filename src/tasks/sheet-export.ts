/**
 * Writes the dispatch sheet (调度表) as an .xlsx workbook: a title row, the header row (the
 * columns a unit fills in shaded), one row per measure, unit and target, frozen panes, and a
 * second sheet explaining the columns and statuses.
 */
import ExcelJS from 'exceljs';
import { epochToLocal } from '../time/zoned-time.ts';
import { SHEET_COLUMNS, sheetRows, timeText } from './rules/dispatch-sheet.ts';
import type { StatusRow } from './status-service.ts';
import { sheetHelpLines } from './rules/sheet-help.ts';
import type { TaskPlan } from './task-model.ts';

const INPUT_FILL = 'FFFFF2CC';
const HEAD_FILL = 'FFD9E1F2';

/** Builds the workbook of the rows evaluated on `date`. */
export async function dispatchSheetXlsx(
  plan: TaskPlan,
  rows: readonly StatusRow[],
  date: string,
  timeZone: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.title = `${plan.meta.title}重点任务调度表`;
  wb.created = new Date(0);
  const ws = wb.addWorksheet('调度表', { views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const title = ws.addRow([`${plan.meta.title}重点任务调度表（截至 ${date}）`]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, SHEET_COLUMNS.length);
  const head = ws.addRow(SHEET_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  SHEET_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.input ? INPUT_FILL : HEAD_FILL },
    };
    cell.border = { bottom: { style: 'thin' } };
  });
  const fmt = (t: number): string => timeText(epochToLocal(timeZone, t));
  for (const r of sheetRows(rows, fmt)) {
    const row = ws.addRow(SHEET_COLUMNS.map((c) => r[c.key]));
    row.alignment = { vertical: 'top', wrapText: true };
    SHEET_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.key === 'ratio' && typeof r.ratio === 'number') cell.numFmt = '0.0%';
      if (c.input) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
    });
  }
  const help = wb.addWorksheet('填报说明');
  help.columns = [{ width: 22 }, { width: 100 }];
  const lines = sheetHelpLines();
  for (const l of lines) help.addRow(l).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
