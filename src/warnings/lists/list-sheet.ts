/**
 * A list as an Excel workbook in the usual 清单 form, one worksheet per county (区县): a title
 * row, then 序号, 企业名称, 统一社会信用代码, 行业, 绩效等级, 管控类别, 应急减排措施, and per
 * pollutant the baseline (kg/d), its source and the expected reduction (kg/d), with a total row.
 */
import ExcelJS from 'exceljs';
import { industryOf } from '../../sources/registry/industry-list.ts';
import { REDUCTION_POLLUTANTS } from '../measures.ts';
import type { listView } from './list-service.ts';
import { BASIS_NAMES, LEVEL_NAMES, measuresText } from './rules/measure-text.ts';

type ListView = Awaited<ReturnType<typeof listView>>;
type Item = ListView['items'][number];

const HEAD = [
  '序号',
  '企业名称',
  '统一社会信用代码',
  '行业',
  '绩效等级',
  '管控类别',
  '应急减排措施',
];
const POLLUTANT_HEAD = REDUCTION_POLLUTANTS.flatMap((p) => [
  `${p} 基准排放量(kg/d)`,
  `${p} 基准来源`,
  `${p} 预计减排量(kg/d)`,
]);
const SOURCE = { cems: '在线监测', registry: '排污许可' } as const;

function row(i: Item, n: number): Array<string | number> {
  return [
    n,
    i.enterprise,
    i.creditCode,
    industryOf(i.industry)?.name ?? i.industry,
    i.grade ?? '未分级',
    BASIS_NAMES[i.basis] ?? i.basis,
    measuresText(i.measures),
    ...REDUCTION_POLLUTANTS.flatMap((p): Array<string | number> => {
      const b = i.baseline[p];
      return b ? [b.kgPerDay, SOURCE[b.source], i.expected[p] ?? 0] : ['', '', ''];
    }),
  ];
}

function totalRow(items: Item[]): Array<string | number> {
  const sum = (f: (i: Item) => number | undefined) =>
    Math.round(items.reduce((a, i) => a + (f(i) ?? 0), 0) * 10) / 10;
  return [
    '合计',
    `${items.length} 家`,
    '',
    '',
    '',
    '',
    '',
    ...REDUCTION_POLLUTANTS.flatMap((p): Array<string | number> => [
      sum((i) => i.baseline[p]?.kgPerDay),
      '',
      sum((i) => i.expected[p]),
    ]),
  ];
}

/** The workbook; `countyNames` names the sheets (adcode → name). */
export async function listXlsx(
  list: ListView,
  title: string,
  countyNames: ReadonlyMap<string, string>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = new Date(0);
  const counties = [...new Set(list.items.map((i) => i.county))].sort();
  if (counties.length === 0) counties.push(list.region);
  const kind = list.kind === 'voc-stagger' ? 'VOCs 错峰生产清单' : '应急减排清单';
  for (const c of counties) {
    const name = countyNames.get(c) ?? c;
    const ws = wb.addWorksheet(name.slice(0, 31));
    const head = [...HEAD, ...POLLUTANT_HEAD];
    ws.addRow([
      `${name === title ? '' : title}${name}重污染天气${LEVEL_NAMES[list.level]}预警${kind}（第 ${list.version} 版）`,
    ]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, head.length);
    ws.addRow(head).font = { bold: true };
    const items = list.items.filter((i) => i.county === c);
    items.forEach((i, n) => ws.addRow(row(i, n + 1)));
    ws.addRow(totalRow(items)).font = { bold: true };
    ws.columns.forEach((col, n) => (col.width = n === 6 ? 48 : n === 1 ? 28 : n === 2 ? 22 : 12));
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
