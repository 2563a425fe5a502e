import { describe, expect, it } from 'vitest';
import { reminderDates, warningReason } from './escalation-rules.ts';
import type { RowEvaluation } from './status-rules.ts';
import { ordinal } from './warning-notice-drafts.ts';

const e = (status: RowEvaluation['status'], silentShare = 0) =>
  ({ status, silentShare }) as RowEvaluation;

describe('escalation rules', () => {
  it('warns rows that are behind, overdue, or silent past half their window', () => {
    expect(warningReason(e('overdue'), 0.5)).toBe('overdue');
    expect(warningReason(e('behind'), 0.5)).toBe('behind');
    expect(warningReason(e('not_started', 0.49), 0.5)).toBeNull();
    expect(warningReason(e('not_started', 0.5), 0.5)).toBe('silent');
    expect(warningReason(e('on_track'), 0.5)).toBeNull();
    expect(warningReason(e('done'), 0)).toBeNull();
  });

  it('schedules reminders before each milestone', () => {
    expect(reminderDates('2020-06-30', [1, 7])).toEqual(['2020-06-23', '2020-06-29']);
    expect(reminderDates('2020-03-01', [1])).toEqual(['2020-02-29']);
  });

  it('numbers the items of a notice in Chinese', () => {
    expect([0, 8, 9, 10, 18, 19, 20, 98].map(ordinal)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
    ]);
  });
});
