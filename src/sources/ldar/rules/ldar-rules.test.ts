import { describe, expect, it } from 'vitest';
import { checkRound, repairRates, totalsOf, type RoundInput } from './ldar-rules.ts';

const r: RoundInput = {
  year: 2020,
  round: 1,
  periodFrom: '2020-03-01',
  periodTo: '2020-03-20',
  components: 100,
  leaks: 8,
  repairedOnTime: 5,
  repairedLate: 2,
  unrepaired: 1,
  notes: '  ',
};

describe('LDAR rounds', () => {
  it('accepts a consistent round, empty notes as null', () => {
    expect(checkRound(r)).toEqual({ ok: true, round: { ...r, notes: null } });
  });

  it('names the field at fault', () => {
    const field = (over: Partial<RoundInput>) => {
      const c = checkRound({ ...r, ...over });
      return c.ok ? 'ok' : c.field;
    };
    expect(field({ year: 1999 })).toBe('year');
    expect(field({ round: 0 })).toBe('round');
    expect(field({ periodTo: '2020-02-28' })).toBe('periodTo');
    expect(field({ periodFrom: '2021-01-01', periodTo: '2021-01-02' })).toBe('periodFrom');
    expect(field({ components: 1.5 })).toBe('components');
    expect(field({ leaks: 101, repairedOnTime: 98 })).toBe('leaks');
    expect(field({ unrepaired: 0 })).toBe('unrepaired');
  });

  it('rates: repaired (on time or late) and on time per leak; null without leaks', () => {
    const t = totalsOf([
      r,
      { ...r, round: 2, leaks: 2, repairedOnTime: 2, repairedLate: 0, unrepaired: 0 },
    ]);
    expect(t).toMatchObject({ rounds: 2, components: 200, leaks: 10, repairedOnTime: 7 });
    expect(repairRates(t)).toEqual({ repairRate: 0.9, onTimeRate: 0.7 });
    expect(repairRates(totalsOf([]))).toEqual({ repairRate: null, onTimeRate: null });
  });
});
