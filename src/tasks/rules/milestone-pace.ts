/**
 * The time-proportional pace (时序进度, pure). The plan warns units whose key tasks fall behind
 * "时序进度" (四.(四)): between two milestones the value due grows linearly with the days elapsed,
 * from 0 on the start date (the plan's issue date) to the first milestone's due value, then on
 * to the next. On a milestone's date the whole value due by it is expected.
 */
import { dateToDayNumber } from '../../standards/local-date.ts';

/** A milestone as the pace sees it. */
export interface PacePoint {
  date: string;
  due: number;
}

/** The value expected by the end of `date` (0 before the start; the last due after the last date). */
export function dueByPace(start: string, points: readonly PacePoint[], date: string): number {
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const d = dateToDayNumber(date);
  let fromDay = dateToDayNumber(start);
  let fromDue = 0;
  for (const p of sorted) {
    const toDay = dateToDayNumber(p.date);
    if (d < toDay) {
      if (toDay <= fromDay) return p.due;
      const frac = Math.max(0, (d - fromDay) / (toDay - fromDay));
      return fromDue + (p.due - fromDue) * frac;
    }
    fromDay = Math.max(fromDay, toDay);
    fromDue = p.due;
  }
  return fromDue;
}

/** Share (0–1) of the span from `start` to `until` elapsed by the end of `date`. */
export function elapsedShare(start: string, until: string, date: string): number {
  const span = dateToDayNumber(until) - dateToDayNumber(start);
  if (span <= 0) return date >= until ? 1 : 0;
  return Math.min(1, Math.max(0, (dateToDayNumber(date) - dateToDayNumber(start)) / span));
}
