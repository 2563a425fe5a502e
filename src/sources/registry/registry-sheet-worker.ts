/**
 * The child process that reads an uploaded registry workbook (started through
 * tasks/sheet-thread.ts, within the same limits and pool as the dispatch sheets): every worksheet
 * as rows of cell texts with their Excel row numbers. Only plain text goes back to the server.
 */
import { loadCheckedWorkbook, answerSheetJob } from '../../tasks/sheet-child.ts';
import { cellText } from '../../tasks/sheet-read.ts';
import type { XlsxLimits } from '../../tasks/xlsx-guard.ts';

/** What the process is given. */
export interface RegistrySheetJob {
  data: ArrayBuffer;
  filename: string;
  limits: XlsxLimits;
}

/** One worksheet as text: rows with their 1-based Excel row number. */
export interface SheetText {
  name: string;
  rows: Array<{ row: number; cells: string[] }>;
}

/** What the process answers. */
export interface RegistrySheetReply {
  ok: true;
  sheets: SheetText[];
}

async function read(job: RegistrySheetJob): Promise<RegistrySheetReply> {
  const wb = await loadCheckedWorkbook(new Uint8Array(job.data), job.filename, job.limits);
  const sheets: SheetText[] = [];
  for (const ws of wb.worksheets) {
    const rows: SheetText['rows'] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      if (cells.some((x) => x !== '')) rows.push({ row: r, cells });
    }
    sheets.push({ name: ws.name, rows });
  }
  return { ok: true, sheets };
}

answerSheetJob(read);
