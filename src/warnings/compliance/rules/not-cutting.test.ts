import { describe, expect, it } from 'vitest';
import { judgeCutting, observedDailyKg } from './not-cutting.ts';

describe('observedDailyKg', () => {
  it('scales each outlet to 24 hours and sums', () => {
    const o = observedDailyKg(
      [
        { outletId: 1, validHours: 24, kg: 240 },
        { outletId: 2, validHours: 20, kg: 100 },
      ],
      18,
    );
    expect(o).toEqual({ judged: true, kgPerDay: 360, validHours: 44, outlets: 2 });
  });
  it('does not judge a day when an outlet has too few valid hours, or none has data', () => {
    expect(
      observedDailyKg(
        [
          { outletId: 1, validHours: 24, kg: 240 },
          { outletId: 2, validHours: 17, kg: 100 },
        ],
        18,
      ),
    ).toMatchObject({ judged: false, reason: 'too-few-hours' });
    expect(observedDailyKg([], 18)).toMatchObject({ judged: false, reason: 'no-data' });
    expect(observedDailyKg([{ outletId: 1, validHours: 0, kg: 0 }], 18)).toMatchObject({
      judged: false,
      reason: 'no-data',
    });
  });
});

describe('judgeCutting', () => {
  it('is a violation only above baseline − expected + tolerance × baseline', () => {
    // 100 baseline, 20 owed: allowed 80, threshold 85 at 5 %.
    expect(judgeCutting(100, 20, 85, 5).violation).toBe(false);
    expect(judgeCutting(100, 20, 85.001, 5)).toMatchObject({
      violation: true,
      allowedKg: 80,
      thresholdKg: 85,
      excessKg: 5.001,
      achievedCutKg: 14.999,
    });
    expect(judgeCutting(100, 20, 80, 0).violation).toBe(false);
    expect(judgeCutting(100, 20, 80.01, 0).violation).toBe(true);
  });
  it('a stop (expected = baseline) allows nothing but the tolerance', () => {
    expect(judgeCutting(50, 50, 2.5, 5).violation).toBe(false);
    expect(judgeCutting(50, 50, 3, 5)).toMatchObject({ violation: true, allowedKg: 0 });
  });
});
