/**
 * The figures a plan judges a unit by over one period (pure): HJ 663 statistics of its daily
 * records, the composite index (docs/standards/ranking.md §4), good days (AQI ≤ 100) and
 * heavy-pollution days (AQI > 200). Concentrations are rounded per GB/T 8170 as published
 * (integers; CO 1 dp); the good-day rate to 1 dp.
 */
import {
  COMPOSITE_INDEX_2018,
  COMPOSITE_INDEX_WEIGHTED_UNVERIFIED,
  dailyAqiSeries,
  periodCompositeIndex,
  periodStatistics,
  roundHalfEven,
  type DailyRecord,
  type Editions,
} from '../../standards/index.ts';

/** The figures of one unit and period; null where no valid data exist. */
export interface PeriodFigures {
  from: string;
  to: string;
  /** True when at least one valid daily value of any pollutant exists. */
  hasData: boolean;
  totalDays: number;
  /** Days with a published daily AQI. */
  validDays: number;
  /** Valid PM2.5 daily means. */
  pm25Days: number;
  /** PM2.5 period mean, GB/T 8170 integer. */
  pm25: number | null;
  /** PM2.5 period mean, unrounded. */
  pm25Exact: number | null;
  pm10: number | null;
  so2: number | null;
  no2: number | null;
  /** CO 95th percentile of daily means, mg/m³, 1 dp. */
  co: number | null;
  /** O3 90th percentile of the daily maximum 8-h means. */
  o3: number | null;
  /** Composite index, 2 dp; null unless all six statistics exist. */
  compositeIndex: number | null;
  goodDays: number;
  /** good / valid × 100, 1 dp. */
  goodRatePct: number | null;
  heavyDays: number;
  /** GB 3095 Table 4 counts hold for every full month and year in the period. */
  countRuleMet: boolean;
}

/** Composite-index presets by name. */
export const COMPOSITE_PRESETS = {
  '2018': COMPOSITE_INDEX_2018,
  'weighted-unverified': COMPOSITE_INDEX_WEIGHTED_UNVERIFIED,
} as const;

/** Computes the figures of daily records over [from, to] under the given editions. */
export function periodFigures(
  days: ReadonlyArray<DailyRecord>,
  from: string,
  to: string,
  editions: Editions,
  compositeName: keyof typeof COMPOSITE_PRESETS = '2018',
): PeriodFigures {
  const s = periodStatistics(days, {
    aqiEdition: editions.aqi,
    limitsEdition: editions.limits,
    assessmentEdition: editions.assessment,
    from,
    to,
  });
  const p = s.pollutants;
  const ci = periodCompositeIndex(s, COMPOSITE_PRESETS[compositeName]);
  const hasData = Object.values(p).some((x) => x.validDays > 0);
  return {
    from,
    to,
    hasData,
    totalDays: s.days.total,
    validDays: s.days.valid,
    pm25Days: p['PM2.5'].validDays,
    pm25: p['PM2.5'].rounded.mean,
    pm25Exact: p['PM2.5'].mean,
    pm10: p.PM10.rounded.mean,
    so2: p.SO2.rounded.mean,
    no2: p.NO2.rounded.mean,
    co: p.CO.rounded.p95 ?? null,
    o3: p.O3_8h.rounded.p90 ?? null,
    compositeIndex: ci?.value ?? null,
    goodDays: s.days.good,
    goodRatePct: s.days.goodRate === null ? null : roundHalfEven(s.days.goodRate, 1),
    heavyDays: s.days.heavy,
    countRuleMet: s.countRule.meets,
  };
}

/** One day as projections see it: PM2.5 daily mean and daily AQI (null = invalid). */
export interface DayPoint {
  date: string;
  pm25: number | null;
  aqi: number | null;
}

/** The day points of daily records under an AQI edition, in date order. */
export function dayPoints(days: ReadonlyArray<DailyRecord>, edition: Editions['aqi']): DayPoint[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return dailyAqiSeries(days, edition).map((r) => {
    const v = byDate.get(r.date)?.['PM2.5'];
    return {
      date: r.date,
      pm25: typeof v === 'number' && Number.isFinite(v) ? v : null,
      aqi: r.aqi,
    };
  });
}
