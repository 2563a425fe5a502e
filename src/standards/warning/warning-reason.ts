// Chinese wording of a grading's reasons: "12月3日、12月4日 日AQI>200（48小时） → 橙色预警（II级），依据 …".
import { parseLocalDate } from '../local-date.ts';
import { RESPONSE_GRADES, WARNING_LEVEL_NAMES, type ColouredLevel } from './levels.ts';
import type { ClauseMatch, LevelBasis, WarningEpisode } from './episode-grading.ts';
import { EPISODE_CAUSE_NAMES, WARNING_MEASURE_NAMES, type Driver } from './rule-set.ts';

/** A local date as 'M月D日'. */
export function monthDay(date: string): string {
  const { month, day } = parseLocalDate(date);
  return `${month}月${day}日`;
}

/** Consecutive dates in words: one day, two days joined by 、, or a range 'A至B'. */
export function datesText(dates: readonly string[]): string {
  if (dates.length === 0) return '';
  if (dates.length <= 2) return dates.map(monthDay).join('、');
  return `${monthDay(dates[0]!)}至${monthDay(dates[dates.length - 1]!)}`;
}

/** A span of dates: 'A' or 'A至B'. */
export function spanText(from: string, to: string): string {
  return from === to ? monthDay(from) : `${monthDay(from)}至${monthDay(to)}`;
}

/** One clause as met: '12月3日、12月4日 日AQI>200（48小时）'. */
export function clauseMatchText(m: ClauseMatch): string {
  return `${datesText(m.dates)} 日AQI${m.op === '>' ? '>' : '≥'}${m.aqi}（${m.dates.length * 24}小时）`;
}

/** A level's basis: the clauses met, the level reached and the rule. */
export function basisText(b: LevelBasis): string {
  const rule = `${b.source}${b.verified ? '' : '（未核实，按配置）'}`;
  return `${b.matches.map(clauseMatchText).join('且')} → ${levelText(b.level)}，依据 ${rule}`;
}

/** '橙色预警（II级）'. */
export function levelText(level: ColouredLevel): string {
  return `${WARNING_LEVEL_NAMES[level]}（${RESPONSE_GRADES[level]}）`;
}

/** A driver in Chinese: the pollutant name, the cause, or '首要污染物未知'. */
export function driverText(d: Driver): string {
  if (d === 'unknown') return '首要污染物未给出';
  if (d === 'O3') return '臭氧';
  if (d in EPISODE_CAUSE_NAMES) return EPISODE_CAUSE_NAMES[d as keyof typeof EPISODE_CAUSE_NAMES];
  return d;
}

/** Why an episode is graded as it is (Chinese). */
export function episodeReason(e: WarningEpisode, document: string): string {
  const parts: string[] = [basisText(e.basis)];
  if (e.response === 'advice') {
    const measures = e.measures.map((m) => WARNING_MEASURE_NAMES[m]).join('、');
    parts.push(
      `以${e.drivers.map(driverText).join('、')}为主，按${document}不启动分级预警，${measures}`,
    );
  }
  if (e.parts.length > 1) {
    const spans = e.parts.map(
      (p) => `${spanText(p.from, p.to)}（${WARNING_LEVEL_NAMES[p.thresholdLevel]}）`,
    );
    parts.push(`${spans.join('与')}间隔过短，污染不能完全清除，按一次过程从高级别`);
  }
  return parts.join('；');
}
