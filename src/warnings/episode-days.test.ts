import { describe, expect, it } from 'vitest';
import { daysOfEachLevel, episodeDaysInForce, episodeLastDay, levelByDay } from './episode-days.ts';

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

describe('the level in force on each day', () => {
  const decisions = [
    { seq: 1, action: 'issue', level: 'yellow', effective: '2026-01-01' },
    { seq: 2, action: 'upgrade', level: 'red', effective: '2026-01-03' },
    { seq: 3, action: 'downgrade', level: 'orange', effective: '2026-01-04' },
    { seq: 4, action: 'lift', level: 'orange', effective: '2026-01-05' },
  ];
  const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'];

  it('each decision’s level from its effective date; a lift changes nothing', () => {
    const m = levelByDay(decisions, days, 'yellow');
    expect([...m.values()]).toEqual(['yellow', 'yellow', 'red', 'orange', 'orange']);
    expect(daysOfEachLevel(m)).toEqual(
      new Map([
        ['yellow', ['2026-01-01', '2026-01-02']],
        ['red', ['2026-01-03']],
        ['orange', ['2026-01-04', '2026-01-05']],
      ]),
    );
  });

  it('the episode’s level where no decision says otherwise', () => {
    expect([...levelByDay([], days.slice(0, 2), 'orange').values()]).toEqual(['orange', 'orange']);
  });
});
