/** The evaluation of an episode as an Excel workbook (exceljs): a summary sheet and one sheet per table. */
import ExcelJS from 'exceljs';
import { addTableSheet } from '../../reports/excel-report.ts';
import type { Evaluation } from './evaluation-service.ts';
import {
  daysTable,
  evaluationSummary,
  evaluationTitle,
  failedTable,
  reductionsTable,
} from './evaluation-tables.ts';

/** The workbook as bytes. */
export async function evaluationWorkbook(ev: Evaluation): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  const ws = wb.addWorksheet('概况');
  ws.columns = [{ width: 110 }];
  ws.addRow([evaluationTitle(ev)]).font = { bold: true, size: 14 };
  for (const line of evaluationSummary(ev)) ws.addRow([line]);
  for (const t of [daysTable(ev), reductionsTable(ev), failedTable(ev)]) addTableSheet(wb, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
