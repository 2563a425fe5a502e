/**
 * The monthly dust notice as PDF, in the style of the other notices
 * (src/warnings/episodes/notice-pdf.ts): red office header, number, title, addressees, the body,
 * the dust-fall ranking table and the office's signature.
 */
import { CJK, openCjkPdf, resolveCjkFont, type CjkFont } from '../reports/cjk-pdf.ts';
import { fallTable, noticeHead, noticeParagraphs, type DustNotice } from './notice-content.ts';

const cn = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** Renders the notice to PDF bytes. */
export async function dustNoticePdf(
  n: DustNotice,
  font: CjkFont = resolveCjkFont(),
): Promise<Buffer> {
  const head = noticeHead(n);
  const { doc, done } = openCjkPdf({
    font,
    title: `${head.number} ${head.title}`,
    author: head.office,
    created: new Date(`${n.issuedOn}T00:00:00+08:00`),
    margins: { top: 70, bottom: 60, left: 70, right: 70 },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(CJK).fontSize(20).fillColor('#C00000').text(head.office, { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(12).fillColor('#000000').text(head.number, { align: 'center' });
  const y = doc.y + 6;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.5)
    .strokeColor('#C00000')
    .stroke();
  doc.y = y + 18;
  doc.fontSize(16).text(head.title, left, doc.y, { align: 'center', width });
  doc.moveDown(1);
  doc.fontSize(12).text('各县（市、区）人民政府，市有关部门：', left, doc.y, { width });
  doc.moveDown(0.4);
  for (const p of noticeParagraphs(n)) {
    doc.text(p, left, doc.y, { width, indent: 24, lineGap: 4 });
    doc.moveDown(0.4);
  }
  doc.moveDown(0.6);
  doc.fontSize(12).text('附表：各县（市、区）降尘量排名（吨/月·平方公里）', left, doc.y, { width });
  doc.moveDown(0.3);
  const widths = [36, 110, 56, 66, 56, 56, 46, 0];
  widths[7] = width - widths.slice(0, 7).reduce((a, b) => a + b, 0);
  doc.fontSize(9.5);
  for (const row of fallTable(n)) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
    const rowY = doc.y;
    let x = left;
    row.forEach((cell, i) => {
      const t =
        cell === null
          ? '—'
          : typeof cell === 'number' && i >= 3 && i <= 5
            ? cell.toFixed(2)
            : String(cell);
      doc.text(t, x + 2, rowY, { width: widths[i]! - 4, lineBreak: false });
      x += widths[i]!;
    });
    doc.y = rowY + 16;
  }
  doc.moveDown(1.5);
  doc.fontSize(12).text(head.office, left, doc.y, { width, align: 'right' });
  doc.text(cn(n.issuedOn), left, doc.y, { width, align: 'right' });
  doc.end();
  return done;
}
