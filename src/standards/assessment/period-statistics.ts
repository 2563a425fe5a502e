// Period statistics of one station or area: HJ 663-2013 Table 1 evaluation items (same list in
// HJ 663-2026 per docs/standards/assessment.md §3.3), HJ 663 percentiles, good-day rate and
// heavy-pollution days (docs/standards/assessment.md §3.3), count requirements of GB 3095 Table 4
// (count-rule.ts). Rules of HJ 663-2026 are taken to equal HJ 663-2013 (its text is UNVERIFIED)
// except which days count (day-counts.ts); the edition is recorded in the result.
import type { AqiEdition, AssessmentEdition, Editions, LimitsEdition } from '../editions.ts';
import { assessmentEditionFor } from '../editions.ts';
import { assertLocalDate } from '../local-date.ts';
import { roundConcentration } from '../rounding.ts';
import type { Pollutant } from '../pollutants.ts';
import { dailyAqi } from '../aqi/daily-aqi.ts';
import type { AqiOptions, AqiResult } from '../aqi/aqi-result.ts';
import { checkCounts, type CountCheck, type CountRuleOptions } from './count-rule.ts';
import { countDays, type DayCountOptions, type DayCounts } from './day-counts.ts';
import type { DailyRecord } from './daily-record.ts';
import { percentile } from './percentile.ts';

/** A statistic key: the pollutant series evaluated (O3 by its MDA8). */
export type StatisticKey = 'SO2' | 'NO2' | 'PM10' | 'PM2.5' | 'CO' | 'O3_8h';

/** The statistic keys in HJ 663 Table 1 order. */
export const STATISTIC_KEYS: readonly StatisticKey[] = [
  'SO2',
  'NO2',
  'PM10',
  'PM2.5',
  'CO',
  'O3_8h',
];

/** Percentile name per key (HJ 663-2013 Table 1): p98 SO2/NO2, p95 PM/CO, p90 O3 MDA8. */
export const PERCENTILE_OF: Readonly<Record<StatisticKey, 'p98' | 'p95' | 'p90'>> = {
  SO2: 'p98',
  NO2: 'p98',
  PM10: 'p95',
  'PM2.5': 'p95',
  CO: 'p95',
  O3_8h: 'p90',
};

const PERCENTILE_P = { p98: 0.98, p95: 0.95, p90: 0.9 } as const;

/** The pollutant of a statistic key. */
export function pollutantOfStatistic(key: StatisticKey): Pollutant {
  return key === 'O3_8h' ? 'O3' : key;
}

/** Statistics of one series: mean and its HJ 663 percentile, unrounded and GB/T 8170-rounded. */
export interface SeriesStatistics {
  validDays: number;
  /** Period mean (evaluated for SO2, NO2, PM10, PM2.5; informational for CO and O3_8h). */
  mean: number | null;
  p98?: number | null;
  p95?: number | null;
  p90?: number | null;
  /** Values rounded per GB/T 8170: integers µg/m³, CO 1 dp. */
  rounded: { mean: number | null; p98?: number | null; p95?: number | null; p90?: number | null };
}

/** Result of `periodStatistics`. */
export interface PeriodStatistics {
  from: string;
  to: string;
  editions: Editions;
  pollutants: Record<StatisticKey, SeriesStatistics>;
  days: DayCounts;
  countRule: { byKey: Record<StatisticKey, CountCheck>; meets: boolean };
}

/** Options of `periodStatistics`. */
export interface PeriodStatisticsOptions {
  aqiEdition: AqiEdition;
  limitsEdition: LimitsEdition;
  /** First and last local date of the period, both included. */
  from: string;
  to: string;
  /** Recorded evaluation edition (default: the one in force on `to`). */
  assessmentEdition?: AssessmentEdition;
  /** Daily AQI options (missing-data rule, input rounding). */
  aqi?: AqiOptions;
  /** Count thresholds (GB 3095 Table 4 defaults). */
  countRule?: CountRuleOptions;
  /** Whether incomplete published days count (default per evaluation edition, day-counts.ts). */
  countIncompleteDays?: boolean;
  /** Point coverage per date of area records, to give the reason of each excluded day. */
  coverage?: DayCountOptions['coverage'];
}

function checkRange(from: string, to: string): void {
  assertLocalDate(from, 'from');
  assertLocalDate(to, 'to');
  if (to < from) throw new RangeError(`period ends (${to}) before it starts (${from})`);
}

function daysInRange(days: ReadonlyArray<DailyRecord>, from: string, to: string): DailyRecord[] {
  const seen = new Set<string>();
  const out: DailyRecord[] = [];
  for (const d of days) {
    assertLocalDate(d.date, 'record date');
    if (seen.has(d.date)) throw new RangeError(`duplicate daily record for ${d.date}`);
    seen.add(d.date);
    if (d.date >= from && d.date <= to) out.push(d);
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Each day's AQI report (daily report of the edition), with its date, in date order. */
export function dailyAqiSeries(
  days: ReadonlyArray<DailyRecord>,
  edition: AqiEdition,
  options: AqiOptions = {},
): Array<AqiResult & { date: string }> {
  return [...days]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) => ({ date: d.date, ...dailyAqi(d, edition, options) }));
}

function seriesStatistics(values: number[], key: StatisticKey): SeriesStatistics {
  const pollutant = pollutantOfStatistic(key);
  const name = PERCENTILE_OF[key];
  const n = values.length;
  const mean = n > 0 ? values.reduce((s, v) => s + v, 0) / n : null;
  const pct = n > 0 ? percentile(values, PERCENTILE_P[name]) : null;
  const round = (v: number | null) => (v === null ? null : roundConcentration(pollutant, v));
  return {
    validDays: n,
    mean,
    [name]: pct,
    rounded: { mean: round(mean), [name]: round(pct) },
  };
}

/**
 * HJ 663 period statistics of daily records over [from, to] (records outside are ignored; a
 * duplicate date throws). Statistics are computed even when the count rule fails; `countRule`
 * says whether it holds.
 */
export function periodStatistics(
  days: ReadonlyArray<DailyRecord>,
  options: PeriodStatisticsOptions,
): PeriodStatistics {
  const { from, to } = options;
  checkRange(from, to);
  const inRange = daysInRange(days, from, to);
  const pollutants = {} as Record<StatisticKey, SeriesStatistics>;
  const byKey = {} as Record<StatisticKey, CountCheck>;
  for (const key of STATISTIC_KEYS) {
    const valid = inRange.filter((d) => {
      const v = d[key];
      return typeof v === 'number' && Number.isFinite(v);
    });
    pollutants[key] = seriesStatistics(
      valid.map((d) => d[key] as number),
      key,
    );
    byKey[key] = checkCounts(
      valid.map((d) => d.date),
      from,
      to,
      options.countRule,
    );
  }
  const assessment = options.assessmentEdition ?? assessmentEditionFor(to);
  const dayCounts = countDays(inRange, from, to, {
    aqiEdition: options.aqiEdition,
    assessmentEdition: assessment,
    ...(options.aqi ? { aqi: options.aqi } : {}),
    ...(options.countIncompleteDays !== undefined
      ? { countIncompleteDays: options.countIncompleteDays }
      : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
  });
  return {
    from,
    to,
    editions: {
      aqi: options.aqiEdition,
      assessment,
      limits: options.limitsEdition,
    },
    pollutants,
    days: dayCounts,
    countRule: { byKey, meets: STATISTIC_KEYS.every((k) => byKey[k].meets) },
  };
}
