/** The tables of the monthly bulletin, with Chinese headers and AQI category fills. */
import type { MainCityChecks } from '../plan/main-city-service.ts';
import type { PlanDocument } from '../plan/plan-document.ts';
import type { PlanProgress } from '../plan/progress-service.ts';
import type { PlanRanking, RankingRow } from '../plan/ranking-service.ts';
import type { NoticeDraft } from '../plan/rules/notice-triggers.ts';
import { NOTICE_KIND_NAMES } from '../plan/rules/notice-workflow.ts';
import { STATUS_NAMES } from '../plan/rules/status.ts';
import type { Cell, ReportColumn, ReportTable } from './report-table.ts';

const STATE_NOTES = {
  ok: '',
  no_station: '无考核站点，不参与排名',
  no_data: '无有效数据，不参与排名',
} as const;
const METHOD_NAMES: Readonly<Record<string, string>> = {
  seasonal: '往年季节曲线',
  'same-ratio': '上年同期比例',
  linear: '按当前水平外推',
};

const col = (key: string, header: string, width: number, decimals?: number): ReportColumn =>
  decimals === undefined ? { key, header, width } : { key, header, width, decimals };

const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Rows sorted as published: ranked units by rank, then unranked units in plan order. */
function byRank(rows: readonly RankingRow[]): RankingRow[] {
  return [...rows].sort(
    (a, b) => (a.ranks.compositeIndex ?? 1e9) - (b.ranks.compositeIndex ?? 1e9),
  );
}

/** A level ranking (composite index order) with PM2.5 cells coloured by AQI category. */
export function rankingTable(name: string, title: string, r: PlanRanking): ReportTable {
  const rows = byRank(r.rows);
  return {
    name,
    title,
    columns: [
      col('rank', '综合指数排名', 8),
      col('name', '县（市、区）', 12),
      col('ci', '综合指数', 9, 2),
      col('pm25', 'PM2.5（µg/m³）', 11),
      col('category', 'PM2.5对应级别', 11),
      col('pm10', 'PM10', 7),
      col('so2', 'SO2', 6),
      col('no2', 'NO2', 6),
      col('co', 'CO（mg/m³）', 9, 1),
      col('o3', 'O3-8h', 7),
      col('good', '优良天数', 8),
      col('goodRate', '优良率（%）', 9, 1),
      col('heavy', '重污染天数', 9),
      col('ciChange', '综合指数同比（%）', 12, 2),
      col('changeRank', '改善幅度排名', 10),
      col('pm25Rank', 'PM2.5排名', 9),
      col('goodRank', '优良率排名', 9),
      col('bottom', '后十', 6),
      col('note', '备注', 22),
    ],
    rows: rows.map((x) => ({
      rank: x.ranks.compositeIndex,
      name: x.name,
      ci: x.figures.compositeIndex,
      pm25: x.figures.pm25,
      category: x.pm25Category?.name ?? null,
      pm10: x.figures.pm10,
      so2: x.figures.so2,
      no2: x.figures.no2,
      co: x.figures.co,
      o3: x.figures.o3,
      good: x.state === 'ok' ? x.figures.goodDays : null,
      goodRate: x.figures.goodRatePct,
      heavy: x.state === 'ok' ? x.figures.heavyDays : null,
      ciChange: x.ranks.compositeChangePct,
      changeRank: x.ranks.compositeChange,
      pm25Rank: x.ranks.pm25,
      goodRank: x.ranks.goodRate,
      bottom: x.ranks.bottom ? '后十' : '',
      note:
        STATE_NOTES[x.state] ||
        (x.figures.countRuleMet ? '' : '有效天数不足（GB 3095 表 4），仅供参考'),
    })),
    fills: rows.map((x): Record<string, string> =>
      x.pm25Category ? { pm25: x.pm25Category.color, category: x.pm25Category.color } : {},
    ),
    notes: [
      `期间 ${r.period.from} 至 ${r.period.to}，同比期间 ${r.previousPeriod.from} 至 ${r.previousPeriod.to}。`,
      `依据：${r.editions.ranking}；综合指数 ${r.editions.compositeIndex}；${r.editions.assessment}；AQI ${r.editions.aqi}；限值 ${r.editions.limits}。并列者名次相同；后十按综合指数由差到好前 ${r.bottomCount} 名（含并列）。`,
    ],
  };
}

/** The improvement ranking (change against the same period last year). */
export function improvementTable(r: PlanRanking): ReportTable {
  const rows = [...r.rows].sort(
    (a, b) => (a.ranks.compositeChange ?? 1e9) - (b.ranks.compositeChange ?? 1e9),
  );
  return {
    name: '改善幅度排名',
    title: `${r.period.title}各县（市、区）空气质量改善幅度排名（同比）`,
    columns: [
      col('rank', '综合指数改善排名', 10),
      col('name', '县（市、区）', 12),
      col('ci', '综合指数', 9, 2),
      col('ciPrev', '上年同期', 9, 2),
      col('ciChange', '变化率（%）', 10, 2),
      col('pm25', 'PM2.5', 7),
      col('pm25Prev', '上年同期', 8),
      col('pm25Change', '变化率（%）', 10, 2),
      col('pm25Rank', 'PM2.5改善排名', 10),
    ],
    rows: rows.map((x) => ({
      rank: x.ranks.compositeChange,
      name: x.name,
      ci: x.figures.compositeIndex,
      ciPrev: x.previous.compositeIndex,
      ciChange: x.ranks.compositeChangePct,
      pm25: x.figures.pm25,
      pm25Prev: x.previous.pm25,
      pm25Change: x.ranks.pm25ChangePct,
      pm25Rank: x.ranks.pm25Change,
    })),
    notes: [
      '变化率 =（本期 − 上年同期）÷ 上年同期 × 100%，负值为改善；按 GB/T 8170 修约到 2 位小数后排名。',
    ],
  };
}

/** Progress against the clock at the end of the month. */
export function progressTable(p: PlanProgress): ReportTable {
  const rows = p.subjects;
  return {
    name: '时序进度',
    title: `截至${p.asOf}目标完成进度（时序进度 ${p.pace.elapsedDays}/${p.pace.yearDays} = ${(p.pace.share * 100).toFixed(1)}%）`,
    columns: [
      col('name', '单位', 12),
      col('pm25', 'PM2.5累计', 9),
      col('pm25Target', 'PM2.5目标', 9),
      col('pm25Change', '同比（%）', 9, 2),
      col('pm25Required', '全年要求（%）', 11, 2),
      col('pm25Projected', '预计年均', 9),
      col('good', '优良天数', 8),
      col('goodPace', '时序进度应达', 11, 1),
      col('goodTarget', '优良目标', 8),
      col('goodProjected', '预计优良天数', 11, 1),
      col('heavy', '重污染已用', 9),
      col('heavyCeiling', '重污染上限', 9),
      col('heavyProjected', '预计重污染', 10, 1),
      col('method', '预测方法', 12),
      col('status', '状态', 8),
      col('note', '备注', 18),
    ],
    rows: rows.map((s) => ({
      name: s.name,
      pm25: s.pm25.soFar,
      pm25Target: s.pm25.target,
      pm25Change: s.pm25.changePct,
      pm25Required: s.pm25.requiredChangePct,
      pm25Projected: s.pm25.projected === null ? null : Math.round(s.pm25.projected),
      good: s.state === 'ok' ? s.goodDays.soFar : null,
      goodPace: r1(s.goodDays.expectedByPace),
      goodTarget:
        s.goodDays.target ??
        (s.goodDays.targetRatePct === null ? null : `${s.goodDays.targetRatePct}%`),
      goodProjected: r1(s.goodDays.projected),
      heavy: s.state === 'ok' ? s.heavyDays.used : null,
      heavyCeiling: s.heavyDays.ceiling,
      heavyProjected: r1(s.heavyDays.projected),
      method: s.primaryMethod ? (METHOD_NAMES[s.primaryMethod] ?? s.primaryMethod) : null,
      status: STATUS_NAMES[s.status],
      note:
        STATE_NOTES[s.state] ||
        (s.pm25.baselineSource === 'data' ? '改善要求的基准取自监测数据' : ''),
    })),
    fills: rows.map((s): Record<string, string> =>
      s.status === 'off_track'
        ? { status: '#FF9999' }
        : s.status === 'at_risk'
          ? { status: '#FFE699' }
          : s.status === 'on_track'
            ? { status: '#C6EFCE' }
            : {},
    ),
    notes: [
      '时序进度 = 已过天数 ÷ 全年天数；优良天数"应达" = 全年目标 × 时序进度。',
      '预计值取方案规则中第一个可用的预测方法（往年季节曲线、上年同期比例、按当前水平外推）。',
    ],
  };
}

/** The main-city rule of 三(七)4 for the month. */
export function mainCityTable(m: MainCityChecks): ReportTable {
  const yes = (v: boolean | null) => (v === null ? '—' : v ? '是' : '否');
  return {
    name: '主城区对比',
    title: `${m.period.title}县（市、区）PM2.5 月均浓度与${m.mainCity?.name ?? '主城区'}对比`,
    columns: [
      col('name', '县（市、区）', 12),
      col('base', '基准年PM2.5', 10),
      col('baseSource', '基准来源', 9),
      col('mainBase', '主城区基准', 10),
      col('applies', '适用本条', 8),
      col('month', '本月PM2.5', 9),
      col('mainMonth', '主城区本月', 10),
      col('margin', '差值', 7),
      col('flag', '未低于主城区', 11),
    ],
    rows: m.units.map((u) => ({
      name: u.name,
      base: u.baselinePm25,
      baseSource:
        u.baselineSource === 'plan' ? '方案' : u.baselineSource === 'data' ? '监测数据' : '未知',
      mainBase: m.mainCity?.baselinePm25 ?? null,
      applies: yes(u.applies),
      month: u.monthPm25,
      mainMonth: m.mainCity?.monthPm25 ?? null,
      margin: u.marginPm25,
      flag: u.flagged === null ? '—' : u.flagged ? '是' : '否',
    })),
    fills: m.units.map((u): Record<string, string> => (u.flagged ? { flag: '#FF9999' } : {})),
    notes: [
      `主城区按国控点（${m.mainCity?.stations.join('、') || '无'}）计。2019 年 PM2.5 年均浓度高于主城区的县（市、区），当月 PM2.5 月均浓度须低于主城区；相等视为未低于。`,
    ],
  };
}

/** The notices the month calls for. */
export function noticesTable(drafts: readonly NoticeDraft[]): ReportTable {
  return {
    name: '通知建议',
    title: '预警通知函、约谈建议和排名通报（草稿）',
    columns: [
      col('kind', '类型', 10),
      col('unit', '单位', 12),
      col('title', '标题', 40),
      col('basis', '依据', 80),
    ],
    rows: drafts.map((d) => ({
      kind: NOTICE_KIND_NAMES[d.kind],
      unit: d.unitName,
      title: d.title,
      basis: d.triggers.length
        ? d.triggers.map((t) => t.text).join('；')
        : (d.body.split('\n').slice(-1)[0] ?? ''),
    })),
  };
}

/** The notes sheet: plan, version, editions and what is UNVERIFIED. */
export function notesTable(
  doc: PlanDocument,
  version: number,
  status: string,
  r: PlanRanking,
): ReportTable {
  const rows: Array<Record<string, Cell>> = [
    { item: '方案', value: `${doc.name}（${doc.source['number'] ?? doc.id}）` },
    { item: '版本', value: `第 ${version} 版（${status === 'published' ? '已发布' : '草稿'}）` },
    {
      item: '评价标准',
      value: `${r.editions.assessment}；AQI ${r.editions.aqi}；限值 ${r.editions.limits}`,
    },
    { item: '综合指数', value: `${r.editions.compositeIndex}（${r.editions.ranking}）` },
    { item: '城市考核点位', value: '国控点（HJ 663 点位平均）' },
    {
      item: '主城区',
      value: doc.mainCity
        ? `${doc.mainCity.name}：${doc.mainCity.members.map((m) => doc.units.find((u) => u.adcode === m)?.name ?? m).join('、')}`
        : '—',
    },
  ];
  const unverified = [doc.city, ...doc.units].filter(
    (u) => u.baseline.pm25 !== null && !u.baseline.verified,
  );
  if (unverified.length)
    rows.push({
      item: '未核实的基准',
      value: unverified
        .map((u) => `${u.name} ${u.baseline.pm25}（${u.baseline.source || '来源不明'}）`)
        .join('；'),
    });
  const missing = doc.units.filter((u) => u.baseline.pm25 === null).length;
  if (missing)
    rows.push({
      item: '缺少的基准',
      value: `${missing} 个县（市、区）没有 ${doc.baseYear} 年基准，改善要求以监测数据计算（若有）`,
    });
  return {
    name: '说明',
    title: '说明',
    columns: [col('item', '项目', 16), col('value', '内容', 90)],
    rows,
  };
}
