/**
 * A month of compliance of some outlets (docs/standards/ultra-low.md §5): their stored hours
 * judged against each outlet's limits (rules/hour-judgement.ts), summed per day (kept by
 * compliance-cache.ts) and per month (rules/compliance.ts). Used by the compliance service and
 * the benchmark.
 */
import { DAY_MS, HOUR_MS, daysInMonth, formatLocalDate } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import { dateStartEpoch } from '../../time/zoned-time.ts';
import type { CemsConfig } from './cems-config.ts';
import { complianceCacheOf } from './compliance-cache.ts';
import type { OutletJudging } from './outlet-judging.ts';
import { periodFromDays, type PeriodCompliance } from './rules/compliance.ts';
import type { ResolvedLimit } from './rules/limits.ts';

/** Calendar of cems_hours.day (src/sources/tables.ts). */
const ZONE = 'Asia/Shanghai';

/** A month's calendar: its days and the instants it spans. */
export interface MonthSpan {
  month: string;
  days: string[];
  from: number;
  to: number;
  /** Hours of the month up to `now` (the running month), for missing hours. */
  hours: number;
}

/** The span of 'YYYY-MM' (already validated) as of `now`. */
export function monthSpan(month: string, now: number): MonthSpan {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = Array.from({ length: daysInMonth(year, m) }, (_, i) =>
    formatLocalDate(year, m, i + 1),
  );
  const from = dateStartEpoch(ZONE, days[0]!);
  const to = from + days.length * DAY_MS;
  const until = Math.min(to, Math.floor(now / HOUR_MS) * HOUR_MS);
  return { month, days, from, to, hours: Math.max(0, (until - from) / HOUR_MS) };
}

/** One outlet's pollutant over the month. */
export interface OutletPollutantMonth extends PeriodCompliance {
  outletId: number;
  pollutant: string;
  limit: ResolvedLimit;
}

/**
 * Compliance of each limited pollutant of each outlet, in outlet and pollutant order, from the
 * store's day sums (compliance-cache.ts); without the per-day figures when `withDays` is false.
 */
export async function monthCompliance(
  db: Db,
  config: CemsConfig,
  outlets: ReadonlyMap<number, OutletJudging>,
  span: MonthSpan,
  withDays = true,
): Promise<OutletPollutantMonth[]> {
  const sums = await complianceCacheOf(db).sums(outlets, span);
  const out: OutletPollutantMonth[] = [];
  for (const [id, o] of outlets) {
    for (const pollutant of o.limited()) {
      const limit = o.limitOf(pollutant);
      const days = sums.get(`${id}|${pollutant}`)!;
      const p = periodFromDays(span.days, days, limit.limit, span.hours, config.stable, withDays);
      out.push({ outletId: id, pollutant, limit, ...p });
    }
  }
  return out;
}
