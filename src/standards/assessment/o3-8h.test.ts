import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { max1h, mda8, o3MovingMeans } from './o3-8h.ts';

/** 24 hourly values: `value` for hours in [0, validUpTo), null after. */
const day = (validUpTo: number, value = 50): Array<number | null> =>
  Array.from({ length: 24 }, (_, h) => (h < validUpTo ? value : null));

describe('o3MovingMeans', () => {
  it('needs 6 valid hours in the 8-h window: 5 → null, 6 → mean', () => {
    const series = [10, 20, 30, 40, 50, 60, 70, 80, 90, null, null];
    const m = o3MovingMeans(series);
    expect(m.slice(0, 5)).toEqual([null, null, null, null, null]); // 1..5 values
    expect(m[5]).toBe(35); // 10..60: 6 values
    expect(m[7]).toBe(45); // 10..80
    expect(m[8]).toBe(55); // 20..90
    expect(m[9]).toBe(60); // 30..90 (7 valid of 8)
    expect(m[10]).toBe(65); // 40..90 (6 valid of 8)
    expect(o3MovingMeans([...series, null])[11]).toBeNull(); // 50..90: 5 valid
  });

  it('honours minCount', () => {
    expect(o3MovingMeans([1, 2, 3], 2)).toEqual([null, 1.5, 2]);
  });
});

describe('mda8 (HJ 663-2013)', () => {
  it('uses the 17 windows 0–7 … 16–23', () => {
    const hours = Array.from({ length: 24 }, (_, h) => h * 10);
    const r = mda8(hours);
    expect(r.windows).toBe(17);
    expect(r.value).toBe(195); // window 16–23: mean of 160..230
    expect(r.valid).toBe(true);
  });

  it('is valid with 14 valid windows and invalid with 13', () => {
    // hours 0..18 valid: window s covers min(8, 19 − s) valid hours → s ≤ 13 → 14 windows
    expect(mda8(day(19))).toEqual({ value: 50, windows: 14, valid: true, max: 50 });
    // hours 0..17 valid: s ≤ 12 → 13 windows
    expect(mda8(day(18))).toEqual({ value: null, windows: 13, valid: false, max: 50 });
  });

  it('with < 14 windows is still valid when the maximum exceeds the limit', () => {
    expect(mda8(day(18, 161))).toMatchObject({ value: 161, windows: 13, valid: true });
    expect(mda8(day(18, 160))).toMatchObject({ value: null, windows: 13, valid: false });
    expect(mda8(day(18, 120), { limit: 100 })).toMatchObject({ value: 120, valid: true });
    expect(mda8(day(18, 50), { minWindows: 13 })).toMatchObject({ value: 50, valid: true });
  });

  it('checks window validity at 5/6 hours', () => {
    // only hours 0..5 valid (6): window 0 valid only → 1 window
    expect(mda8(day(6)).windows).toBe(1);
    expect(mda8(day(5)).windows).toBe(0);
    expect(mda8(day(5))).toEqual({ value: null, windows: 0, valid: false, max: null });
  });

  it('treats missing trailing hours as missing and rejects > 24 values', () => {
    expect(mda8([50, 50, 50, 50, 50, 50]).windows).toBe(1);
    expect(() => mda8(new Array<number>(25).fill(1))).toThrow(RangeError);
  });

  it('property: windows = number of 8-h blocks with ≥ 6 valid hours; value = their max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), {
          minLength: 24,
          maxLength: 24,
        }),
        (hours) => {
          const means: number[] = [];
          for (let s = 0; s <= 16; s++) {
            const w = hours.slice(s, s + 8).filter((v): v is number => v !== null);
            if (w.length >= 6) means.push(w.reduce((a, b) => a + b, 0) / w.length);
          }
          const r = mda8(hours);
          expect(r.windows).toBe(means.length);
          expect(r.windows).toBeLessThanOrEqual(17);
          const max = means.length ? Math.max(...means) : null;
          if (max === null) expect(r.max).toBeNull();
          else expect(r.max).toBeCloseTo(max, 9);
          expect(r.valid).toBe(max !== null && (means.length >= 14 || max > 160));
          expect(r.value === null).toBe(!r.valid);
        },
      ),
    );
  });
});

describe('max1h', () => {
  it('requires 20 valid hours by default', () => {
    expect(max1h(day(20, 90))).toEqual({ value: 90, count: 20, valid: true, max: 90 });
    expect(max1h(day(19, 90))).toEqual({ value: null, count: 19, valid: false, max: 90 });
  });

  it('is configurable: minCount and an exceedance exception', () => {
    expect(max1h(day(10, 90), { minCount: 10 }).valid).toBe(true);
    expect(max1h(day(10, 250), { limit: 200 })).toMatchObject({ value: 250, valid: true });
    expect(max1h(day(10, 150), { limit: 200 }).valid).toBe(false);
  });
});
