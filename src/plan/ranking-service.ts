/**
 * Rankings of a plan's units over a month, a quarter, a year or the year to date: composite
 * index, PM2.5, good-day rate and the improvement against the same period last year, with ties
 * ranked equal and the ten worst (后十) marked. Every row says which rule editions were used.
 */
import { restsOnSimulatedData } from '../air/simulated-data.ts';
import { LantianError } from '../errors.ts';
import { aqiCategory, editionsFor, iaqi, type Editions } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { PlanDocument } from './plan-document.ts';
import { analysedPlan, resolvePlanVersion, type AnalysedPlan } from './plan-service.ts';
import { planSubjects, subjectDailyRecords, type Subject } from './plan-subjects.ts';
import type { SubjectState } from './progress-service.ts';
import { periodFigures, type PeriodFigures } from './rules/period-figures.ts';
import { parsePeriod, previousYearPeriod, type Period } from './rules/periods.ts';
import { rankUnits, type UnitRanks } from './rules/unit-ranking.ts';

/** One unit's row of a ranking. */
export interface RankingRow {
  adcode: string;
  name: string;
  state: SubjectState;
  stations: string[];
  figures: PeriodFigures;
  previous: PeriodFigures;
  ranks: UnitRanks;
  /** AQI category of the period's PM2.5 mean read on the 24-h IAQI scale (for colouring). */
  pm25Category: { name: string; color: string } | null;
}

/** A ranking of a plan's units. */
export interface PlanRanking {
  plan: AnalysedPlan;
  period: Period;
  previousPeriod: Period;
  editions: Editions & { compositeIndex: string; ranking: string };
  bottomCount: number;
  rows: RankingRow[];
  /** City and main-city figures of the same period, for reference (not ranked). */
  references: Array<{
    key: string;
    name: string;
    stations: string[];
    figures: PeriodFigures;
    previous: PeriodFigures;
  }>;
  /** Whether the figures rest on simulated data (any subject's station, this or last year's period). */
  simulated: boolean;
}

/** Parses a period label or throws LT_ERR_BAD_DATE. */
export function periodOrThrow(label: string): Period {
  const p = parsePeriod(label);
  if (!p)
    throw new LantianError(
      'LT_ERR_BAD_DATE',
      `期间 "${label}" 应为 YYYY-MM、YYYY-Qn、YYYY 或 YYYY-MM-DD`,
    );
  return p;
}

/** The PM2.5 category used to colour a ranking row. */
export function pm25Category(pm25: number | null, editions: Editions): RankingRow['pm25Category'] {
  if (pm25 === null) return null;
  const v = iaqi('PM2.5_24h', pm25, editions.aqi).value;
  if (v === null) return null;
  const c = aqiCategory(v);
  return { name: c.name, color: c.color };
}

/** Ranks a plan's units from already loaded records (used by reports that load once). */
export function rankFromRecords(
  doc: PlanDocument,
  subjects: readonly Subject[],
  records: ReadonlyMap<string, readonly import('../standards/index.ts').DailyRecord[]>,
  period: Period,
): Pick<
  PlanRanking,
  'period' | 'previousPeriod' | 'editions' | 'bottomCount' | 'rows' | 'references'
> {
  const prev = previousYearPeriod(period);
  const editions = editionsFor(period.to);
  const ci = doc.rules.ranking.compositeIndex;
  const figuresOf = (s: Subject) => {
    const days = records.get(s.key) ?? [];
    return {
      figures: periodFigures(days, period.from, period.to, editions, ci),
      previous: periodFigures(days, prev.from, prev.to, editions, ci),
    };
  };
  const units = subjects.filter((s) => s.kind === 'unit');
  const base = units.map((s) => {
    const f = figuresOf(s);
    const state: SubjectState =
      s.stations.length === 0 ? 'no_station' : f.figures.hasData ? 'ok' : 'no_data';
    return { s, state, ...f };
  });
  const ranks = rankUnits(
    base.map((b) => ({
      adcode: b.s.key,
      compositeIndex: b.state === 'ok' ? b.figures.compositeIndex : null,
      pm25: b.state === 'ok' ? b.figures.pm25 : null,
      goodRatePct: b.state === 'ok' ? b.figures.goodRatePct : null,
      previousCompositeIndex: b.previous.compositeIndex,
      previousPm25: b.previous.pm25,
    })),
    { bottomCount: doc.rules.ranking.bottomCount, decimals: doc.rules.ranking.changeDecimals },
  );
  return {
    period,
    previousPeriod: prev,
    editions: { ...editions, compositeIndex: ci, ranking: '城市环境空气质量排名技术规定（2018）' },
    bottomCount: doc.rules.ranking.bottomCount,
    rows: base.map((b, i) => ({
      adcode: b.s.key,
      name: b.s.name,
      state: b.state,
      stations: b.s.stations.map((st) => st.code),
      figures: b.figures,
      previous: b.previous,
      ranks: ranks[i]!,
      pm25Category: b.state === 'ok' ? pm25Category(b.figures.pm25, editions) : null,
    })),
    references: subjects
      .filter((s) => s.kind !== 'unit')
      .map((s) => ({
        key: s.key,
        name: s.name,
        stations: s.stations.map((st) => st.code),
        ...figuresOf(s),
      })),
  };
}

/** The ranking of a plan's units over a period ('2020-11', '2020-Q4', '2020', '2020-11-30'). */
export async function planRanking(
  db: Db,
  planId: string,
  periodLabel: string,
  version?: number,
): Promise<PlanRanking> {
  return rankingForPeriod(db, planId, periodOrThrow(periodLabel), version);
}

/** The ranking over any period (e.g. a quarter to date). */
export async function rankingForPeriod(
  db: Db,
  planId: string,
  period: Period,
  version?: number,
): Promise<PlanRanking> {
  const v = await resolvePlanVersion(db, planId, version);
  const doc = v.document;
  const subjects = await planSubjects(db, doc);
  const prev = previousYearPeriod(period);
  const records = await subjectDailyRecords(db, subjects, prev.from, period.to);
  return {
    plan: analysedPlan(v),
    ...rankFromRecords(doc, subjects, records, period),
    simulated: await restsOnSimulatedData(
      db,
      subjects.flatMap((s) => s.stations.map((x) => x.code)),
      prev.from,
      period.to,
    ),
  };
}
