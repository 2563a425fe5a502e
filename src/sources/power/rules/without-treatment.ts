/**
 * Periods of production without treatment (docs/standards/sub-metering-ldar.md §1.2): runs of
 * consecutive hours in which a line's production runs and its treatment is stopped. Unknown hours
 * never count and break a run.
 */
import { HOUR_MS } from '../../../standards/local-date.ts';
import type { LineHourState } from './line-states.ts';

/** One period: [from, to) in epoch ms, and its length in hours. */
export interface UntreatedPeriod {
  from: number;
  to: number;
  hours: number;
}

/** True when the hour is production without treatment. */
export function untreatedHour(s: LineHourState): boolean {
  return s.production === true && s.treatment === false;
}

/** The periods of production without treatment in one line's hourly states (sorted by time). */
export function untreatedPeriods(states: readonly LineHourState[]): UntreatedPeriod[] {
  const out: UntreatedPeriod[] = [];
  let open: UntreatedPeriod | null = null;
  for (const s of states) {
    if (untreatedHour(s) && open && open.to === s.time) {
      open.to += HOUR_MS;
      open.hours++;
    } else if (untreatedHour(s)) {
      open = { from: s.time, to: s.time + HOUR_MS, hours: 1 };
      out.push(open);
    } else open = null;
  }
  return out;
}
