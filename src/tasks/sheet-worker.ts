/**
 * The process that reads an uploaded dispatch sheet (started by sheet-thread.ts): it checks the
 * ZIP's limits while unpacking (xlsx-guard.ts), then parses the workbook with exceljs and reads its
 * rows (sheet-read.ts). Only plain rows go back to the server; the workbook dies with the process.
 * Its heap is capped (--max-old-space-size), so a sheet that passed the limits but still needs too
 * much memory ends this process, never the server (a worker thread's heap limit can abort the
 * whole process in V8, which is why this is a process and not a thread).
 */
import { LantianError } from '../errors.ts';
import { readSheetRows, readTableRows } from './sheet-read.ts';
import { answerSheetJob, loadCheckedWorkbook } from './sheet-child.ts';
import type { SheetJob, SheetReply } from './sheet-thread.ts';

async function read(job: SheetJob): Promise<Extract<SheetReply, { ok: true }>> {
  const data = new Uint8Array(job.data);
  const wb = await loadCheckedWorkbook(data, job.filename, job.limits);
  const ws = wb.getWorksheet(job.sheetName) ?? wb.worksheets[0];
  if (!ws) throw new LantianError('LT_ERR_SHEET_HEADER', `${job.filename} 没有工作表`);
  if (job.tableAnchor !== undefined)
    return { ok: true, rows: [], ...readTableRows(ws, job.tableAnchor, job.required) };
  return { ok: true, ...readSheetRows(ws, job.required) };
}

answerSheetJob(read);
