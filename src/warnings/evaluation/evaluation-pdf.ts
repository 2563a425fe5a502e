/**
 * The evaluation of an episode as a one-page PDF in Chinese (pdfkit, the CJK font the reports
 * carry, src/reports/pdf-report.ts): title, key figures, forecast vs observed, reductions and
 * failed enterprises. Tables are cut to fit the page; the Excel workbook has every row.
 */
import { textColorOn } from '../../reports/excel-report.ts';
import {
  CJK as FONT,
  openCjkPdf,
  resolveCjkFont,
  type CjkFont,
  type PdfDoc,
} from '../../reports/cjk-pdf.ts';
import type { ReportTable } from '../../reports/report-table.ts';
import type { Evaluation } from './evaluation-service.ts';
import {
  daysTable,
  evaluationSummary,
  evaluationTitle,
  failedTable,
  reductionsTable,
} from './evaluation-tables.ts';

type Doc = PdfDoc;
const ROW_H = 13;

function cellText(v: string | number | null | undefined, decimals?: number): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'number' && decimals !== undefined ? v.toFixed(decimals) : String(v);
}

/** Draws a table of at most `maxRows` rows (a note says how many were left out). */
function drawTable(doc: Doc, t: ReportTable, maxRows: number): void {
  const left = doc.page.margins.left;
  const avail = doc.page.width - left - doc.page.margins.right;
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * avail);
  doc
    .font(FONT)
    .fontSize(10.5)
    .fillColor('#000000')
    .text(t.title, left, doc.y + 4);
  doc.moveDown(0.2);
  const row = (cells: string[], fills: Array<string | undefined>, header: boolean) => {
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      const fill = header ? '#D9E1F2' : fills[i];
      if (fill) doc.rect(x, y, w, ROW_H).fill(fill);
      doc.rect(x, y, w, ROW_H).lineWidth(0.3).stroke('#999999');
      doc
        .font(FONT)
        .fontSize(7.5)
        .fillColor(fill && !header ? textColorOn(fill) : '#000000')
        .text(c, x + 2, y + 2.5, {
          width: w - 4,
          height: ROW_H - 2,
          lineBreak: false,
          ellipsis: true,
        });
      x += w;
    });
    doc.x = left;
    doc.y = y + ROW_H;
  };
  row(
    t.columns.map((c) => c.header),
    [],
    true,
  );
  const shown = t.rows.slice(0, maxRows);
  shown.forEach((r, i) =>
    row(
      t.columns.map((c) => cellText(r[c.key], c.decimals)),
      t.columns.map((c) => t.fills?.[i]?.[c.key]),
      false,
    ),
  );
  if (t.rows.length === 0) row([...t.columns.map((_, i) => (i === 0 ? '无' : ''))], [], false);
  const notes = [...(t.notes ?? [])];
  if (t.rows.length > shown.length)
    notes.push(`另有 ${t.rows.length - shown.length} 行见 Excel 数据表。`);
  for (const n of notes)
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor('#595959')
      .text(n, left, doc.y + 2);
}

/** The one-page PDF of an evaluation. */
export async function evaluationPdf(
  ev: Evaluation,
  opts: { font?: CjkFont; generatedAt?: Date } = {},
): Promise<Buffer> {
  const { doc, done } = openCjkPdf({
    font: opts.font ?? resolveCjkFont(),
    title: evaluationTitle(ev),
    author: '蓝天 Lantian',
    created: opts.generatedAt ?? new Date(),
    margins: 36,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(FONT).fontSize(15).fillColor('#000000').text(evaluationTitle(ev), left, 36, {
    width,
    align: 'center',
  });
  doc.moveDown(0.5);
  doc.fontSize(9);
  for (const line of evaluationSummary(ev)) doc.text(line, left, doc.y, { width });
  drawTable(doc, daysTable(ev), 14);
  drawTable(doc, reductionsTable(ev), 9);
  drawTable(doc, failedTable(ev), 8);
  doc
    .fontSize(7)
    .fillColor('#595959')
    .text(
      `生成：蓝天 Lantian ${(opts.generatedAt ?? new Date()).toISOString().slice(0, 10)}`,
      left,
      doc.page.height - 48,
      {
        width,
        align: 'right',
        lineBreak: false,
      },
    );
  doc.end();
  return done;
}
