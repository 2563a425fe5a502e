/**
 * The evaluation of an episode as report tables (src/reports/report-table.ts): the PDF draws them
 * on one page, the Excel workbook makes each a sheet.
 */
import type { ReportTable } from '../../reports/report-table.ts';
import { WARNING_LEVEL_NAMES } from '../../standards/warning/levels.ts';
import { VIOLATION_KIND_NAMES } from '../compliance/schema.ts';
import type { Evaluation } from './evaluation-service.ts';

const POLLUTANT_NAMES: Record<string, string> = {
  SO2: '二氧化硫',
  NOx: '氮氧化物',
  PM: '颗粒物',
  VOCs: '挥发性有机物',
};

const levelName = (l: string | null) =>
  l ? (WARNING_LEVEL_NAMES[l as keyof typeof WARNING_LEVEL_NAMES] ?? l) : '—';

/** The title of the evaluation. */
export function evaluationTitle(ev: Evaluation): string {
  const e = ev.episode;
  return `${e.regionName ?? e.region}重污染天气过程评估（${e.fromDate} 至 ${e.lastDay}）`;
}

/** Key figures in sentences. */
export function evaluationSummary(ev: Evaluation): string[] {
  const e = ev.episode;
  const d = ev.daysAtLevel;
  const pf = ev.peaks.forecast;
  const po = ev.peaks.observed;
  return [
    `预警过程 #${e.id}：最高级别 ${levelName(e.peakLevel)}，${e.status === 'lifted' ? `${e.liftedOn} 解除` : '尚未解除'}；` +
      `红色 ${d.red} 天、橙色 ${d.orange} 天、黄色 ${d.yellow} 天。`,
    `预报峰值 ${pf ? `${pf.aqi}（${pf.date}）` : '—'}；实测峰值 ${po ? `${po.aqi}（${po.date}）` : '—'}。`,
    `清单企业 ${ev.enterprisesListed} 家，发现违规企业 ${ev.failed.length} 家。评估规则 ${ev.edition}。`,
    ...ev.notes,
  ];
}

/** Forecast vs observed, day by day. */
export function daysTable(ev: Evaluation): ReportTable {
  return {
    name: '逐日对比',
    title: '预报与实测日AQI',
    columns: [
      { key: 'date', header: '日期', width: 12 },
      { key: 'level', header: '预警级别', width: 10 },
      { key: 'forecast', header: '预报AQI', width: 10 },
      { key: 'observed', header: '实测AQI', width: 9, decimals: 0 },
      { key: 'category', header: '实测类别', width: 10 },
      { key: 'error', header: '偏差（实测−预报）', width: 12, decimals: 0 },
      { key: 'hit', header: '预报准确', width: 8 },
    ],
    rows: ev.days.map((d) => ({
      date: d.date,
      level: levelName(d.level),
      forecast:
        d.forecastAqi === null
          ? null
          : d.forecastLow !== null
            ? `${d.forecastLow}–${d.forecastAqi}`
            : String(d.forecastAqi),
      observed: d.observedAqi,
      category: d.category,
      error: d.error,
      hit: d.hit === null ? null : d.hit ? '是' : '否',
    })),
    fills: ev.days.map((d): Record<string, string> => (d.color ? { category: d.color } : {})),
  };
}

type ReductionRow = Evaluation['reductions'][number];

const reductionRow = (period: string, r: ReductionRow) => ({
  period,
  pollutant: POLLUTANT_NAMES[r.pollutant] ?? r.pollutant,
  owed: r.owedKg,
  measured: r.measuredEnterprises,
  measuredOwed: r.measuredOwedKg,
  achieved: r.achievedKg,
  pctOwed: r.achievedPctOfOwed,
  pctBase: r.achievedPctOfBaseline,
});

/**
 * Reductions achieved vs owed per pollutant: the rows of each level's days (its own list), then
 * the whole episode when more than one level was in force.
 */
export function reductionsTable(ev: Evaluation): ReportTable {
  const levels = ev.reductionsByLevel;
  const rows = levels.flatMap((l) =>
    l.reductions.map((r) => reductionRow(`${levelName(l.level)}（${l.days}天）`, r)),
  );
  if (levels.length !== 1) rows.push(...ev.reductions.map((r) => reductionRow('全过程', r)));
  return {
    name: '减排量',
    title: '应急减排量：应减与实际（千克，按当日预警级别清单逐日累计）',
    columns: [
      { key: 'period', header: '级别（完整日数）', width: 14 },
      { key: 'pollutant', header: '污染物', width: 12 },
      { key: 'owed', header: '清单应减', width: 11, decimals: 1 },
      { key: 'measured', header: '有在线监测企业数', width: 10, decimals: 0 },
      { key: 'measuredOwed', header: '其应减', width: 10, decimals: 1 },
      { key: 'achieved', header: '其实减', width: 10, decimals: 1 },
      { key: 'pctOwed', header: '完成率%', width: 9, decimals: 1 },
      { key: 'pctBase', header: '减排比例%', width: 9, decimals: 1 },
    ],
    rows,
    notes: [
      '应减 = Σ 当日级别清单的应减量（千克/日）× 该级别完整日数；' +
        '实减 = Σ 有效监测日（基准排放量 − 当日实测排放量，CEMS 有效小时 -Cou 折算 24 小时）。',
    ],
  };
}

/** Enterprises that failed. */
export function failedTable(ev: Evaluation): ReportTable {
  return {
    name: '违规企业',
    title: '未落实减排措施的企业',
    columns: [
      { key: 'name', header: '企业名称', width: 24 },
      { key: 'code', header: '统一社会信用代码', width: 20 },
      { key: 'county', header: '县区', width: 8 },
      { key: 'kinds', header: '违规类型', width: 22 },
      { key: 'count', header: '违规记录数', width: 8, decimals: 0 },
      { key: 'open', header: '未办结', width: 7, decimals: 0 },
    ],
    rows: ev.failed.map((f) => ({
      name: f.name,
      code: f.creditCode,
      county: f.county,
      kinds: f.kinds
        .map((k) => VIOLATION_KIND_NAMES[k as keyof typeof VIOLATION_KIND_NAMES] ?? k)
        .join('、'),
      count: f.violations,
      open: f.open,
    })),
  };
}
