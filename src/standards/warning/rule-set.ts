// The shape of a warning rule set as data: start conditions per level (any of several, each a
// conjunction of AQI-duration clauses) and the response per driver of the pollution (6号 splits
// the response by pollutant and cause). Editions and local layers are values of these types.
import type { Pollutant } from '../pollutants.ts';
import type { ColouredLevel } from './levels.ts';

/** One clause: the forecast daily AQI is above (`>`) or at least (`>=`) `aqi` for `hours`. */
export interface AqiClause {
  op: '>' | '>=';
  aqi: number;
  /**
   * How long, in hours. Daily forecasts count whole days: ≥ `hours` / 24 consecutive days
   * (at least one day, so 0 h and 24 h both mean one day).
   */
  hours: number;
}

/** One way to reach a level: every clause holds within the same episode. */
export interface LevelCondition {
  /** Stable id, e.g. `2024.orange.a`. */
  id: string;
  allOf: readonly AqiClause[];
  /** The document (and clause) the condition comes from. */
  source: string;
  /** False when the sources do not confirm the condition (a configuration default). */
  verified: boolean;
  /** Id of the local rule set that added the condition; absent for the edition's own. */
  layer?: string;
}

/** Non-pollutant causes of an episode that 6号 answers with advice only. */
export type EpisodeCause = 'dust' | 'fire' | 'blowing-dust' | 'transboundary';
/** Every cause. */
export const EPISODE_CAUSES: readonly EpisodeCause[] = [
  'dust',
  'fire',
  'blowing-dust',
  'transboundary',
];
/** Chinese names of the causes. */
export const EPISODE_CAUSE_NAMES: Readonly<Record<EpisodeCause, string>> = {
  dust: '沙尘',
  fire: '火灾',
  'blowing-dust': '局地扬尘',
  transboundary: '境外传输',
};

/** What drives a forecast day: its cause when given, else its primary pollutant, else unknown. */
export type Driver = Pollutant | EpisodeCause | 'unknown';

/** How a region responds: coloured industrial measures, or advice only. */
export type ResponseKind = 'industrial' | 'advice';
/** Chinese names of the response kinds. */
export const RESPONSE_KIND_NAMES: Readonly<Record<ResponseKind | 'none', string>> = {
  industrial: '分级预警、工业源应急减排',
  advice: '健康提示（不启动分级预警）',
  none: '无',
};

/** A measure family of a response. */
export type WarningMeasure =
  'industrial-reduction' | 'health-advice' | 'voc-nox-supervision' | 'dust-control';
/** Chinese names of the measures. */
export const WARNING_MEASURE_NAMES: Readonly<Record<WarningMeasure, string>> = {
  'industrial-reduction': '按应急减排清单分级减排（一企一策）',
  'health-advice': '发布健康防护提示',
  'voc-nox-supervision': '加强VOCs、NOx排放源日常监管',
  'dust-control': '加强扬尘源管控',
};

/** The response to episodes led by one driver. */
export interface DriverResponse {
  kind: ResponseKind;
  measures: readonly WarningMeasure[];
  source: string;
}

/** A complete rule set: what an edition (with any local layer) says. */
export interface WarningRuleSet {
  /** Start conditions per level; a level is reached when any one of its conditions holds. */
  levels: Readonly<Record<ColouredLevel, readonly LevelCondition[]>>;
  /** Response per driver. */
  responses: Readonly<Record<Driver, DriverResponse>>;
}

/** True when a daily AQI meets a clause's threshold. */
export function meetsClause(aqi: number, clause: AqiClause): boolean {
  return clause.op === '>' ? aqi > clause.aqi : aqi >= clause.aqi;
}

/** Days a clause needs at daily resolution: ⌈hours / 24⌉, at least one. */
export function clauseDays(clause: AqiClause): number {
  return Math.max(1, Math.ceil(clause.hours / 24));
}

/** Every clause of a rule set (all levels, all conditions). */
export function allClauses(rules: WarningRuleSet): AqiClause[] {
  return Object.values(rules.levels).flatMap((cs) => cs.flatMap((c) => [...c.allOf]));
}
