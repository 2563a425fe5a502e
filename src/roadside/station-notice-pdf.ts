/**
 * The monthly station notice as PDF (pdfkit, Chinese, the CJK font of the reports; set in the
 * manner of the warning notices, src/warnings/episodes/notice-pdf.ts): red office header, title,
 * addressees, the paragraphs, the full ranking as a table, the office and date.
 */
import { CJK, openCjkPdf, resolveCjkFont, type CjkFont } from '../reports/cjk-pdf.ts';
import type { MonthlyRanking } from './ranking-service.ts';
import { noticeOffice, noticeParagraphs, noticeTitle } from './station-notice-text.ts';

/** Renders the notice; `issued` is the day it is issued (YYYY-MM-DD). */
export async function stationNoticePdf(
  r: MonthlyRanking,
  cityName: string,
  issued: string,
  font: CjkFont = resolveCjkFont(),
): Promise<Buffer> {
  const office = noticeOffice(cityName);
  const title = noticeTitle(cityName, r.month);
  const { doc, done } = openCjkPdf({
    font,
    title,
    author: office,
    created: new Date(`${issued}T00:00:00+08:00`),
    margins: { top: 70, bottom: 60, left: 80, right: 80 },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(CJK).fontSize(22).fillColor('#C00000').text(office, { align: 'center' });
  const y = doc.y + 10;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.5)
    .strokeColor('#C00000')
    .stroke();
  doc.y = y + 18;
  doc.fillColor('#000000').fontSize(17).text(title, left, doc.y, { align: 'center', width });
  doc.moveDown(1);
  doc
    .fontSize(12)
    .text('市市场监管局，各县（市、区）生态环境分局，各排放检验机构：', left, doc.y, { width });
  doc.moveDown(0.4);
  for (const p of noticeParagraphs(r)) {
    doc.text(p, left, doc.y, { width, indent: 24, lineGap: 4 });
    doc.moveDown(0.4);
  }
  if (r.ranking.length > 0) {
    doc.moveDown(0.5);
    doc
      .fontSize(13)
      .text('附：排放检验机构溯源车辆数排名', left, doc.y, { width, align: 'center' });
    doc.moveDown(0.3);
    const cols = [60, 120, 190, 70];
    const row = (cells: string[]) => {
      const top = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.text(c, x, top, { width: cols[i]!, lineBreak: false, ellipsis: true });
        x += cols[i]!;
      });
      doc.y = top + 18;
    };
    doc.fontSize(11);
    row(['名次', '机构编号', '检验机构名称', '车辆数']);
    for (const s of r.ranking)
      row([String(s.rank), s.stationCode, s.stationName, String(s.vehicles)]);
  }
  doc.moveDown(2);
  doc.fontSize(12).text(office, left, doc.y, { width, align: 'right' });
  const [yy, mm, dd] = issued.split('-').map(Number);
  doc.text(`${yy}年${mm}月${dd}日`, left, doc.y, { width, align: 'right' });
  doc.end();
  return done;
}
