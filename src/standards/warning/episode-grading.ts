// From forecast days to graded episodes (docs/warnings.md §2):
// 1. each day's driver (cause, else primary pollutant) picks the response of the rule set;
// 2. an episode candidate is a maximal run of consecutive days that meet at least one clause of
//    the rule set and share the response kind (6号 answers PM2.5 episodes with coloured warnings,
//    O3 and dust episodes with advice);
// 3. its level is the highest level any of whose conditions holds inside it (every clause of the
//    condition finds a long enough run of days within the episode) — "no higher level reached";
// 4. episodes of the same kind whose gap is shorter than `mergeGapHours` become one episode at
//    the stricter level (2017 draft grading: a gap too short for the first to clear).
import { daysInclusive } from '../local-date.ts';
import {
  COLOURED_LEVELS,
  levelRank,
  maxLevel,
  type ColouredLevel,
  type WarningLevel,
} from './levels.ts';
import {
  allClauses,
  clauseDays,
  meetsClause,
  type AqiClause,
  type Driver,
  type DriverResponse,
  type ResponseKind,
  type WarningMeasure,
  type WarningRuleSet,
} from './rule-set.ts';
import type { ForecastDay } from './forecast.ts';
import type { DailyAqiBasis } from './warning-config.ts';

/** A forecast day as the rules see it. */
export interface GradingDay {
  date: string;
  /** The AQI the thresholds read (per the daily-AQI basis). */
  aqi: number;
  naturalAqi: number;
  rolling24hAqi: number | null;
  driver: Driver;
  response: DriverResponse;
}

/** How one clause was met: the longest run of days meeting its threshold inside the episode. */
export interface ClauseMatch {
  op: AqiClause['op'];
  aqi: number;
  /** Hours the clause asks for. */
  hours: number;
  /** The days of the run (consecutive), each meeting the threshold. */
  dates: string[];
}

/** Why an episode reaches its level: the condition that holds and how each clause was met. */
export interface LevelBasis {
  level: ColouredLevel;
  conditionId: string;
  source: string;
  verified: boolean;
  /** Id of the local layer that added the condition, or null for the edition's own. */
  layer: string | null;
  matches: ClauseMatch[];
}

/** One part of a merged episode (an episode before merging). */
export interface EpisodePart {
  from: string;
  to: string;
  thresholdLevel: ColouredLevel;
  basis: LevelBasis;
}

/** An episode of the forecast. */
export interface WarningEpisode {
  from: string;
  to: string;
  /** Days from `from` to `to`, both included (gap days of a merged episode count). */
  days: number;
  response: ResponseKind;
  /** The coloured level: the threshold level for the industrial response, `none` for advice. */
  level: WarningLevel;
  /** The level the AQI thresholds reach whatever the driver. */
  thresholdLevel: ColouredLevel;
  basis: LevelBasis;
  drivers: Driver[];
  measures: WarningMeasure[];
  peak: { aqi: number; date: string };
  /** The episodes merged into this one, in order (one part when nothing was merged). */
  parts: EpisodePart[];
  /** Starts on the first forecast day (it may have started earlier). */
  openStart: boolean;
  /** Runs to the last forecast day (it may last longer, at a higher level). */
  openEnd: boolean;
}

/**
 * The driver of a day: its cause when stated; else, among its primary pollutants, the first one
 * answered with the industrial response (the conservative choice on ties); else its first
 * primary pollutant; else `unknown`.
 */
export function dayDriver(day: ForecastDay, rules: WarningRuleSet): Driver {
  if (day.cause) return day.cause;
  const industrial = day.primary.find((p) => rules.responses[p].kind === 'industrial');
  return industrial ?? day.primary[0] ?? 'unknown';
}

/** The days as the rules read them. */
export function gradingDays(
  days: readonly ForecastDay[],
  rules: WarningRuleSet,
  basis: DailyAqiBasis,
): GradingDay[] {
  return days.map((d) => {
    const driver = dayDriver(d, rules);
    const aqi =
      basis === 'rolling-24h' && d.rolling24hAqi !== null
        ? Math.max(d.aqi, d.rolling24hAqi)
        : d.aqi;
    return {
      date: d.date,
      aqi,
      naturalAqi: d.aqi,
      rolling24hAqi: d.rolling24hAqi,
      driver,
      response: rules.responses[driver],
    };
  });
}

/** The longest run of consecutive days meeting a clause's threshold (earliest on ties). */
function longestRun(days: readonly GradingDay[], clause: AqiClause): string[] {
  let best: string[] = [];
  let run: string[] = [];
  for (const d of days) {
    if (meetsClause(d.aqi, clause)) {
      run.push(d.date);
      if (run.length > best.length) best = [...run];
    } else run = [];
  }
  return best;
}

/** The highest level whose condition holds within consecutive days, with its basis. */
export function levelOfRun(days: readonly GradingDay[], rules: WarningRuleSet): LevelBasis | null {
  for (const level of [...COLOURED_LEVELS].reverse()) {
    for (const c of rules.levels[level]) {
      const matches = c.allOf.map((clause) => ({ clause, dates: longestRun(days, clause) }));
      if (matches.every((m) => m.dates.length >= clauseDays(m.clause)))
        return {
          level,
          conditionId: c.id,
          source: c.source,
          verified: c.verified,
          layer: c.layer ?? null,
          matches: matches.map((m) => ({
            op: m.clause.op,
            aqi: m.clause.aqi,
            hours: m.clause.hours,
            dates: m.dates,
          })),
        };
    }
  }
  return null;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return Array.from(new Set([...a, ...b]));
}

function episodeOf(
  run: GradingDay[],
  basis: LevelBasis,
  first: string,
  last: string,
): WarningEpisode {
  const from = run[0]!.date;
  const to = run[run.length - 1]!.date;
  const kind = run[0]!.response.kind;
  const peakDay = run.reduce((p, d) => (d.aqi > p.aqi ? d : p));
  return {
    from,
    to,
    days: run.length,
    response: kind,
    level: kind === 'industrial' ? basis.level : 'none',
    thresholdLevel: basis.level,
    basis,
    drivers: union(
      [],
      run.map((d) => d.driver),
    ),
    measures: run.reduce<WarningMeasure[]>((m, d) => union(m, d.response.measures), []),
    peak: { aqi: peakDay.aqi, date: peakDay.date },
    parts: [{ from, to, thresholdLevel: basis.level, basis }],
    openStart: from === first,
    openEnd: to === last,
  };
}

/**
 * Episode candidates before merging: maximal runs of qualifying days of one response kind that
 * reach a level (runs reaching none are not episodes).
 */
export function episodeCandidates(
  days: readonly GradingDay[],
  rules: WarningRuleSet,
): WarningEpisode[] {
  const clauses = allClauses(rules);
  const qualifies = (d: GradingDay) => clauses.some((c) => meetsClause(d.aqi, c));
  const first = days[0]?.date ?? '';
  const last = days[days.length - 1]?.date ?? '';
  const out: WarningEpisode[] = [];
  let run: GradingDay[] = [];
  const close = () => {
    const basis = run.length > 0 ? levelOfRun(run, rules) : null;
    if (basis) out.push(episodeOf(run, basis, first, last));
    run = [];
  };
  for (const d of days) {
    if (!qualifies(d)) close();
    else {
      if (run.length > 0 && run[0]!.response.kind !== d.response.kind) close();
      run.push(d);
    }
  }
  close();
  return out;
}

/** Hours between the end of one episode and the start of the next (whole days between × 24). */
export function gapHours(prevTo: string, nextFrom: string): number {
  return (daysInclusive(prevTo, nextFrom) - 2) * 24;
}

function merge(a: WarningEpisode, b: WarningEpisode): WarningEpisode {
  const stricter = levelRank(b.thresholdLevel) > levelRank(a.thresholdLevel) ? b : a;
  const thresholdLevel = maxLevel(a.thresholdLevel, b.thresholdLevel) as ColouredLevel;
  return {
    from: a.from,
    to: b.to,
    days: daysInclusive(a.from, b.to),
    response: a.response,
    level: a.response === 'industrial' ? thresholdLevel : 'none',
    thresholdLevel,
    basis: stricter.basis,
    drivers: union(a.drivers, b.drivers),
    measures: union(a.measures, b.measures),
    peak: b.peak.aqi > a.peak.aqi ? b.peak : a.peak,
    parts: [...a.parts, ...b.parts],
    openStart: a.openStart,
    openEnd: b.openEnd,
  };
}

/**
 * The merge rule: an episode following one of the same response kind after a gap shorter than
 * `mergeGapHours` joins it; the merged episode spans both (and the gap) at the stricter level.
 */
export function mergeEpisodes(
  episodes: readonly WarningEpisode[],
  mergeGapHours: number,
): WarningEpisode[] {
  const sorted = [...episodes].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  const out: WarningEpisode[] = [];
  const lastOfKind = new Map<ResponseKind, number>();
  for (const e of sorted) {
    const i = lastOfKind.get(e.response);
    const prev = i === undefined ? undefined : out[i];
    if (prev && i !== undefined && gapHours(prev.to, e.from) < mergeGapHours)
      out[i] = merge(prev, e);
    else {
      lastOfKind.set(e.response, out.length);
      out.push(e);
    }
  }
  return out;
}
