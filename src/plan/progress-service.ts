/**
 * Progress against the clock (时序进度) of a plan at any date: for the city, the main city and
 * every unit, PM2.5 so far against its target and against the same period last year, good days
 * against the pace of the target, heavy-pollution days against the ceiling, year-end
 * projections by every method, and a status. Units without an assessment station or without
 * valid data are reported as such (state), never judged on zeros.
 */
import { restsOnSimulatedData } from '../air/simulated-data.ts';
import { LantianError } from '../errors.ts';
import {
  changeRate,
  editionsFor,
  isLocalDate,
  roundHalfEven,
  type DailyRecord,
  type Editions,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { PlanBaseline, PlanDocument, PlanTarget } from './plan-document.ts';
import { analysedPlan, resolvePlanVersion, type AnalysedPlan } from './plan-service.ts';
import {
  planSubjects,
  subjectDailyRecords,
  type Subject,
  type SubjectKind,
} from './plan-subjects.ts';
import { expectedByPace, paceAt, type Pace } from './rules/pace.ts';
import { dayPoints, periodFigures, type PeriodFigures } from './rules/period-figures.ts';
import { sameDateLastYear } from './rules/periods.ts';
import { projectYearEnd, type Projection } from './rules/projection.ts';
import {
  ceilingStatus,
  floorStatus,
  pm25Status,
  worstStatus,
  type Status,
} from './rules/status.ts';

/** Whether a subject could be assessed. */
export type SubjectState = 'ok' | 'no_station' | 'no_data';

/** Progress of one subject. */
export interface SubjectProgress {
  key: string;
  kind: SubjectKind;
  name: string;
  state: SubjectState;
  stations: string[];
  ytd: PeriodFigures;
  lastYearSamePeriod: PeriodFigures;
  lastYear: PeriodFigures;
  target: PlanTarget & { pm25ReductionPct?: number | null };
  pm25: {
    soFar: number | null;
    target: number | null;
    lastYearSamePeriod: number | null;
    changePct: number | null;
    requiredChangePct: number | null;
    baseline: number | null;
    /** 'plan' (the plan's base-year input), 'plan-percent' (the plan's own −x %), 'data' (measured base year) or null. */
    baselineSource: string | null;
    projected: number | null;
    status: Status;
  };
  goodDays: {
    soFar: number;
    ratePct: number | null;
    target: number | null;
    targetRatePct: number | null;
    expectedByPace: number | null;
    projected: number | null;
    status: Status;
  };
  heavyDays: {
    used: number;
    ceiling: number | null;
    expectedByPace: number | null;
    projected: number | null;
    status: Status;
  };
  projections: Projection[];
  primaryMethod: string | null;
  status: Status;
}

/** Progress of a plan at a date. */
export interface PlanProgress {
  plan: AnalysedPlan;
  asOf: string;
  pace: Pace;
  editions: Editions;
  subjects: SubjectProgress[];
  /** Whether the figures rest on simulated data (any subject's station, from the profile years on). */
  simulated: boolean;
}

const NO_TARGET: PlanTarget = { pm25: null, goodDays: null, goodRatePct: null, heavyDays: null };

function requiredChange(
  target: SubjectProgress['target'],
  baseline: PlanBaseline | null,
  lastYear: PeriodFigures,
): { required: number | null; baseline: number | null; source: string | null } {
  if (target.pm25ReductionPct !== undefined && target.pm25ReductionPct !== null)
    return {
      required: -target.pm25ReductionPct,
      baseline: baseline?.pm25 ?? null,
      source: 'plan-percent',
    };
  if (target.pm25 === null) return { required: null, baseline: null, source: null };
  const base = baseline?.pm25 ?? null;
  if (base !== null)
    return {
      required: roundHalfEven(changeRate(target.pm25, base) ?? 0, 2),
      baseline: base,
      source: 'plan',
    };
  if (lastYear.pm25 !== null)
    return {
      required: roundHalfEven(changeRate(target.pm25, lastYear.pm25) ?? 0, 2),
      baseline: lastYear.pm25,
      source: 'data',
    };
  return { required: null, baseline: null, source: null };
}

/** Computes the progress of one subject from its daily records. */
export function subjectProgress(
  doc: PlanDocument,
  subject: Subject,
  records: readonly DailyRecord[],
  asOf: string,
  editions: Editions,
): SubjectProgress {
  const y = doc.year;
  const pace = paceAt(y, asOf);
  const thisYear = records.filter((d) => d.date >= `${y}-01-01` && d.date <= asOf);
  const yearOf = (n: number) => records.filter((d) => d.date.startsWith(`${n}-`));
  const ci = doc.rules.ranking.compositeIndex;
  const ytd = periodFigures(thisYear, `${y}-01-01`, asOf, editions, ci);
  const last = yearOf(y - 1);
  const lastSame = periodFigures(last, `${y - 1}-01-01`, sameDateLastYear(asOf), editions, ci);
  const lastYear = periodFigures(last, `${y - 1}-01-01`, `${y - 1}-12-31`, editions, ci);
  const unit = doc.units.find((u) => u.adcode === subject.key);
  const target: SubjectProgress['target'] =
    subject.kind === 'city' ? doc.city.target : unit ? unit.target : NO_TARGET;
  const baseline =
    subject.kind === 'city'
      ? doc.city.baseline
      : subject.kind === 'main-city'
        ? (doc.mainCity?.baseline ?? null)
        : (unit?.baseline ?? null);
  const state: SubjectState =
    subject.stations.length === 0 ? 'no_station' : ytd.hasData ? 'ok' : 'no_data';
  const past = Array.from({ length: doc.rules.projection.profileYears }, (_, i) =>
    dayPoints(yearOf(y - 1 - i), editions.aqi),
  );
  const { all, primary } = projectYearEnd(
    { year: y, asOf, current: dayPoints(thisYear, editions.aqi), pastYears: past },
    doc.rules.projection.order,
  );
  const th = doc.rules.status;
  const req = requiredChange(target, baseline, lastYear);
  const pm25Projected = primary?.pm25 ?? null;
  const goodProjected = primary?.goodDays ?? null;
  const heavyProjected = primary?.heavyDays ?? null;
  const ok = state === 'ok';
  const reachable = ytd.goodDays + pace.remainingDays;
  const goodStatus: Status =
    target.goodDays !== null
      ? floorStatus(ok ? goodProjected : null, target.goodDays, reachable, th.goodDaysAtRiskPct)
      : floorStatus(
          ok && goodProjected !== null ? (goodProjected / pace.yearDays) * 100 : null,
          target.goodRatePct,
          (reachable / pace.yearDays) * 100,
          th.goodDaysAtRiskPct,
        );
  const goodTargetDays =
    target.goodDays ??
    (target.goodRatePct !== null ? (target.goodRatePct / 100) * pace.yearDays : null);
  const statuses = {
    pm25: pm25Status(ok ? pm25Projected : null, target.pm25, th.pm25AtRiskPct),
    good: goodStatus,
    heavy: ceilingStatus(
      ok ? heavyProjected : null,
      ok ? ytd.heavyDays : null,
      target.heavyDays,
      th.heavyDaysAtRiskPct,
    ),
  };
  return {
    key: subject.key,
    kind: subject.kind,
    name: subject.name,
    state,
    stations: subject.stations.map((s) => s.code),
    ytd,
    lastYearSamePeriod: lastSame,
    lastYear,
    target,
    pm25: {
      soFar: ytd.pm25,
      target: target.pm25,
      lastYearSamePeriod: lastSame.pm25,
      changePct: ((r) => (r === null ? null : roundHalfEven(r, 2)))(
        changeRate(ytd.pm25, lastSame.pm25),
      ),
      requiredChangePct: req.required,
      baseline: req.baseline,
      baselineSource: req.source,
      projected: pm25Projected,
      status: statuses.pm25,
    },
    goodDays: {
      soFar: ytd.goodDays,
      ratePct: ytd.goodRatePct,
      target: target.goodDays,
      targetRatePct: target.goodRatePct,
      expectedByPace: goodTargetDays === null ? null : expectedByPace(goodTargetDays, pace),
      projected: goodProjected,
      status: statuses.good,
    },
    heavyDays: {
      used: ytd.heavyDays,
      ceiling: target.heavyDays,
      expectedByPace: target.heavyDays === null ? null : expectedByPace(target.heavyDays, pace),
      projected: heavyProjected,
      status: statuses.heavy,
    },
    projections: all,
    primaryMethod: primary?.method ?? null,
    status:
      state === 'ok' ? worstStatus([statuses.pm25, statuses.good, statuses.heavy]) : 'no_data',
  };
}

/** Progress of a plan at `asOf` (a date of the plan year). */
export async function planProgress(
  db: Db,
  planId: string,
  asOf: string,
  version?: number,
): Promise<PlanProgress> {
  if (!isLocalDate(asOf)) throw new LantianError('LT_ERR_BAD_DATE', asOf);
  const v = await resolvePlanVersion(db, planId, version);
  const doc = v.document;
  if (!asOf.startsWith(`${doc.year}-`))
    throw new LantianError('LT_ERR_BAD_RANGE', `${asOf} 不在方案年度 ${doc.year} 内`);
  const subjects = await planSubjects(db, doc);
  const from = `${doc.year - doc.rules.projection.profileYears}-01-01`;
  const records = await subjectDailyRecords(db, subjects, from, asOf);
  const editions = editionsFor(asOf);
  return {
    plan: analysedPlan(v),
    asOf,
    pace: paceAt(doc.year, asOf),
    editions,
    subjects: subjects.map((s) =>
      subjectProgress(doc, s, records.get(s.key) ?? [], asOf, editions),
    ),
    simulated: await restsOnSimulatedData(
      db,
      subjects.flatMap((s) => s.stations.map((x) => x.code)),
      from,
      asOf,
    ),
  };
}
