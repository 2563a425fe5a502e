import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../standards/local-date.ts';
import { elapsedShare, dueByPace } from './milestone-pace.ts';

describe('time-proportional pace (时序进度)', () => {
  const kilns = [
    { date: '2020-06-30', due: 12 },
    { date: '2020-09-30', due: 20 },
  ];

  it('grows linearly from the start to each milestone', () => {
    expect(dueByPace('2020-04-08', kilns, '2020-04-08')).toBe(0);
    expect(dueByPace('2020-04-08', kilns, '2020-04-01')).toBe(0);
    expect(dueByPace('2020-04-08', kilns, '2020-06-30')).toBe(12);
    expect(dueByPace('2020-04-08', kilns, '2020-08-15')).toBeCloseTo(16, 10);
    expect(dueByPace('2020-04-08', kilns, '2020-09-30')).toBe(20);
    expect(dueByPace('2020-04-08', kilns, '2020-12-31')).toBe(20);
    // 83 days from 8 April to 30 June: 12 days in, 12 × 12/83 is due.
    expect(dueByPace('2020-04-08', kilns, '2020-04-20')).toBeCloseTo((12 * 12) / 83, 10);
  });

  it('is non-decreasing, bounded, and exact on milestone dates (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 100 })), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: -20, max: 400 }),
        (steps, probe) => {
          let day = 0;
          let due = 0;
          const points = steps.map(([gap, add]) => {
            day += gap;
            due += add;
            return { date: addDays('2020-01-01', day), due };
          });
          const at = (d: number) => dueByPace('2020-01-01', points, addDays('2020-01-01', d));
          expect(at(probe)).toBeLessThanOrEqual(at(probe + 1) + 1e-9);
          expect(at(probe)).toBeGreaterThanOrEqual(0);
          expect(at(probe)).toBeLessThanOrEqual(due + 1e-9);
          for (const p of points)
            expect(dueByPace('2020-01-01', points, p.date)).toBeCloseTo(p.due, 9);
        },
      ),
    );
  });

  it('measures the share of a window elapsed', () => {
    expect(elapsedShare('2020-04-08', '2020-06-30', '2020-04-08')).toBe(0);
    expect(elapsedShare('2020-04-08', '2020-06-30', '2020-06-30')).toBe(1);
    expect(elapsedShare('2020-04-08', '2020-06-30', '2020-07-30')).toBe(1);
    expect(elapsedShare('2020-06-30', '2020-06-30', '2020-06-29')).toBe(0);
  });
});
