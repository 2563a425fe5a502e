import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ceilIaqi, roundConcentration, roundHalfEven } from './rounding.ts';
import { toExactDecimal } from './decimal.ts';

describe('roundHalfEven (GB/T 8170-2008 §3.2)', () => {
  it.each([
    [2.675, 2, 2.68], // stored as 2.67499999…; the decimal 2.675 rounds its 5 to the even 8
    [0.25, 1, 0.2],
    [0.35, 1, 0.4],
    [1.05, 1, 1.0],
    [1.15, 1, 1.2],
    [12.251, 1, 12.3], // more than half: up
    [12.249, 1, 12.2],
    [2.5, 0, 2],
    [3.5, 0, 4],
    [0.5, 0, 0],
    [35.5, 0, 36],
    [34.5, 0, 34],
    [-2.5, 0, -2], // negative numbers: round the absolute value (§3.2.5)
    [-0.35, 1, -0.4],
    [1250, -2, 1200],
    [1350, -2, 1400],
    [7, 2, 7],
    [0, 3, 0],
  ])('%d to %d dp → %d', (x, dp, want) => {
    expect(roundHalfEven(x, dp)).toBe(want);
  });

  it('is robust to accumulated binary error (values that are halves in decimal)', () => {
    expect(1.015 * 100).not.toBe(101.5); // 101.49999999999999 in binary
    expect(roundHalfEven(1.015 * 100, 0)).toBe(102);
    expect(Math.round(0.285 * 100)).toBe(28); // naive rounding lands on 28 by luck…
    expect(roundHalfEven(0.285 * 100, 0)).toBe(28); // …half-even gives 28 (8 is even)
    expect(roundHalfEven(1.005 * 1000, 0)).toBe(1005);
    expect(roundHalfEven(1.255 * 10, 1)).toBe(12.6);
    expect(roundHalfEven(0.1 + 0.2, 1)).toBe(0.3);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfEven(-0.4, 0), 0)).toBe(true);
  });

  it('rejects non-integer decimals and passes non-finite values through', () => {
    expect(() => roundHalfEven(1, 0.5)).toThrow(RangeError);
    expect(roundHalfEven(Number.NaN, 1)).toBeNaN();
    expect(roundHalfEven(Infinity, 1)).toBe(Infinity);
  });

  it('property: result is within half a unit and lands on the grid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 4 }),
        (n, dp) => {
          const x = n / 1000;
          const r = roundHalfEven(x, dp);
          expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -dp + 1e-9);
          expect(roundHalfEven(r, dp)).toBe(r);
        },
      ),
    );
  });

  it('property: exact halves go to the even neighbour, both signs, also at 1 dp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (k) => {
        const even = k % 2 === 0 ? k : k + 1;
        expect(roundHalfEven(k + 0.5, 0)).toBe(even);
        expect(roundHalfEven(-(k + 0.5), 0)).toBe(even === 0 ? 0 : -even);
        // (2k + 1)/20 is the decimal k.5/10, usually not exact in binary
        expect(roundHalfEven((2 * k + 1) / 20, 1)).toBe(even / 10);
      }),
    );
  });
});

describe('roundConcentration', () => {
  it('rounds µg/m³ to integers and CO to 1 dp', () => {
    expect(roundConcentration('PM2.5', 35.5)).toBe(36);
    expect(roundConcentration('PM2.5', 34.5)).toBe(34);
    expect(roundConcentration('O3', 160.4)).toBe(160);
    expect(roundConcentration('CO', 1.25)).toBe(1.2);
    expect(roundConcentration('CO', 1.35)).toBe(1.4);
  });
});

describe('ceilIaqi', () => {
  it('ceils without binary noise', () => {
    expect(ceilIaqi(62.5)).toBe(63);
    expect(ceilIaqi(100)).toBe(100);
    expect(ceilIaqi(100.00000000000001)).toBe(100);
    expect(ceilIaqi(106.25)).toBe(107);
    expect(ceilIaqi(0)).toBe(0);
    expect(ceilIaqi(0.001)).toBe(1);
  });
});

describe('toExactDecimal', () => {
  it('reads doubles as their 15-significant-digit decimals', () => {
    expect(toExactDecimal(2.675)).toEqual({ coefficient: 2675n, scale: 3 });
    expect(toExactDecimal(1e-7)).toEqual({ coefficient: 1n, scale: 7 });
    expect(toExactDecimal(1.5e21)).toEqual({ coefficient: 1500000000000000000000n, scale: 0 });
    expect(toExactDecimal(-0.001)).toEqual({ coefficient: -1n, scale: 3 });
    expect(toExactDecimal(0.1 + 0.2)).toEqual({ coefficient: 3n, scale: 1 });
  });
});
