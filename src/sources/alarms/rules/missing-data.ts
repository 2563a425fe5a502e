/**
 * Missing data (数据缺失) alarm (pure): an outlet that must report hourly data (outlets.must_report)
 * has no hourly value at all for an hour once a grace period after the end of that hour has
 * passed. The grace (default 60 minutes after the hour ends) and the number of missing hours that
 * make an alarm (default 1) are configuration (docs/sources.md); HJ 212-2017 has the hourly data
 * (CN 2061) sent after the hour but names no deadline (docs/standards/hj212.md §1.8).
 */
import { HOUR_MS } from '../../../standards/local-date.ts';
import { hourOf, runsOf, type Episode } from './episode.ts';

/** What the missing-data rule needs for one outlet. */
export interface MissingInput {
  /** Hour starts for which the outlet has any hourly value. */
  present: ReadonlySet<number>;
  /** First instant examined (hours starting before it are not judged). */
  from: number;
  now: number;
  graceMinutes: number;
  minHours: number;
}

/** The missing-data episodes of one outlet. */
export function missingHours(i: MissingInput): Episode[] {
  const first = Math.ceil(i.from / HOUR_MS) * HOUR_MS;
  // The last hour that is due: it ended at least `grace` ago.
  const lastDue = hourOf(i.now - i.graceMinutes * 60_000) - HOUR_MS;
  const slots: Array<{ hour: number }> = [];
  for (let h = first; h <= lastDue; h += HOUR_MS) slots.push({ hour: h });
  return runsOf(slots, (s) => !i.present.has(s.hour))
    .filter(([a, b]) => b - a + 1 >= i.minHours)
    .map(([a, b]) => ({
      kind: 'missing' as const,
      pollutant: null,
      hours: slots.slice(a, b + 1).map((s) => s.hour),
      ongoing: b === slots.length - 1,
      detail: { graceMinutes: i.graceMinutes },
    }));
}
