/** Chinese names of the states of dispatch rows, milestones and review decisions (src/tasks). */
import type { TaskStatus } from '../../api/types.ts';
import type { TagType } from '../../lib/plan-status.ts';

/** Row statuses with their tag colour, in the order the page lists them. */
export const TASK_STATUS: Readonly<Record<TaskStatus, { name: string; type: TagType }>> = {
  not_started: { name: '未启动', type: 'info' },
  on_track: { name: '正常推进', type: 'primary' },
  behind: { name: '滞后', type: 'warning' },
  overdue: { name: '逾期', type: 'danger' },
  done: { name: '已完成', type: 'success' },
};

/** Review decisions of the city office. */
export const DECISIONS = [
  { value: 'accept', label: '采纳' },
  { value: 'return', label: '退回' },
  { value: 'request_evidence', label: '要求补充材料' },
] as const;

/** A decision's name ('' for none). */
export function decisionName(value: string | null): string {
  return DECISIONS.find((d) => d.value === value)?.label ?? value ?? '';
}

/** States of a milestone. */
export const MILESTONE_STATES: Readonly<Record<string, string>> = {
  met: '按期完成',
  met_late: '逾期完成',
  pending: '未到期',
  missed: '逾期未完成',
};
