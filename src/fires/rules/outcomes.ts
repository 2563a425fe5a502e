/**
 * What a county answers about a dispatched fire (plan 四.10: fast response; outcomes as the issue
 * lists them, docs/dust-fires-reports.md § 露天焚烧), and the statuses of an event.
 */

/** Outcomes of the county's check, with their Chinese names. */
export const FIRE_OUTCOMES = {
  burning: '确认露天焚烧',
  industrial: '工业热源',
  false_alarm: '误报',
} as const;

export type FireOutcome = keyof typeof FIRE_OUTCOMES;

/** Statuses of an event: dispatched to the county, escalated to the city office, answered. */
export const FIRE_STATUSES = {
  dispatched: '待县区核查',
  escalated: '超时已提级',
  answered: '已反馈',
} as const;
