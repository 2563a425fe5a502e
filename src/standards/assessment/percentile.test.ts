import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { percentile } from './percentile.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('percentile (HJ 663: k = 1 + (n − 1)p)', () => {
  it('reproduces the docs/standards/assessment.md §10.3 vectors', () => {
    expect(percentile(range(10), 0.9)).toBeCloseTo(9.1, 12);
    expect(percentile([2, 10, 5, 8, 2, 5, 9, 10], 0.9)).toBe(10);
    expect(percentile(range(30), 0.95)).toBeCloseTo(28.55, 12);
  });

  it('handles the ends and a single value', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
    expect(percentile([7], 0.98)).toBe(7);
  });

  it('does not reorder the input', () => {
    const v = [3, 1, 2];
    percentile(v, 0.5);
    expect(v).toEqual([3, 1, 2]);
  });

  it('throws clear errors', () => {
    expect(() => percentile([], 0.9)).toThrow(/empty/);
    expect(() => percentile([1], 90)).toThrow(/\[0, 1\]/);
    expect(() => percentile([1, Number.NaN], 0.5)).toThrow(/finite/);
  });

  const values = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), {
    minLength: 1,
    maxLength: 60,
  });
  const p = fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000);

  it('property: between min and max', () => {
    fc.assert(
      fc.property(values, p, (v, q) => {
        const r = percentile(v, q);
        expect(r).toBeGreaterThanOrEqual(Math.min(...v));
        expect(r).toBeLessThanOrEqual(Math.max(...v));
      }),
    );
  });

  it('property: monotone in p', () => {
    fc.assert(
      fc.property(values, p, p, (v, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(percentile(v, lo)).toBeLessThanOrEqual(percentile(v, hi));
      }),
    );
  });

  it('property: equals the sorted element X(k) when k is an integer', () => {
    // n − 1 divides 100, so p = t/(n − 1) is a short decimal and k = 1 + t exactly
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 5, 10, 20, 25, 50, 100).chain((m) =>
          fc.tuple(
            fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), {
              minLength: m + 1,
              maxLength: m + 1,
            }),
            fc.integer({ min: 0, max: m }),
          ),
        ),
        ([v, t]) => {
          const sorted = [...v].sort((a, b) => a - b);
          expect(percentile(v, t / (v.length - 1))).toBe(sorted[t]);
        },
      ),
    );
  });

  it('property: agrees with linear interpolation at h = (n − 1)p', () => {
    fc.assert(
      fc.property(values, p, (v, q) => {
        const s = [...v].sort((a, b) => a - b);
        const h = (s.length - 1) * q;
        const lo = Math.floor(h);
        const want =
          (s[lo] as number) +
          ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number)) * (h - lo);
        expect(percentile(v, q)).toBeCloseTo(want, 6);
      }),
    );
  });
});
