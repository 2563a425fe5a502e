import { describe, expect, it } from 'vitest';
import { monthFromDigits, monthLabel, monthOf, monthStartMs } from './month.ts';
import { isBeyondRetention, monthsToCreate, monthsToRetire } from './partition-plan.ts';
import { PARTITIONED_TABLES, monthBounds, monthOfPartitionName } from './partitioned-tables.ts';

const m = (label: string): number => monthFromDigits(label.replace('-', ''))!;

describe('month numbers', () => {
  it('count UTC months from 1970-01 and round-trip through labels and starts', () => {
    expect(monthOf(0)).toBe(0);
    expect(monthLabel(m('2026-12'))).toBe('2026-12');
    expect(monthStartMs(m('2027-01'))).toBe(Date.UTC(2027, 0, 1));
    // The last millisecond of a UTC month is still that month (Beijing time is already the next).
    expect(monthLabel(monthOf(Date.UTC(2027, 0, 1) - 1))).toBe('2026-12');
    expect(monthFromDigits('202613')).toBeUndefined();
  });

  it('bound a month by exact key values of both tables', () => {
    const [readings, values] = PARTITIONED_TABLES;
    const feb = m('2024-02');
    expect(monthBounds(readings!, feb)).toEqual({
      from: Date.UTC(2024, 1, 1) / 86_400_000,
      to: Date.UTC(2024, 2, 1) / 86_400_000,
    });
    expect(monthBounds(values!, feb).to - monthBounds(values!, feb).from).toBe(29 * 1440);
    expect(monthOfPartitionName(readings!, 'readings_p202402')).toBe(feb);
    expect(monthOfPartitionName(readings!, 'readings_default')).toBeUndefined();
    expect(monthOfPartitionName(values!, 'readings_p202402')).toBeUndefined();
  });
});

describe('partition rules', () => {
  const now = m('2026-12');

  it('create the current month and the months ahead that are missing', () => {
    const state = { attached: [m('2026-12'), m('2027-01')], detached: [], inDefault: [] };
    expect(monthsToCreate(state, now, { aheadMonths: 3, retentionMonths: undefined })).toEqual([
      m('2027-02'),
      m('2027-03'),
    ]);
  });

  it('create the months whose rows wait in DEFAULT, but not beyond the window or retention', () => {
    const state = {
      attached: [],
      detached: [m('2025-06')],
      inDefault: [m('2016-03'), m('2025-06'), m('2026-10'), m('2030-01')],
    };
    expect(monthsToCreate(state, now, { aheadMonths: 1, retentionMonths: undefined })).toEqual([
      m('2016-03'),
      m('2026-10'),
      m('2026-12'),
      m('2027-01'),
    ]);
    expect(monthsToCreate(state, now, { aheadMonths: 1, retentionMonths: 12 })).toEqual([
      m('2026-10'),
      m('2026-12'),
      m('2027-01'),
    ]);
  });

  it('retire only whole months older than the retention, and nothing without one', () => {
    expect(isBeyondRetention(m('2025-11'), now, 12)).toBe(true);
    expect(isBeyondRetention(m('2025-12'), now, 12)).toBe(false);
    const attached = [m('2027-01'), m('2025-12'), m('2025-11'), m('2016-03')];
    expect(monthsToRetire(attached, now, 12)).toEqual([m('2016-03'), m('2025-11')]);
    expect(monthsToRetire(attached, now, undefined)).toEqual([]);
  });
});
