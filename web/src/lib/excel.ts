/**
 * Table → Excel (.xlsx) with exceljs, loaded only when someone exports (it is about 900 KB, never
 * part of the first load). Headers are bold and frozen, columns sized to their content, numbers
 * stay numbers.
 */
import { safeFileName, saveBlob } from './download.ts';

/** One exported column. */
export interface ExcelColumn<Row> {
  header: string;
  /** The cell value of a row (numbers stay numeric in Excel). */
  value: (row: Row) => string | number | boolean | null | undefined;
  /** Excel number format, e.g. '0.0' or '#,##0'. */
  numFmt?: string;
}

/** Builds the workbook bytes (also used by tests through the page). */
export async function workbookBytes<Row>(
  sheetName: string,
  columns: readonly ExcelColumn<Row>[],
  rows: readonly Row[],
): Promise<ArrayBuffer> {
  const mod = (await import('exceljs')) as unknown as {
    default?: typeof import('exceljs');
  } & typeof import('exceljs');
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31) || 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.header }));
  for (const r of rows) {
    ws.addRow(columns.map((c) => c.value(r) ?? null));
  }
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.numFmt) col.numFmt = c.numFmt;
    let width = [...c.header].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0);
    for (const r of rows.slice(0, 500)) {
      const s = String(c.value(r) ?? '');
      width = Math.max(
        width,
        [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0),
      );
    }
    col.width = Math.min(60, width + 2);
  });
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Exports rows as `<title>.xlsx`. */
export async function exportExcel<Row>(
  title: string,
  columns: readonly ExcelColumn<Row>[],
  rows: readonly Row[],
): Promise<void> {
  const bytes = await workbookBytes(title, columns, rows);
  saveBlob(
    new Blob([bytes], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    `${safeFileName(title)}.xlsx`,
  );
}
