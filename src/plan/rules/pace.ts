/**
 * Time-based progress (时序进度, pure). The pace of a date is the share of the plan year's
 * calendar days elapsed, 1 January through that date inclusive, over the year's length (366 in a
 * leap year): 2020-11-30 → 335 / 366. A target that is a count of days (good days, a ceiling of
 * heavy days) is "on pace" when the count so far reaches target × share (linear, not seasonal:
 * the seasonal view is the projection's job).
 */
import { daysInclusive, isLeapYear } from '../../standards/index.ts';

/** The pace of a date within its plan year. */
export interface Pace {
  year: number;
  asOf: string;
  elapsedDays: number;
  remainingDays: number;
  yearDays: number;
  /** elapsedDays / yearDays. */
  share: number;
}

/** The pace of `asOf` in `year` (dates outside the year clamp to 0 or 1). */
export function paceAt(year: number, asOf: string): Pace {
  const yearDays = isLeapYear(year) ? 366 : 365;
  const first = `${year}-01-01`;
  const elapsed = asOf < first ? 0 : asOf > `${year}-12-31` ? yearDays : daysInclusive(first, asOf);
  return {
    year,
    asOf,
    elapsedDays: elapsed,
    remainingDays: yearDays - elapsed,
    yearDays,
    share: elapsed / yearDays,
  };
}

/** The count a target of days implies by now: target × share (unrounded). */
export function expectedByPace(target: number, pace: Pace): number {
  return target * pace.share;
}
