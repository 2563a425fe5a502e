/**
 * Flat line (数据恒值) alarm (pure): a valid hourly mean that stays the same, within a tolerance,
 * for K consecutive hours: a stuck analyser or a value typed in. K (default 6), the tolerance
 * (default 0, i.e. identical values) and a floor at or below which values are not judged (default
 * 0, so that a pollutant below detection reading 0 all night is not an alarm) are configuration
 * (docs/sources.md); no standard defines this rule. Only valid hours are judged: a flagged hour
 * (docs/standards/hj212.md §1.9) already says why it is not a measurement.
 */
import { hoursIn, runsOf, type Episode, type HourValue } from './episode.ts';

/** Settings of the flat-line rule. */
export interface FlatLineRule {
  minHours: number;
  tolerance: number;
  floor: number;
}

/** The flat-line episodes of one pollutant of one outlet; `series` sorted by hour. */
export function flatLines(
  pollutant: string,
  series: readonly HourValue[],
  rule: FlatLineRule,
): Episode[] {
  const judged = (x: HourValue): boolean => x.valid && x.value !== null && x.value > rule.floor;
  const same = (first: HourValue, next: HourValue): boolean =>
    Math.abs((next.value as number) - (first.value as number)) <= rule.tolerance + 1e-9; // decimal values: 20.1 − 20 is 0.1000…014 in binary
  return runsOf(series, judged, same)
    .filter(([a, b]) => b - a + 1 >= rule.minHours)
    .map((run) => ({
      kind: 'flat' as const,
      pollutant,
      hours: hoursIn(series, run),
      ongoing: run[1] === series.length - 1,
      detail: { value: series[run[0]]!.value, minHours: rule.minHours },
    }));
}
