/**
 * Production without treatment (治污设施未同步运行) alarm (pure): hours in which a production line
 * runs while its control facilities do not, from the running states that electricity
 * sub-metering (分表计电) derives per hour. The number of hours that make an alarm (default 1) is
 * configuration (docs/sources.md). The input is a plain series so that this rule does not depend
 * on how the states are derived.
 */
import { hoursIn, runsOf, type Episode } from './episode.ts';

/** Running states of one line in one hour (null: unknown, which never counts). */
export interface LineHourState {
  /** Start of the hour, epoch ms. */
  time: number;
  production: boolean | null;
  treatment: boolean | null;
}

/** The episodes of one line; `states` sorted by time. */
export function productionWithoutTreatment(
  states: readonly LineHourState[],
  minHours: number,
): Episode[] {
  const series = states.map((s) => ({ ...s, hour: s.time }));
  return runsOf(series, (s) => s.production === true && s.treatment === false)
    .filter(([a, b]) => b - a + 1 >= minHours)
    .map((run) => ({
      kind: 'no_treatment' as const,
      pollutant: null,
      hours: hoursIn(series, run),
      ongoing: run[1] === series.length - 1,
      detail: { minHours },
    }));
}
