/**
 * Compliance of one outlet's pollutant over a period, per day and for the period
 * (docs/standards/ultra-low.md §5): valid hours, invalid hours (counted, not hidden), hours over
 * the limit, the compliance rate, daily means (≥ 20 valid hours, §4) and the stable-ultra-low
 * verdict, whose share and day-mean condition are configuration.
 */
import { dailyMean } from './daily-mean.ts';
import type { HourJudgement } from './hour-judgement.ts';

/** The stable-ultra-low rule (data/sources/ultra-low-limits.json `stableUltraLow`). */
export interface StableRule {
  /** Share of valid hours within the limit, 0–1 (default 0.95). */
  minShare: number;
  /** No valid daily mean may exceed the limit. */
  noDayMeanOver: boolean;
  /** Where the rule comes from. */
  basis: string;
}

/** One judged hour of the period. */
export interface JudgedHour extends HourJudgement {
  day: string;
  /** Emission amount of the hour, kg (-Cou). */
  cou: number | null;
}

/** Counts of hours. */
export interface HourCounts {
  valid: number;
  invalid: number;
  over: number;
  /** Within the limit / valid; null without valid hours or without a limit. */
  rate: number | null;
  /** Sum of the hours' emission amounts, kg (null when none sent). */
  cou: number | null;
}

/** A day of one outlet's pollutant. */
export interface DayCompliance extends HourCounts {
  day: string;
  /** Daily mean of the judged values (null under 20 valid hours). */
  mean: number | null;
  meanOver: boolean;
  status: DayStatus;
}

/** What a day shows on the compliance calendar. */
export type DayStatus = 'ok' | 'over' | 'invalid' | 'none';

/** The stable-ultra-low verdict. */
export type Verdict = 'stable' | 'not_stable' | 'no_data' | 'no_limit';

/** A period of one outlet's pollutant. */
export interface PeriodCompliance extends HourCounts {
  /** Hours of the period with no stored hour at all. */
  missing: number;
  daysMeanOver: number;
  verdict: Verdict;
  days: DayCompliance[];
}

/**
 * The sums of one day of one outlet's pollutant, built hour by hour (addHour): what day, month and
 * daily-mean figures are computed from, small enough to keep for every outlet-day of a month.
 */
export interface DaySummary {
  /** Stored hours. */
  hours: number;
  valid: number;
  invalid: number;
  over: number;
  /** Sum of the judged values of the valid hours (the daily mean's numerator). */
  sum: number;
  cou: number | null;
}

/** A day with no hour yet. */
export function emptyDay(): DaySummary {
  return { hours: 0, valid: 0, invalid: 0, over: 0, sum: 0, cou: null };
}

/** Adds one judged hour to a day's sums. */
export function addHour(s: DaySummary, h: Pick<JudgedHour, 'status' | 'value' | 'cou'>): void {
  s.hours++;
  if (h.cou !== null) s.cou = (s.cou ?? 0) + h.cou;
  if (h.status === 'invalid') {
    s.invalid++;
    return;
  }
  s.valid++;
  s.sum += h.value!;
  if (h.status === 'over') s.over++;
}

function rateOf(valid: number, over: number, limit: number | null): number | null {
  return limit === null || valid === 0 ? null : (valid - over) / valid;
}

function dayStatus(s: DaySummary, meanOver: boolean): DayStatus {
  if (s.hours === 0) return 'none';
  if (s.over > 0 || meanOver) return 'over';
  if (s.invalid > 0) return 'invalid';
  return 'ok';
}

/** One day from its sums (§4: a daily mean needs 20 valid hours). */
export function dayCompliance(
  day: string,
  s: DaySummary = emptyDay(),
  limit: number | null,
): DayCompliance {
  const mean = dailyMean(s.sum, s.valid);
  const meanOver = limit !== null && mean !== null && mean > limit;
  return {
    day,
    valid: s.valid,
    invalid: s.invalid,
    over: s.over,
    rate: rateOf(s.valid, s.over, limit),
    cou: s.cou,
    mean,
    meanOver,
    status: dayStatus(s, meanOver),
  };
}

/** The verdict of a period's counts. */
export function stableVerdict(
  c: Pick<HourCounts, 'valid' | 'over'>,
  daysMeanOver: number,
  limit: number | null,
  rule: StableRule,
): Verdict {
  if (limit === null) return 'no_limit';
  if (c.valid === 0) return 'no_data';
  const share = (c.valid - c.over) / c.valid;
  const ok = share >= rule.minShare && (!rule.noDayMeanOver || daysMeanOver === 0);
  return ok ? 'stable' : 'not_stable';
}

/**
 * A period (e.g. a month) of one outlet's pollutant from the sums of its days: `days` lists every
 * day of the period in order, `sums` the sums of each (undefined: no hour), `periodHours` how
 * many hours the period has (up to now for the running month). `withDays` false leaves `days`
 * empty (a list of many outlets needs only the totals).
 */
export function periodFromDays(
  days: readonly string[],
  sums: ReadonlyArray<DaySummary | undefined>,
  limit: number | null,
  periodHours: number,
  rule: StableRule,
  withDays = true,
): PeriodCompliance {
  let valid = 0;
  let invalid = 0;
  let over = 0;
  let hours = 0;
  let cou: number | null = null;
  for (const s of sums) {
    if (s === undefined) continue;
    valid += s.valid;
    invalid += s.invalid;
    over += s.over;
    hours += s.hours;
    if (s.cou !== null) cou = (cou ?? 0) + s.cou;
  }
  let daysMeanOver = 0;
  for (const s of sums) {
    const mean = s === undefined ? null : dailyMean(s.sum, s.valid);
    if (limit !== null && mean !== null && mean > limit) daysMeanOver++;
  }
  return {
    valid,
    invalid,
    over,
    rate: rateOf(valid, over, limit),
    cou,
    missing: Math.max(0, periodHours - hours),
    daysMeanOver,
    verdict: stableVerdict({ valid, over }, daysMeanOver, limit, rule),
    days: withDays ? days.map((d, i) => dayCompliance(d, sums[i], limit)) : [],
  };
}

/** A period from its judged hours (periodFromDays over their day sums). */
export function periodCompliance(
  days: readonly string[],
  hours: readonly JudgedHour[],
  limit: number | null,
  periodHours: number,
  rule: StableRule,
): PeriodCompliance {
  const byDay = new Map<string, DaySummary>();
  for (const h of hours) {
    let s = byDay.get(h.day);
    if (s === undefined) byDay.set(h.day, (s = emptyDay()));
    addHour(s, h);
  }
  return periodFromDays(
    days,
    days.map((d) => byDay.get(d)),
    limit,
    periodHours,
    rule,
  );
}

/** Sums the counts of several outlet-pollutants with limits (an enterprise's month). */
export function sumCounts(parts: readonly HourCounts[]): Omit<HourCounts, 'cou'> {
  let valid = 0;
  let invalid = 0;
  let over = 0;
  for (const p of parts) {
    valid += p.valid;
    invalid += p.invalid;
    over += p.over;
  }
  return { valid, invalid, over, rate: valid === 0 ? null : (valid - over) / valid };
}

/**
 * An enterprise's verdict from its outlet-pollutants with limits: not stable when one is not,
 * no data when one has no valid hour (stability is not shown), stable when all are.
 */
export function combinedVerdict(verdicts: readonly Verdict[]): Verdict {
  const limited = verdicts.filter((v) => v !== 'no_limit');
  if (limited.length === 0) return 'no_limit';
  if (limited.includes('not_stable')) return 'not_stable';
  if (limited.includes('no_data')) return 'no_data';
  return 'stable';
}
