import { describe, expect, it } from 'vitest';
import {
  delayAfter,
  growingDelayVerdict,
  throttleVerdict,
  worstVerdict,
} from './login-throttle.ts';

const W = 15 * 60_000;

describe('sign-in throttle', () => {
  it('allows fewer than max failures in the window', () => {
    expect(throttleVerdict([1, 2, 3, 4], 5, W, 10)).toEqual({ blocked: false });
  });

  it('blocks at max failures until the oldest counting one leaves the window', () => {
    const t = [1000, 2000, 3000, 4000, 5000];
    expect(throttleVerdict(t, 5, W, 6000)).toEqual({
      blocked: true,
      retryAfterMs: 1000 + W - 6000,
    });
    expect(throttleVerdict(t, 5, W, 1000 + W)).toEqual({ blocked: false });
  });

  it('with more failures than max, waits for enough of them to expire', () => {
    const t = [0, 100, 200, 300, 400, 500, 600];
    // 7 failures, max 5: three must leave, the third at 200 + W.
    expect(throttleVerdict(t, 5, W, 1000)).toEqual({ blocked: true, retryAfterMs: 200 + W - 1000 });
  });

  it('ignores failures outside the window and in the future', () => {
    expect(throttleVerdict([0, 1, 2, 3, 4], 5, W, W + 10)).toEqual({ blocked: false });
    expect(throttleVerdict([1, 2, 3, 4, 99_999_999], 5, W, 10)).toEqual({ blocked: false });
  });

  it('combines two verdicts by the longer wait', () => {
    const a = { blocked: true as const, retryAfterMs: 10 };
    const b = { blocked: true as const, retryAfterMs: 20 };
    expect(worstVerdict(a, b)).toEqual(b);
    expect(worstVerdict({ blocked: false }, a)).toEqual(a);
    expect(worstVerdict({ blocked: false }, { blocked: false })).toEqual({ blocked: false });
  });

  const RULE = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 10_000, memoryMs: W };

  it('lets the free failures pass, then doubles the wait up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100].map((n) => delayAfter(n, RULE))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('blocks until the last failure plus its delay, and forgets failures older than the memory', () => {
    const t = [100, 200, 300, 400];
    expect(growingDelayVerdict(t.slice(0, 2), RULE, 500)).toEqual({ blocked: false });
    expect(growingDelayVerdict(t, RULE, 500)).toEqual({ blocked: true, retryAfterMs: 1900 });
    expect(growingDelayVerdict(t, RULE, 2400)).toEqual({ blocked: false });
    expect(growingDelayVerdict(t, RULE, 100 + W)).toEqual({ blocked: false });
  });
});
