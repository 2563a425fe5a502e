import { describe, expect, it } from 'vitest';
import { newBucket, takeToken } from './rate-limiter.ts';

describe('per-device token bucket', () => {
  it('allows the burst, then the rate', () => {
    const limit = { perSecond: 10, burst: 3 };
    const b = newBucket(limit, 0);
    expect([1, 2, 3, 4].map(() => takeToken(b, limit, 0))).toEqual([true, true, true, false]);
    expect(takeToken(b, limit, 50)).toBe(false); // half a token
    expect(takeToken(b, limit, 100)).toBe(true); // one token after 100 ms at 10/s
    expect(takeToken(b, limit, 10_000)).toBe(true);
    expect(b.tokens).toBeLessThanOrEqual(3);
  });
  it('is off when perSecond is 0', () => {
    const limit = { perSecond: 0, burst: 1 };
    const b = newBucket(limit, 0);
    for (let i = 0; i < 100; i++) expect(takeToken(b, limit, 0)).toBe(true);
  });
});
