/**
 * The monthly dust notice (扬尘污染防治月度通报) as content: the dust-fall ranking of the plan's
 * units against their targets (plan 四.9), the exceedances named, the PM10 ranking (the plan's
 * indicator of its dust-pollution accountability), and the inspections of the month. The Excel
 * and PDF renderings (notice-sheet.ts, notice-pdf.ts) draw from this one object.
 */
import type { FallRanking } from './fall-service.ts';
import type { Pm10Row } from './pm10-ranking-service.ts';

/** Inspections per unit in the month. */
export interface UnitInspections {
  adcode: string;
  inspected: number;
  failed: number;
  open: number;
}

/** Everything the notice says. */
export interface DustNotice {
  cityName: string;
  month: string;
  fall: FallRanking;
  pm10: { edition: string; rows: Pm10Row[] } | null;
  inspections: UnitInspections[];
  issuedOn: string;
}

const monthCn = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
const f2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The notice's office, title and number. */
export function noticeHead(n: DustNotice): { office: string; title: string; number: string } {
  return {
    office: `${n.cityName}大气污染防治工作领导小组办公室`,
    title: `关于${monthCn(n.month)}各县（市、区）降尘量及扬尘污染防治情况的通报`,
    number: `扬尘通报 ${n.month}`,
  };
}

/** The body paragraphs. */
export function noticeParagraphs(n: DustNotice): string[] {
  const rows = n.fall.rows.filter((r) => r.mean !== null);
  const over = n.fall.rows.filter((r) => r.exceeds);
  const pointsOver = n.fall.rows.flatMap((r) =>
    r.pointsOver.map((p) => `${r.name}${p.name}（${p.value.toFixed(2)}）`),
  );
  const out = [
    `根据《${n.cityName}2020年大气污染综合治理工作方案》（四）9 的要求，按照《环境空气 降尘的测定 重量法》（${n.fall.edition}），现将${monthCn(n.month)}各县（市、区）降尘监测结果通报如下。主城区（邯山区、丛台区、复兴区、经济技术开发区）降尘量不高于 7 吨/月·平方公里，其他县（市、区）不高于 8 吨/月·平方公里。`,
  ];
  if (rows.length) {
    const best = rows[0]!;
    const worst = rows[rows.length - 1]!;
    out.push(
      `一、降尘量。${rows.length} 个县（市、区）有监测结果，降尘量范围为 ${f2(best.mean)}～${f2(worst.mean)} 吨/月·平方公里，按均值由低到高排名，${best.name}最低（${f2(best.mean)}），${worst.name}最高（${f2(worst.mean)}）。`,
    );
  } else out.push('一、降尘量。本月无降尘监测结果。');
  out.push(
    over.length
      ? `二、超标情况。${over.map((r) => `${r.name}（${f2(r.mean)}，目标 ${r.target}）`).join('、')}降尘量超过目标，予以通报。`
      : '二、超标情况。各县（市、区）降尘量均未超过目标。',
  );
  if (pointsOver.length) out.push(`超过所在县（市、区）目标的采样点：${pointsOver.join('、')}。`);
  if (n.fall.missing.length) out.push(`未报送降尘监测结果：${n.fall.missing.join('、')}。`);
  if (n.pm10) {
    const ranked = n.pm10.rows.filter((r) => r.rank !== null);
    out.push(
      ranked.length
        ? `三、PM10 排名（扬尘污染防治问责以 PM10 作为评价指标）。按考核站点 PM10 月均浓度由低到高：${ranked.map((r) => `${r.rank}.${r.name}（${r.pm10}）`).join('，')}。`
        : '三、PM10 排名。本月考核站点无有效 PM10 数据。',
    );
  }
  const ins = n.inspections.filter((i) => i.inspected > 0);
  out.push(
    ins.length
      ? `四、扬尘专项检查。本月共检查 ${ins.reduce((a, b) => a + b.inspected, 0)} 次，不达标 ${ins.reduce((a, b) => a + b.failed, 0)} 次，尚未整改销号 ${ins.reduce((a, b) => a + b.open, 0)} 处。`
      : '四、扬尘专项检查。本月无检查记录。',
  );
  out.push(
    '请降尘量超标和排名靠后的县（市、区）分析原因，强化施工工地、道路、物料堆场、裸露地面和露天矿山扬尘管控，落实“8 条标准”，按期完成问题整改。',
  );
  return out;
}

/** The table rows of the dust-fall ranking (header first). */
export function fallTable(n: DustNotice): Array<Array<string | number | null>> {
  return [
    ['排名', '县（市、区）', '采样点数', '降尘量均值', '最大值', '最小值', '目标', '是否超标'],
    ...n.fall.rows.map((r) => [
      r.rank,
      r.name,
      r.pointCount,
      r.mean,
      r.max,
      r.min,
      r.target,
      r.mean === null ? '无数据' : r.exceeds ? '超标' : '达标',
    ]),
  ];
}
