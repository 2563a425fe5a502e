/** The monthly dust notice as an Excel workbook: the notice text, the dust-fall and PM10 rankings. */
import ExcelJS from 'exceljs';
import { fallTable, noticeHead, noticeParagraphs, type DustNotice } from './notice-content.ts';

/** The workbook's bytes. */
export async function dustNoticeXlsx(n: DustNotice): Promise<Buffer> {
  const head = noticeHead(n);
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = new Date(0);
  const fall = wb.addWorksheet('降尘排名');
  fall.addRow([head.title]).font = { bold: true, size: 14 };
  fall.mergeCells(1, 1, 1, 8);
  fall.addRow([`单位：吨/月·平方公里；方法 ${n.fall.edition}；按均值由低到高排名`]);
  const [th, ...rows] = fallTable(n);
  fall.addRow(th!).font = { bold: true };
  for (const r of rows) fall.addRow(r);
  fall.columns.forEach((c, i) => (c.width = i === 1 ? 18 : 12));
  fall.views = [{ state: 'frozen', ySplit: 3 }];

  const pts = wb.addWorksheet('超标采样点');
  pts.addRow(['县（市、区）', '采样点编号', '采样点', '降尘量', '目标']).font = { bold: true };
  for (const r of n.fall.rows)
    for (const p of r.pointsOver) pts.addRow([r.name, p.code, p.name, p.value, r.target]);

  if (n.pm10) {
    const pm = wb.addWorksheet('PM10排名');
    pm.addRow([`PM10 月均浓度（µg/m³）；${n.pm10.edition}`]);
    pm.addRow(['排名', '县（市、区）', 'PM10', '考核站点']).font = { bold: true };
    for (const r of n.pm10.rows) pm.addRow([r.rank, r.name, r.pm10, r.stations.join('、')]);
  }
  const text = wb.addWorksheet('通报正文');
  text.addRow([head.office]).font = { bold: true, size: 16 };
  text.addRow([head.number]);
  text.addRow([head.title]).font = { bold: true };
  for (const p of noticeParagraphs(n)) text.addRow([p]);
  text.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
