import { describe, expect, it } from 'vitest';
import { episodeDaysInForce, episodeLastDay } from './episode-days.ts';

describe('the days an episode is in force', () => {
  const open = { from_date: '2026-12-02', to_date: null, lifted_on: null };
  const planned = { from_date: '2026-12-02', to_date: '2026-12-03', lifted_on: null };

  it('runs to today without a planned end, else to the planned end', () => {
    expect(episodeLastDay(open, '2026-12-06')).toBe('2026-12-06');
    expect(episodeLastDay(planned, '2026-12-06')).toBe('2026-12-03');
    expect(episodeDaysInForce(planned, '2026-12-02')).toEqual(['2026-12-02']);
  });

  it('ends on an early lift day, which counts', () => {
    const early = { ...open, lifted_on: '2026-12-04' };
    expect(episodeDaysInForce(early, '2026-12-09')).toEqual([
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
  });

  it('a lift after the planned end moves the end to the lift day (as the episodes store it)', () => {
    const late = { ...planned, to_date: '2026-12-04', lifted_on: '2026-12-04' };
    expect(episodeDaysInForce(late, '2026-12-09')).toHaveLength(3);
  });

  it('has no days before its start', () => {
    expect(episodeDaysInForce(open, '2026-12-01')).toEqual([]);
  });
});
