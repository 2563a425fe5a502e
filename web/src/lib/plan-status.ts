/** The statuses of a plan's progress in Chinese, with the colour of their tag (总览 and 目标考核). */
import type { PlanStatus } from '../api/types.ts';

/** Element Plus tag types. */
export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

/** Name and tag type of every status (src/plan/rules/status.ts). */
export const PLAN_STATUS: Readonly<Record<PlanStatus, { name: string; type: TagType }>> = {
  on_track: { name: '正常', type: 'success' },
  at_risk: { name: '有风险', type: 'warning' },
  off_track: { name: '滞后', type: 'danger' },
  no_target: { name: '无目标', type: 'info' },
  no_data: { name: '无有效数据', type: 'info' },
};
