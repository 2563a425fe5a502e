// Heavy-pollution warning levels (重污染天气预警级别): yellow / orange / red, responses III / II / I
// (环办大气函〔2019〕648号 and 环大气〔2024〕6号 use the same three colours; docs/warnings.md §1).

/** A warning level; `none` = no coloured warning. */
export type WarningLevel = 'none' | 'yellow' | 'orange' | 'red';
/** A coloured warning level. */
export type ColouredLevel = Exclude<WarningLevel, 'none'>;

/** Every level, lowest first. */
export const WARNING_LEVELS: readonly WarningLevel[] = ['none', 'yellow', 'orange', 'red'];
/** The coloured levels, lowest first. */
export const COLOURED_LEVELS: readonly ColouredLevel[] = ['yellow', 'orange', 'red'];

/** Chinese names of the levels. */
export const WARNING_LEVEL_NAMES: Readonly<Record<WarningLevel, string>> = {
  none: '无预警',
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};

/** The emergency-response grade of each coloured level (III级 / II级 / I级). */
export const RESPONSE_GRADES: Readonly<Record<ColouredLevel, string>> = {
  yellow: 'III级',
  orange: 'II级',
  red: 'I级',
};

/** Position of a level in the order none < yellow < orange < red. */
export function levelRank(level: WarningLevel): number {
  return WARNING_LEVELS.indexOf(level);
}

/** The stricter of two levels. */
export function maxLevel(a: WarningLevel, b: WarningLevel): WarningLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}
