/**
 * The days an episode is in force, shared by the compliance checks and the evaluation so that both
 * judge the same days (docs/warnings.md, "Compliance and evaluation"). A warning is in force over
 * the period of its notices: from its first day to its planned end (`to_date`, which an `extend`
 * decision moves, warning-lifecycle.ts §5) or its lift day; the lift day counts, at the last
 * level (as the evaluation's levelByDay counts it). A lift sets `to_date` to the lift day
 * (episode-service.ts): a warning lifted after its planned end was in force until lifted.
 */
import { eachLocalDate } from '../standards/local-date.ts';

/** What the rule reads of an episode row. */
export interface EpisodeSpan {
  from_date: string;
  to_date: string | null;
  lifted_on: string | null;
}

/** The last local day in force up to `today`: the earliest of today, the planned end, the lift day. */
export function episodeLastDay(e: EpisodeSpan, today: string): string {
  const ends = [today, e.to_date, e.lifted_on].filter((d): d is string => d !== null);
  return ends.sort()[0]!;
}

/** The local days in force from the first day up to `lastDay` (none when it is before the start). */
export function episodeDaysInForce(e: EpisodeSpan, lastDay: string): string[] {
  const to = episodeLastDay(e, lastDay);
  return to < e.from_date ? [] : eachLocalDate(e.from_date, to);
}
