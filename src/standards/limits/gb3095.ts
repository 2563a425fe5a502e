// Ambient concentration limits of the six basic pollutants: GB 3095-2012 Table 1 and
// GB 3095-2026 Table 1 (transitional limits until 2030-12-31, final limits from 2031-01-01),
// docs/standards/assessment.md §3.1; attainment per HJ 663-2013 Table 1
// (docs/standards/assessment.md §3.3).
import type { LimitsEdition } from '../editions.ts';
import { assertLocalDate } from '../local-date.ts';
import type { Pollutant } from '../pollutants.ts';
import {
  PERCENTILE_OF,
  STATISTIC_KEYS,
  pollutantOfStatistic,
  type PeriodStatistics,
  type StatisticKey,
} from '../assessment/period-statistics.ts';

/** Limit grade: 1 for class-1 zones, 2 for class-2 zones (GB 3095 §4.1). */
export type LimitGrade = 1 | 2;
/** Averaging period of a limit ('8h' = daily maximum 8-h mean). */
export type AveragingPeriod = 'annual' | '24h' | '8h' | '1h';
/** Which set of limit values applies. */
export type LimitsPhase = 'GB3095-2012' | 'GB3095-2026-transitional' | 'GB3095-2026-final';

/** First day of the GB 3095-2026 final limits (transitional limits apply until 2030-12-31). */
export const GB3095_2026_FINAL_FROM = '2031-01-01';

type Pair = readonly [gradeI: number, gradeII: number];
interface LimitRow {
  readonly pollutant: Pollutant;
  readonly period: AveragingPeriod;
  readonly values: Readonly<Record<LimitsPhase, Pair>>;
}

const row = (
  pollutant: Pollutant,
  period: AveragingPeriod,
  g2012: Pair,
  transitional: Pair,
  final: Pair,
): LimitRow => ({
  pollutant,
  period,
  values: {
    'GB3095-2012': g2012,
    'GB3095-2026-transitional': transitional,
    'GB3095-2026-final': final,
  },
});

/** GB 3095-2012 Table 1 and GB 3095-2026 Table 1 (µg/m³; CO mg/m³). */
export const GB3095_LIMITS: readonly LimitRow[] = [
  row('SO2', 'annual', [20, 60], [20, 60], [20, 20]),
  row('SO2', '24h', [50, 150], [50, 150], [50, 50]),
  row('SO2', '1h', [150, 500], [150, 500], [150, 150]),
  row('NO2', 'annual', [40, 40], [40, 40], [30, 30]),
  row('NO2', '24h', [80, 80], [80, 80], [50, 50]),
  row('NO2', '1h', [200, 200], [200, 200], [200, 200]),
  row('CO', '24h', [4, 4], [4, 4], [4, 4]),
  row('CO', '1h', [10, 10], [10, 10], [10, 10]),
  row('O3', '8h', [100, 160], [100, 160], [100, 160]),
  row('O3', '1h', [160, 200], [160, 200], [160, 200]),
  row('PM10', 'annual', [40, 70], [40, 60], [20, 50]),
  row('PM10', '24h', [50, 150], [50, 120], [50, 100]),
  row('PM2.5', 'annual', [15, 35], [15, 30], [10, 25]),
  row('PM2.5', '24h', [35, 75], [35, 60], [25, 50]),
];

/**
 * The set of limits applying under an edition on a local date: GB 3095-2026 transitional until
 * 2030-12-31, final from 2031-01-01 (GB 3095-2026 §4); without a date, transitional.
 */
export function limitsPhaseFor(edition: LimitsEdition, date?: string): LimitsPhase {
  if (edition === 'GB3095-2012') return 'GB3095-2012';
  if (date === undefined) return 'GB3095-2026-transitional';
  assertLocalDate(date);
  return date >= GB3095_2026_FINAL_FROM ? 'GB3095-2026-final' : 'GB3095-2026-transitional';
}

/** The limit of a pollutant and averaging period, or null when the table has none (CO annual). */
export function gb3095Limit(
  pollutant: Pollutant,
  period: AveragingPeriod,
  edition: LimitsEdition,
  grade: LimitGrade = 2,
  date?: string,
): number | null {
  const r = GB3095_LIMITS.find((l) => l.pollutant === pollutant && l.period === period);
  if (!r) return null;
  return r.values[limitsPhaseFor(edition, date)][grade - 1] ?? null;
}

/** One comparison of a statistic with its limit. */
export interface AttainmentCheck {
  pollutant: Pollutant;
  statistic: 'mean' | 'p98' | 'p95' | 'p90';
  period: AveragingPeriod;
  /** The compared value (GB/T 8170-rounded by default), null when there are no valid days. */
  value: number | null;
  limit: number;
  /** value ≤ limit; null without a value. */
  meets: boolean | null;
  /** (C − S)/S, negative below the limit (UNVERIFIED wording, docs/standards/assessment.md §3.3). */
  exceedMultiple: number | null;
}

/** Attainment of one pollutant: it meets only if all its checks meet. */
export interface PollutantAttainment {
  meets: boolean | null;
  checks: AttainmentCheck[];
}

/** Result of `attainment`. */
export interface Attainment {
  edition: LimitsEdition;
  phase: LimitsPhase;
  grade: LimitGrade;
  date: string;
  pollutants: Record<Pollutant, PollutantAttainment>;
  /** All six pollutants meet; false if any fails; null if none fails but some lack data. */
  meets: boolean | null;
  /** Whether the data-count requirements of the statistics held (informational). */
  countRuleMet: boolean;
}

/** Options of `attainment`. */
export interface AttainmentOptions {
  /** Compare the GB/T 8170-rounded statistic (default true, HJ 663 practice) or the raw one. */
  compareRounded?: boolean;
}

function allMeet(list: ReadonlyArray<boolean | null>): boolean | null {
  if (list.some((m) => m === false)) return false;
  return list.every((m) => m === true) ? true : null;
}

/**
 * Compares period statistics with GB 3095 limits (HJ 663-2013 Table 1): annual means of SO2, NO2,
 * PM10, PM2.5 with annual limits; their p98 (SO2, NO2) / p95 (PM) and CO p95 with 24-h limits;
 * O3 MDA8 p90 with the 8-h limit. `date` selects the GB 3095-2026 phase (default: `stats.to`).
 */
export function attainment(
  stats: PeriodStatistics,
  edition: LimitsEdition,
  grade: LimitGrade = 2,
  date: string = stats.to,
  options: AttainmentOptions = {},
): Attainment {
  const compareRounded = options.compareRounded ?? true;
  const phase = limitsPhaseFor(edition, date);
  const pollutants = {} as Record<Pollutant, PollutantAttainment>;
  for (const key of STATISTIC_KEYS) {
    const pollutant = pollutantOfStatistic(key);
    const series = stats.pollutants[key];
    const source = compareRounded ? series.rounded : series;
    const checks: AttainmentCheck[] = [];
    const add = (statistic: AttainmentCheck['statistic'], period: AveragingPeriod) => {
      const limit = gb3095Limit(pollutant, period, edition, grade, date);
      if (limit === null) return;
      const value = source[statistic] ?? null;
      checks.push({
        pollutant,
        statistic,
        period,
        value,
        limit,
        meets: value === null ? null : value <= limit,
        exceedMultiple: value === null ? null : (value - limit) / limit,
      });
    };
    if (hasAnnualMean(key)) add('mean', 'annual');
    add(PERCENTILE_OF[key], key === 'O3_8h' ? '8h' : '24h');
    pollutants[pollutant] = { meets: allMeet(checks.map((c) => c.meets)), checks };
  }
  return {
    edition,
    phase,
    grade,
    date,
    pollutants,
    meets: allMeet(Object.values(pollutants).map((p) => p.meets)),
    countRuleMet: stats.countRule.meets,
  };
}

// HJ 663-2013 Table 1: CO and O3 are evaluated by percentiles only.
function hasAnnualMean(key: StatisticKey): boolean {
  return key !== 'CO' && key !== 'O3_8h';
}
