import { describe, expect, it } from 'vitest';
import { ClockWatch, observedSkewMs } from './clock-skew.ts';

const H = 3_600_000;

describe('clock skew', () => {
  it('reads the skew of real-time data and only a clock ahead from period data', () => {
    expect(observedSkewMs('2011', 1000 + 25 * H, 1000)).toBe(25 * H);
    expect(observedSkewMs('2011', 1000 - 90_000, 1000)).toBe(-90_000);
    expect(observedSkewMs('2061', 1000 - H, 1000)).toBeNull();
    expect(observedSkewMs('2061', 1000 + 26 * H, 1000)).toBe(26 * H);
    expect(observedSkewMs('2011', Number.NaN, 1000)).toBeNull();
  });

  it('keeps the latest observation and says when it exceeds a limit', () => {
    const w = new ClockWatch();
    expect(w.exceeds(300_000)).toBe(false);
    w.observe('2011', 25 * H, 0);
    expect(w.exceeds(300_000)).toBe(true);
    w.observe('2061', 5 * H - H, 5 * H);
    expect(w.skewMs).toBe(0);
    expect(w.exceeds(300_000)).toBe(false);
  });
});
