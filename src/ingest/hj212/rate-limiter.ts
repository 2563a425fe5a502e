/**
 * Per-device rate limit (pure): a token bucket refilled at `perSecond` tokens per second up to
 * `burst`. One token per packet; a packet without a token is rejected as `rate_limited`.
 */

/** Rate-limit settings; perSecond 0 switches the limit off. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** Bucket state, kept on the device entry. */
export interface TokenBucket {
  tokens: number;
  at: number;
}

/** A full bucket at time `now`. */
export function newBucket(limit: RateLimit, now: number): TokenBucket {
  return { tokens: limit.burst, at: now };
}

/** Takes a token if there is one; false when the packet exceeds the limit. */
export function takeToken(b: TokenBucket, limit: RateLimit, now: number): boolean {
  if (limit.perSecond <= 0) return true;
  if (now > b.at) {
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) * limit.perSecond) / 1000);
    b.at = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}
