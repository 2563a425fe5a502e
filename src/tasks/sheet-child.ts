/**
 * The child-process side of sheet-thread.ts, shared by every sheet-reading worker module: takes the
 * one job the parent sends, runs `read`, and answers its result or its error (a catalogue error
 * with its code; anything else as LT_ERR_SHEET_HEADER naming the file), then disconnects.
 */
import ExcelJS from 'exceljs';
import { LantianError, type ErrorCode } from '../errors.ts';
import { checkXlsxLimits, type XlsxLimits } from './xlsx-guard.ts';

/** A failed read as the parent receives it. */
interface Failure {
  ok: false;
  code: ErrorCode;
  detail: string | undefined;
  extra?: Record<string, unknown> | undefined;
}

/** Answers the parent's one job with `read`'s result. */
export function answerSheetJob<J extends { filename: string }, R extends { ok: true }>(
  read: (job: J) => Promise<R>,
): void {
  const answer = (reply: R | Failure): void => {
    process.send!(reply, () => process.disconnect());
  };
  process.once('message', (job: J) => {
    read(job).then(answer, (e: unknown) =>
      answer(
        e instanceof LantianError
          ? { ok: false, code: e.code, detail: e.detail, extra: e.extra }
          : {
              ok: false,
              code: 'LT_ERR_SHEET_HEADER',
              detail: `${job.filename} 无法读取：${String((e as Error)?.message ?? e)}`,
            },
      ),
    );
  });
}

/** The workbook in `data`, parsed once its ZIP has kept the limits (xlsx-guard.ts). */
export async function loadCheckedWorkbook(
  data: Uint8Array,
  filename: string,
  limits: XlsxLimits,
): Promise<ExcelJS.Workbook> {
  await checkXlsxLimits(data, filename, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(data.buffer, data.byteOffset, data.length) as unknown as ExcelJS.Buffer,
    );
  } catch (e) {
    throw new LantianError('LT_ERR_SHEET_HEADER', `${filename} 无法读取：${(e as Error).message}`);
  }
  return wb;
}
