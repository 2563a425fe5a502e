/**
 * Escalation rules (pure), after the plan's 四.(四): "市大气办要定期调度各县（市、区）重点任务进展
 * 情况。对……重点任务进展缓慢的县（市、区）下发预警通知函". A row calls for a warning notice when
 * it is behind or overdue, or when nothing has been reported although a share (default half) of
 * its first window has passed. Reminders go out a configurable number of days (default 7 and 1)
 * before each milestone a row has not yet met.
 */
import { addDays } from '../../standards/local-date.ts';
import type { RowPlan } from './row-plan.ts';
import type { MilestoneOutcome, RowEvaluation } from './status-rules.ts';
import type { MilestoneDef } from '../task-model.ts';

/** Why a row is in a warning notice. */
export type WarningReason = 'overdue' | 'behind' | 'silent';

/** The reason a row calls for a warning on its evaluation date, or null. */
export function warningReason(e: RowEvaluation, silentWarnShare: number): WarningReason | null {
  if (e.status === 'overdue') return 'overdue';
  if (e.status === 'behind') return 'behind';
  if (e.status === 'not_started' && e.silentShare >= silentWarnShare && e.silentShare > 0)
    return 'silent';
  return null;
}

/** One reminder: a milestone of a row coming up. */
export interface Reminder {
  row: RowPlan;
  milestone: MilestoneDef;
  /** Days left until the milestone's date. */
  daysLeft: number;
  /** The date the reminder is for. */
  date: string;
}

/** The dates reminders of a milestone go out on, for the lead times given (latest lead first). */
export function reminderDates(milestoneDate: string, leadDays: readonly number[]): string[] {
  return [...new Set(leadDays)].sort((a, b) => b - a).map((d) => addDays(milestoneDate, -d));
}

/** The reminders due on `date` for a row: milestones it has not met whose lead time falls today. */
export function remindersOn(
  row: RowPlan,
  outcomes: readonly MilestoneOutcome[],
  date: string,
  leadDays: readonly number[],
): Reminder[] {
  const out: Reminder[] = [];
  for (const o of outcomes) {
    if (o.state === 'met' || o.state === 'met_late') continue;
    for (const lead of leadDays)
      if (addDays(o.milestone.date, -lead) === date)
        out.push({ row, milestone: o.milestone, daysLeft: lead, date });
  }
  return out;
}
