import { describe, expect, it } from 'vitest';
import { dailyMean } from './daily-mean.ts';

const hours = (valid: number, value = 10): Array<number | null> =>
  Array.from({ length: 24 }, (_, i) => (i < valid ? value + i : null));

describe('dailyMean (GB 3095 Table 4: ≥ 20 hourly values)', () => {
  it('is invalid with 19 hours and valid with 20', () => {
    const d19 = dailyMean(hours(19));
    expect(d19).toEqual({ value: null, count: 19, valid: false, mean: 19 }); // mean of 10..28
    const d20 = dailyMean(hours(20));
    expect(d20).toEqual({ value: 19.5, count: 20, valid: true, mean: 19.5 });
  });

  it('ignores null and non-finite values and honours minCount', () => {
    expect(dailyMean([1, null, Number.NaN, 3], 2)).toEqual({
      value: 2,
      count: 2,
      valid: true,
      mean: 2,
    });
    expect(dailyMean([], 0)).toEqual({ value: null, count: 0, valid: false, mean: null });
    expect(dailyMean(hours(24)).value).toBe(21.5);
  });
});
