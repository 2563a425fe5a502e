/**
 * The days an episode is in force and the level in force on each, shared by the compliance checks
 * and the evaluation so that both judge the same days against the same level's list
 * (docs/warnings.md, "Compliance and evaluation"). A warning is in force over the period of its
 * notices: from its first day to its planned end (`to_date`, which an `extend` decision moves,
 * warning-lifecycle.ts §5) or its lift day; the lift day counts, at the last level. A lift sets
 * `to_date` to the lift day (episode-service.ts): a warning lifted after its planned end was in
 * force until lifted.
 */
import { eachLocalDate } from '../standards/local-date.ts';
import { COLOURED_LEVELS, type ColouredLevel } from '../standards/warning/levels.ts';

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

/** A decision as the day/level rule reads it. */
export interface LevelDecision {
  seq: number;
  action: string;
  level: string;
  /** Local date the decision's level took effect (its from_date, episode-service.ts). */
  effective: string;
}

/**
 * The warning level in force on each of `days`: each decision's level from its effective date on
 * (a lift ends the episode; its day counts at the last level); `fallback` (the episode's level)
 * where no decision says otherwise.
 */
export function levelByDay(
  decisions: readonly LevelDecision[],
  days: readonly string[],
  fallback: ColouredLevel,
): Map<string, ColouredLevel> {
  const ordered = [...decisions].sort((a, b) => a.seq - b.seq);
  const out = new Map<string, ColouredLevel>();
  for (const date of days) {
    let level: ColouredLevel = fallback;
    for (const d of ordered)
      if (
        d.action !== 'lift' &&
        d.effective <= date &&
        COLOURED_LEVELS.includes(d.level as ColouredLevel)
      )
        level = d.level as ColouredLevel;
    out.set(date, level);
  }
  return out;
}

/** The days of each level, in the order the levels first occur. */
export function daysOfEachLevel(
  levels: ReadonlyMap<string, ColouredLevel>,
): Map<ColouredLevel, string[]> {
  const out = new Map<ColouredLevel, string[]>();
  for (const [day, level] of levels) out.set(level, [...(out.get(level) ?? []), day]);
  return out;
}
