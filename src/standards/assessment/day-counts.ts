// Day counts of an HJ 663 period: valid days (有效天数), good days (优良天数, AQI ≤ 100), the
// good-day rate (优良天数比例 = good ÷ valid × 100 %), heavy days (重度及以上, AQI > 200) and days
// by level (docs/standards/aqi.md §2.3, docs/standards/assessment.md §3.3), and the days left out
// of the denominator with the reason.
//
// Which days count (the denominator) — a day counts when its daily AQI is published under the AQI
// edition's missing-data rule (aqi-result.ts DEFAULT_MISSING_DATA) and, if some indicator is
// missing, the evaluation edition counts incomplete days:
// - HJ 663-2013 with HJ 633-2012: a day counts only with every daily indicator of the edition
//   (the 2012 text publishes no AQI without all indicators). So a day without a city CO value (six
//   Beijing days of 2013) or without a city O3 8-h value (Beijing 2016-03-15) is not a valid day.
// - HJ 663-2026 with HJ 633-2026: an incomplete AQI is published when it is > 100; such a day is a
//   polluted day whatever the missing indicators were, and counts (DEFAULT_COUNT_INCOMPLETE_DAYS).
//   HJ 663-2026's own wording is UNVERIFIED (docs/standards/editions.md §0.1): configuration.
// Its level is then a lower bound (a missing indicator can only raise the AQI), reported as such
// through `incompleteCounted`.
import type { AqiEdition, AssessmentEdition } from '../editions.ts';
import { eachLocalDate } from '../local-date.ts';
import { AQI_CATEGORY_NAMES, type AqiCategoryName } from '../aqi/categories.ts';
import { dailyAqi } from '../aqi/daily-aqi.ts';
import type { AqiOptions } from '../aqi/aqi-result.ts';
import type { DailyRecord, DailyValueKey } from './daily-record.ts';
import type { StationCoverage } from './region-daily.ts';

/**
 * Whether a day whose AQI is published with indicators missing counts in the day counts, per
 * evaluation edition (HJ 663-2026: UNVERIFIED default; HJ 663-2013: no, see above).
 */
export const DEFAULT_COUNT_INCOMPLETE_DAYS: Readonly<Record<AssessmentEdition, boolean>> = {
  'HJ663-2013': false,
  'HJ663-2026': true,
};

/**
 * Why a day is left out: `no_data` — no indicator has a value; `missing_indicator` — some daily
 * indicator has no valid value at any point; `too_few_stations` — every missing indicator had
 * valid values at some points, but fewer than the area rule requires (region-daily.ts).
 */
export type ExclusionReason = 'no_data' | 'missing_indicator' | 'too_few_stations';

/** The exclusion reasons in report order. */
export const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  'no_data',
  'missing_indicator',
  'too_few_stations',
];

/** Why one indicator is missing: no valid value anywhere, or too few points with one. */
export type MissingIndicatorReason = 'no_value' | 'too_few_stations';

/** One day left out of the day counts. */
export interface ExcludedDay {
  date: string;
  reason: ExclusionReason;
  /** Each missing daily indicator of the edition and why it is missing. */
  missing: Record<string, MissingIndicatorReason>;
  /** The AQI of the indicators present (not published), null without any. */
  partialAqi: number | null;
}

/** The days left out of the denominator, counted by reason and by missing indicator. */
export interface DayExclusions {
  total: number;
  byReason: Record<ExclusionReason, number>;
  /** Days excluded for a missing indicator, per indicator (a day may lack several; no_data days are not counted here). */
  byIndicator: Record<string, number>;
  days: ExcludedDay[];
}

/** Day counts of the period. */
export interface DayCounts {
  /** Calendar days in [from, to]. */
  total: number;
  /** Days that count: AQI published and counted (the denominator of the good-day rate). */
  valid: number;
  /** Days with AQI ≤ 100 (优良天). */
  good: number;
  /** good / valid × 100, null when no valid day. */
  goodRate: number | null;
  /** Days with AQI > 200 (重度及以上). */
  heavy: number;
  byLevel: Record<AqiCategoryName, number>;
  /** Valid days whose AQI was published with indicators missing (their level is a lower bound). */
  incompleteCounted: number;
  /** total − valid days, and why. */
  excluded: DayExclusions;
}

/** Options of `countDays`. */
export interface DayCountOptions {
  aqiEdition: AqiEdition;
  /** Evaluation edition; decides whether incomplete published days count (default 2013 rule). */
  assessmentEdition?: AssessmentEdition;
  /** Daily AQI options (missing-data rule, input rounding). */
  aqi?: AqiOptions;
  /** Override of DEFAULT_COUNT_INCOMPLETE_DAYS for the evaluation edition. */
  countIncompleteDays?: boolean;
  /** Point coverage per date and value (area records), to tell the reasons apart. */
  coverage?: ReadonlyMap<string, Partial<Record<DailyValueKey, StationCoverage>>>;
}

function emptyExclusions(): DayExclusions {
  return {
    total: 0,
    byReason: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
      ExclusionReason,
      number
    >,
    byIndicator: {},
    days: [],
  };
}

/**
 * Counts the days of [from, to] (one entry per calendar day; a date without a record has no data)
 * under the HJ 663 rules above. `days` outside the range are ignored.
 */
export function countDays(
  days: ReadonlyArray<DailyRecord>,
  from: string,
  to: string,
  options: DayCountOptions,
): DayCounts {
  const countIncomplete =
    options.countIncompleteDays ??
    DEFAULT_COUNT_INCOMPLETE_DAYS[options.assessmentEdition ?? 'HJ663-2013'];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const byLevel = Object.fromEntries(AQI_CATEGORY_NAMES.map((n) => [n, 0])) as Record<
    AqiCategoryName,
    number
  >;
  const excluded = emptyExclusions();
  let total = 0;
  let valid = 0;
  let good = 0;
  let heavy = 0;
  let incompleteCounted = 0;
  for (const date of eachLocalDate(from, to)) {
    total++;
    const r = dailyAqi(byDate.get(date) ?? { date }, options.aqiEdition, options.aqi);
    if (r.aqi !== null && r.category !== null && (r.complete || countIncomplete)) {
      valid++;
      if (r.aqi <= 100) good++;
      if (r.aqi > 200) heavy++;
      byLevel[r.category.name]++;
      if (!r.complete) incompleteCounted++;
      continue;
    }
    const coverage = options.coverage?.get(date);
    const missing: Record<string, MissingIndicatorReason> = {};
    for (const key of r.missing) {
      const c = coverage?.[key as DailyValueKey];
      missing[key] = c && c.valid > 0 ? 'too_few_stations' : 'no_value';
    }
    const reasons = Object.values(missing);
    const reason: ExclusionReason =
      reasons.length === Object.keys(r.iaqi).length && reasons.every((m) => m === 'no_value')
        ? 'no_data'
        : reasons.includes('no_value')
          ? 'missing_indicator'
          : 'too_few_stations';
    excluded.total++;
    excluded.byReason[reason]++;
    if (reason !== 'no_data')
      for (const key of r.missing) excluded.byIndicator[key] = (excluded.byIndicator[key] ?? 0) + 1;
    excluded.days.push({ date, reason, missing, partialAqi: r.partialAqi });
  }
  return {
    total,
    valid,
    good,
    goodRate: valid > 0 ? (good / valid) * 100 : null,
    heavy,
    byLevel,
    incompleteCounted,
    excluded,
  };
}
