/**
 * The in-memory side of the public form's abuse limits: attempts per address (accepted or not)
 * in a sliding window, and the challenge nonces already used. Both are bounded: the oldest
 * addresses are forgotten past `maxTracked`, and a nonce is forgotten once its question expired.
 * What was accepted is also counted in the store (report-service.ts), which survives restarts.
 */

/** Attempts per address and used challenge nonces. */
export class AbuseGuard {
  private readonly attempts = new Map<string, number[]>();
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly limits: {
      maxAttemptsPerIp: number;
      windowMs: number;
      maxTrackedAddresses: number;
    },
  ) {}

  /** Counts an attempt; false when the address is over its limit (the attempt is not counted). */
  attempt(ip: string, now: number): boolean {
    const since = now - this.limits.windowMs;
    const times = (this.attempts.get(ip) ?? []).filter((t) => t > since);
    if (times.length >= this.limits.maxAttemptsPerIp) {
      this.attempts.set(ip, times);
      return false;
    }
    times.push(now);
    this.attempts.delete(ip);
    this.attempts.set(ip, times);
    while (this.attempts.size > this.limits.maxTrackedAddresses) {
      const oldest = this.attempts.keys().next().value as string;
      this.attempts.delete(oldest);
    }
    return true;
  }

  /** Marks a nonce used; false when it was used already. */
  useNonce(nonce: string, expiresAt: number, now: number): boolean {
    if (this.nonces.has(nonce)) return false;
    if (this.nonces.size >= this.limits.maxTrackedAddresses * 4) {
      for (const [n, exp] of this.nonces) if (exp < now) this.nonces.delete(n);
    }
    if (this.nonces.size >= this.limits.maxTrackedAddresses * 4) {
      const oldest = this.nonces.keys().next().value as string;
      this.nonces.delete(oldest);
    }
    this.nonces.set(nonce, expiresAt);
    return true;
  }
}
