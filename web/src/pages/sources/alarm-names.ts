/** Names of the alarm inbox (pure): statuses, escalation levels and close reasons. */
import { CLOSE_REASONS } from '../../../../src/sources/alarms/rules/close-reasons.ts';
import type { TagType } from '../../lib/plan-status.ts';

export { CLOSE_REASONS };

/** An alarm's status. */
export const ALARM_STATUS: Readonly<Record<string, { text: string; type: TagType }>> = {
  open: { text: '待处理', type: 'danger' },
  acknowledged: { text: '已确认', type: 'warning' },
  closed: { text: '已关闭', type: 'success' },
};

/** Who holds an alarm: the enterprise, raised to the county, raised to the city office. */
export const ALARM_LEVELS = ['企业处理', '已提级至县区', '已提级至市大气办'] as const;

/** An event of an alarm's history. */
export const EVENT_NAMES: Readonly<Record<string, string>> = {
  opened: '产生',
  cleared: '恢复',
  recurred: '再次出现',
  acknowledged: '确认',
  explained: '说明',
  escalated: '提级',
  closed: '关闭',
};
