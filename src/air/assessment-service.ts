/**
 * Assessment of a region over any date range (HJ 663): period statistics of its daily values,
 * day counts by AQI with the days left out and why, attainment of GB 3095 and the composite index
 * (综合指数), with the editions and completeness rules used. One edition applies to the whole
 * period: the one in force on its last day, unless the caller chooses.
 */
import {
  attainment,
  periodCompositeIndex,
  editionsFor,
  periodStatistics,
  roundHalfEven,
  type Editions,
  type MissingDataPolicy,
  type PeriodStatistics,
  type StatisticKey,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import { DEFAULT_AIR_RULES, type AirRules } from './air-rules.ts';
import { regionDailySeries } from './region-daily-series.ts';

/** Statistic names reported per pollutant (HJ 663-2013 Table 1). */
const REPORTED: Readonly<Record<StatisticKey, ReadonlyArray<'mean' | 'p98' | 'p95' | 'p90'>>> = {
  'PM2.5': ['mean', 'p95'],
  PM10: ['mean', 'p95'],
  SO2: ['mean', 'p98'],
  NO2: ['mean', 'p98'],
  CO: ['p95'],
  O3_8h: ['p90'],
};

type Figures = Record<string, Record<string, number | null>>;

/** The assessment of one region and period, as the CLI and the API give it. */
export interface RegionAssessment {
  region: { adcode: string; name: string };
  from: string;
  to: string;
  edition: Editions & { compositeIndex: string };
  /** Codes of the assessment stations that had data. */
  stations: string[];
  /** Statistics rounded per GB/T 8170 (integers µg/m³, CO mg/m³ to 1 dp). */
  pollutants: Figures;
  /** The same statistics unrounded. */
  exact: Figures;
  validDays: Record<StatisticKey, number>;
  /** Day counts; `excluded` lists the days left out of the denominator and why. */
  days: PeriodStatistics['days'];
  /** The completeness rules applied (docs/assessment.md). */
  rules: {
    /** Share of the expected stations a city's daily value needs. */
    minStationShare: number;
    /** The AQI edition's rule for an AQI with indicators missing. */
    incompleteAqi: MissingDataPolicy;
    /** Whether days with a published incomplete AQI count. */
    countIncompleteDays: boolean;
  };
  compositeIndex: number | null;
  attainment: { meets: boolean | null; byPollutant: Record<string, boolean | null> };
  countRule: { meets: boolean };
}

/** Options of an assessment. */
export interface AssessOptions {
  editions?: Partial<Editions>;
  /** Completeness rules (default: as the standards are read, DEFAULT_AIR_RULES). */
  rules?: AirRules;
}

function pick(stats: PeriodStatistics, rounded: boolean): Figures {
  const out: Figures = {};
  for (const [key, names] of Object.entries(REPORTED) as [
    StatisticKey,
    (typeof REPORTED)[StatisticKey],
  ][]) {
    const s = stats.pollutants[key];
    const src = rounded ? s.rounded : s;
    out[key] = Object.fromEntries(names.map((n) => [n, src[n] ?? null]));
  }
  return out;
}

/** Assesses a region over [from, to]. */
export async function assessRegion(
  db: Db,
  adcode: string,
  from: string,
  to: string,
  opts: AssessOptions = {},
): Promise<RegionAssessment> {
  const rules = opts.rules ?? DEFAULT_AIR_RULES;
  const series = await regionDailySeries(db, adcode, from, to, rules);
  const editions = editionsFor(to, opts.editions);
  const applied = {
    minStationShare: rules.minStationShare,
    incompleteAqi: rules.missingData[editions.aqi],
    countIncompleteDays: rules.countIncompleteDays[editions.assessment],
  };
  const stats = periodStatistics(series.days, {
    aqiEdition: editions.aqi,
    limitsEdition: editions.limits,
    assessmentEdition: editions.assessment,
    from,
    to,
    aqi: { missingData: applied.incompleteAqi },
    countIncompleteDays: applied.countIncompleteDays,
    coverage: series.coverage,
  });
  const p = stats.pollutants;
  const ci = periodCompositeIndex(stats);
  const att = attainment(stats, editions.limits);
  return {
    region: { adcode: series.region.adcode, name: series.region.name },
    from,
    to,
    edition: { ...editions, compositeIndex: ci?.config.name ?? '2018' },
    stations: series.reporting,
    pollutants: pick(stats, true),
    exact: pick(stats, false),
    validDays: Object.fromEntries(Object.entries(p).map(([k, s]) => [k, s.validDays])) as Record<
      StatisticKey,
      number
    >,
    days: {
      ...stats.days,
      goodRate: stats.days.goodRate === null ? null : roundHalfEven(stats.days.goodRate, 1),
    },
    rules: applied,
    compositeIndex: ci?.value ?? null,
    attainment: {
      meets: att.meets,
      byPollutant: Object.fromEntries(Object.entries(att.pollutants).map(([k, v]) => [k, v.meets])),
    },
    countRule: { meets: stats.countRule.meets },
  };
}
