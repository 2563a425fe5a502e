/**
 * The monthly bulletin of a plan as data: the month's, the quarter-to-date and the year-to-date
 * rankings, the improvement ranking, progress against the clock, the main-city check and the
 * notices the month calls for, each as a report table. Excel, PDF and the API all render this.
 */
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { mainCityChecks, type MainCityChecks } from '../plan/main-city-service.ts';
import { noticeCandidates } from '../plan/notice-service.ts';
import type { NoticeDraft } from '../plan/rules/notice-triggers.ts';
import { parsePeriod, quarterOfMonth, type Period } from '../plan/rules/periods.ts';
import type { PlanProgress } from '../plan/progress-service.ts';
import { planRanking, rankingForPeriod, type PlanRanking } from '../plan/ranking-service.ts';
import { analysedPlan, resolvePlanVersion, type AnalysedPlan } from '../plan/plan-service.ts';
import type { PlanDocument } from '../plan/plan-document.ts';
import type { Progress } from '../imports/progress.ts';
import { silentProgress } from '../imports/progress.ts';
import {
  improvementTable,
  mainCityTable,
  noticesTable,
  notesTable,
  progressTable,
  rankingTable,
} from './monthly-tables.ts';
import type { ReportTable } from './report-table.ts';

/** Everything the monthly bulletin shows. */
export interface MonthlyReport {
  plan: AnalysedPlan;
  document: PlanDocument;
  period: Period;
  month: PlanRanking;
  quarter: PlanRanking;
  ytd: PlanRanking;
  progress: PlanProgress;
  mainCity: MainCityChecks;
  notices: NoticeDraft[];
  tables: ReportTable[];
  /** Whether any figure rests on simulated data (every table then says so). */
  simulated: boolean;
}

/** The line a report resting on simulated data carries (under every table, on the PDF's cover). */
export const SIMULATED_NOTE =
  '本报告含模拟数据（数据来源为模拟器，仅供演示和测试，不是监测结果）。';

/** Marks every table as resting on simulated data: title, a note, and a row of the 说明 table. */
function markSimulated(tables: ReportTable[]): ReportTable[] {
  return tables.map((t) => ({
    ...t,
    title: `${t.title}（含模拟数据）`,
    rows: t.name === '说明' ? [...t.rows, { item: '数据来源', value: SIMULATED_NOTE }] : t.rows,
    notes: [SIMULATED_NOTE, ...(t.notes ?? [])],
  }));
}

/** Builds the monthly report of a plan for 'YYYY-MM'. */
export async function buildMonthlyReport(
  db: Db,
  planId: string,
  month: string,
  opts: { version?: number; progress?: Progress } = {},
): Promise<MonthlyReport> {
  const period = parsePeriod(month);
  if (!period || period.kind !== 'month')
    throw new LantianError('LT_ERR_BAD_DATE', `月份 "${month}" 应为 YYYY-MM`);
  const v = await resolvePlanVersion(db, planId, opts.version);
  const doc = v.document;
  if (period.year !== doc.year)
    throw new LantianError('LT_ERR_BAD_RANGE', `${month} 不在方案年度 ${doc.year} 内`);
  const bar = opts.progress ?? silentProgress;
  bar.start('计算月报', 5);
  const monthR = await planRanking(db, planId, month, v.version);
  bar.tick(1);
  // The quarter so far: its first day through the end of the month (same span last year).
  const q = parsePeriod(quarterOfMonth(month))!;
  const span: Period =
    q.to === period.to
      ? q
      : { ...q, title: `${q.title}（截至${Number(month.slice(5))}月）`, to: period.to };
  const quarterR = await rankingForPeriod(db, planId, span, v.version);
  bar.tick(1);
  const ytdR = await planRanking(db, planId, period.to, v.version);
  bar.tick(1);
  const candidates = await noticeCandidates(db, planId, month, v.version);
  bar.tick(1);
  const main = await mainCityChecks(db, planId, month, v.version);
  bar.tick(1);
  bar.stop();
  const simulated =
    monthR.simulated || quarterR.simulated || ytdR.simulated || candidates.progress.simulated;
  const tables = [
    rankingTable('月度排名', `${period.title}各县（市、区）环境空气质量排名`, monthR),
    rankingTable('季度排名', `${quarterR.period.title}各县（市、区）环境空气质量排名`, quarterR),
    rankingTable('年累计排名', `${ytdR.period.title}各县（市、区）环境空气质量排名`, ytdR),
    improvementTable(monthR),
    progressTable(candidates.progress),
    mainCityTable(main),
    noticesTable(candidates.drafts),
    notesTable(doc, v.version, v.status, monthR),
  ];
  return {
    plan: analysedPlan(v),
    document: doc,
    period,
    month: monthR,
    quarter: quarterR,
    ytd: ytdR,
    progress: candidates.progress,
    mainCity: main,
    notices: candidates.drafts,
    tables: simulated ? markSimulated(tables) : tables,
    simulated,
  };
}
