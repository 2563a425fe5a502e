// Grading a forecast (docs/warnings.md §2): the episodes, the recommended level with its reason,
// the response, and the lead time against the configured one. Pure; the edition is named in the
// result.
import { addDays, daysInclusive } from '../local-date.ts';
import {
  episodeCandidates,
  gradingDays,
  mergeEpisodes,
  type LevelBasis,
  type WarningEpisode,
} from './episode-grading.ts';
import type { Forecast } from './forecast.ts';
import { levelRank, type WarningLevel } from './levels.ts';
import type { ResponseKind, WarningMeasure } from './rule-set.ts';
import type { DailyAqiBasis, ResolvedWarningRules } from './warning-config.ts';
import type { WarningEdition } from './warning-editions.ts';
import { episodeReason, monthDay, spanText } from './warning-reason.ts';

/** The grading of a forecast. */
export interface WarningGrade {
  edition: WarningEdition;
  /** Document number of the edition. */
  document: string;
  /** Id of the local layer applied, or null. */
  localRules: string | null;
  region: string | null;
  issued: string | null;
  /** Recommended coloured level (`none` when no coloured warning is called for). */
  level: WarningLevel;
  /** `industrial` = coloured warning with emergency cuts; `advice` = advice only; `none`. */
  response: ResponseKind | 'none';
  /** Why, in Chinese. */
  reason: string;
  /** The recommended episode's first and last day, or null. */
  from: string | null;
  to: string | null;
  /** The level the AQI thresholds reach whatever the pollutant (differs for O3 or dust). */
  thresholdLevel: WarningLevel;
  /** The rule that decided the level, as data, or null. */
  basis: LevelBasis | null;
  measures: WarningMeasure[];
  /** Days from the issue date to the start of the recommended episode (null without either). */
  leadDays: number | null;
  requiredLeadDays: number;
  /** True when the lead is shorter than required; null when unknown. */
  leadShort: boolean | null;
  /** Every episode of the forecast, merged, oldest first. */
  episodes: Array<WarningEpisode & { leadDays: number | null; reason: string }>;
  dailyAqiBasis: DailyAqiBasis;
  mergeGapHours: number;
  forecastFrom: string;
  forecastTo: string;
  /** Remarks in Chinese: days read by their rolling AQI, unknown pollutants, open ends. */
  notes: string[];
}

/** Signed whole days from `a` to `b`. */
function dayDiff(a: string, b: string): number {
  return b >= a ? daysInclusive(a, b) - 1 : -(daysInclusive(b, a) - 1);
}

/**
 * The episode to recommend: the industrial episode with the highest level (earliest on ties);
 * without one, the advisory episode with the highest threshold level; else none.
 */
function headline<T extends WarningEpisode>(episodes: readonly T[]): T | null {
  const best = (xs: readonly T[], key: (e: T) => number) =>
    xs.reduce<T | null>((b, e) => (b === null || key(e) > key(b) ? e : b), null);
  return (
    best(
      episodes.filter((e) => e.response === 'industrial'),
      (e) => levelRank(e.level),
    ) ?? best(episodes, (e) => levelRank(e.thresholdLevel))
  );
}

function notesOf(
  forecast: Forecast,
  g: ReturnType<typeof gradingDays>,
  episodes: readonly WarningEpisode[],
): string[] {
  const notes: string[] = [];
  for (const d of g) {
    if (d.aqi !== d.naturalAqi)
      notes.push(`${monthDay(d.date)} 按连续24小时AQI ${d.aqi} 计（自然日AQI ${d.naturalAqi}）`);
  }
  const inEpisode = (date: string) => episodes.some((e) => e.from <= date && date <= e.to);
  const unknown = g.filter((d) => d.driver === 'unknown' && inEpisode(d.date));
  if (unknown.length > 0)
    notes.push(
      `${unknown.map((d) => monthDay(d.date)).join('、')} 未给出首要污染物，按${unknown[0]!.response.kind === 'industrial' ? '细颗粒物污染（分级预警）' : '仅健康提示'}处理`,
    );
  for (const e of episodes) {
    if (e.openStart) notes.push(`${spanText(e.from, e.to)} 的过程从预报首日开始，可能此前已经开始`);
    if (e.openEnd)
      notes.push(`${spanText(e.from, e.to)} 的过程持续到预报末日，实际可能更长、级别更高`);
  }
  if (forecast.issued === null) notes.push('未给出预报发布日期，无法计算提前量');
  return notes;
}

function noneReason(g: ReturnType<typeof gradingDays>): string {
  const peak = g.reduce((p, d) => (d.aqi > p.aqi ? d : p));
  return `预报期内未达到任何预警启动条件（日AQI最高 ${peak.aqi}，${monthDay(peak.date)}）`;
}

function leadText(lead: number | null, required: number): string {
  if (lead === null) return '';
  if (lead < required) return `；提前 ${lead} 天，少于要求的 ${required} 天`;
  return `；提前 ${lead} 天（要求 ${required} 天）`;
}

/** Grades a validated forecast under the resolved rules. */
export function gradeForecast(forecast: Forecast, resolved: ResolvedWarningRules): WarningGrade {
  if (forecast.days.length === 0) throw new RangeError('a forecast needs at least one day');
  forecast.days.forEach((d, i) => {
    const prev = forecast.days[i - 1];
    if (prev && addDays(prev.date, 1) !== d.date)
      throw new RangeError(`forecast days must be consecutive: ${prev.date} then ${d.date}`);
  });
  const { settings, rules, spec } = resolved;
  const g = gradingDays(forecast.days, rules, settings.dailyAqiBasis);
  const merged = mergeEpisodes(episodeCandidates(g, rules), settings.mergeGapHours);
  const lead = (from: string) => (forecast.issued === null ? null : dayDiff(forecast.issued, from));
  const episodes = merged.map((e) => ({
    ...e,
    leadDays: lead(e.from),
    reason: episodeReason(e, spec.document),
  }));
  const top = headline(episodes);
  const leadDays = top?.leadDays ?? null;
  const required = settings.requiredLeadDays;
  const leadShort =
    top === null || top.level === 'none' || leadDays === null ? null : leadDays < required;
  return {
    edition: resolved.edition,
    document: spec.document,
    localRules: settings.localRules?.id ?? null,
    region: forecast.region,
    issued: forecast.issued,
    level: top?.level ?? 'none',
    response: top?.response ?? 'none',
    reason: top ? top.reason + leadText(leadDays, required) : noneReason(g),
    from: top?.from ?? null,
    to: top?.to ?? null,
    thresholdLevel: top?.thresholdLevel ?? 'none',
    basis: top?.basis ?? null,
    measures: top?.measures ?? [],
    leadDays,
    requiredLeadDays: required,
    leadShort,
    episodes,
    dailyAqiBasis: settings.dailyAqiBasis,
    mergeGapHours: settings.mergeGapHours,
    forecastFrom: forecast.days[0]!.date,
    forecastTo: forecast.days[forecast.days.length - 1]!.date,
    notes: notesOf(forecast, g, merged),
  };
}
