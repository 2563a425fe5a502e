/**
 * Exceedance (超标) alarm (pure): N consecutive valid hours whose corrected hourly mean is above
 * the outlet's limit. An hour is over when its valid O2-corrected hourly mean exceeds the limit
 * (docs/standards/hj212.md §1.11 for the correction, §1.9 for validity). N is configuration
 * (default 3, docs/sources.md): no standard names a number of hours after which an exceedance is
 * an alarm. An invalid or missing hour ends a run; long invalid periods are the flag rules'
 * business and missing hours the missing-data rule's.
 */
import { hoursIn, runsOf, type Episode, type HourValue } from './episode.ts';

/** The exceedance episodes of one pollutant of one outlet; `series` sorted by hour. */
export function exceedances(
  pollutant: string,
  series: readonly HourValue[],
  limit: number,
  minHours: number,
): Episode[] {
  const over = (x: HourValue): boolean => x.valid && x.value !== null && x.value > limit;
  return runsOf(series, over)
    .filter(([a, b]) => b - a + 1 >= minHours)
    .map((run) => {
      const values = series.slice(run[0], run[1] + 1).map((x) => x.value as number);
      return {
        kind: 'exceedance' as const,
        pollutant,
        hours: hoursIn(series, run),
        ongoing: run[1] === series.length - 1,
        detail: { limit, max: Math.max(...values), minHours },
      };
    });
}
