/**
 * The monthly station notice as an Excel workbook (in the form of the lists' workbooks,
 * src/warnings/lists/list-sheet.ts): sheet 通报 with the title, the paragraphs and the named
 * stations; sheet 排名 with every ranked station; sheet 溯源明细 with every traced vehicle.
 */
import ExcelJS from 'exceljs';
import type { MonthlyRanking } from './ranking-service.ts';
import { DEVICE_KIND_NAMES } from './rules/failure-events.ts';
import { POLLUTANT_NAMES } from './rules/limits.ts';
import { noticeParagraphs, noticeTitle } from './station-notice-text.ts';

const beijing = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Sheet names of the workbook. */
export const NOTICE_SHEETS = { notice: '通报', ranking: '排名', traces: '溯源明细' } as const;

/** The workbook. */
export async function stationNoticeXlsx(r: MonthlyRanking, cityName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = new Date(0);
  const notice = wb.addWorksheet(NOTICE_SHEETS.notice);
  notice.addRow([noticeTitle(cityName, r.month)]).font = { bold: true, size: 14 };
  for (const p of noticeParagraphs(r)) notice.addRow([p]);
  notice.addRow([]);
  notice.addRow(['名次', '机构编号', '检验机构名称', '溯源车辆数']).font = { bold: true };
  for (const s of r.named) notice.addRow([s.rank, s.stationCode, s.stationName, s.vehicles]);
  notice.getColumn(1).width = 12;
  notice.getColumn(3).width = 36;

  const ranking = wb.addWorksheet(NOTICE_SHEETS.ranking);
  ranking.addRow(['名次', '机构编号', '检验机构名称', '溯源车辆数']).font = { bold: true };
  for (const s of r.ranking) ranking.addRow([s.rank, s.stationCode, s.stationName, s.vehicles]);
  ranking.getColumn(3).width = 36;

  const traces = wb.addWorksheet(NOTICE_SHEETS.traces);
  traces.addRow([
    '车牌号码',
    '车牌颜色',
    'VIN',
    '发现方式',
    '超标项目',
    '超标时间',
    '机构编号',
    '检验机构名称',
    '检验流水号',
    '检验时间',
    '间隔天数',
  ]).font = { bold: true };
  for (const t of r.traces)
    traces.addRow([
      t.plate,
      t.plateColour,
      t.vin ?? '',
      DEVICE_KIND_NAMES[t.kind],
      POLLUTANT_NAMES[t.pollutant],
      beijing(t.at),
      t.stationCode ?? '未溯源',
      t.stationName ?? '',
      t.serial ?? '',
      t.inspectedAt === null ? '' : beijing(t.inspectedAt),
      t.days ?? '',
    ]);
  traces.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
