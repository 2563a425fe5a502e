/**
 * The categories of a public report and the unit each goes to by default (pure). The plan
 * (保障措施 六) asks for a reporting platform with rewards and an exposure board without naming
 * categories or departments; these follow the plan's own division of work (docs/dust-fires-reports.md).
 */

/** Categories, in the order the form shows them. */
export const TIPOFF_CATEGORIES = [
  'industrial',
  'dust',
  'burning',
  'vehicle',
  'odour',
  'other',
] as const;

/** A category. */
export type TipoffCategory = (typeof TIPOFF_CATEGORIES)[number];

/** Chinese names of the categories. */
export const CATEGORY_NAMES: Readonly<Record<TipoffCategory, string>> = {
  industrial: '工业废气',
  dust: '扬尘',
  burning: '焚烧',
  vehicle: '冒黑烟车辆',
  odour: '异味',
  other: '其他',
};

/** Chinese names of the statuses a reporter and a handler see. */
export const STATUS_NAMES: Readonly<Record<string, string>> = {
  received: '已受理，待分派',
  assigned: '已分派，核查中',
  handled: '已办结',
  rejected: '不予受理',
};

/** Chinese names of verification results. */
export const RESULT_NAMES: Readonly<Record<string, string>> = {
  confirmed: '经核查属实',
  not_confirmed: '经核查不属实',
};
