/**
 * A fixed-window request counter per key (a camera, an address), in memory: at most `limit`
 * requests per key per window. The map is bounded: when it holds `maxKeys` keys, windows that
 * have ended are dropped, and if none has, the oldest key goes.
 */
export class RateWindow {
  private readonly counts = new Map<string, { start: number; n: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one request; false when the key is over its limit in this window. */
  take(key: string, now: number): boolean {
    let c = this.counts.get(key);
    if (!c || now - c.start >= this.windowMs) {
      if (!c && this.counts.size >= this.maxKeys) this.prune(now);
      c = { start: now, n: 0 };
      this.counts.set(key, c);
    }
    c.n++;
    return c.n <= this.limit;
  }

  private prune(now: number): void {
    for (const [k, v] of this.counts) if (now - v.start >= this.windowMs) this.counts.delete(k);
    if (this.counts.size >= this.maxKeys) {
      const first = this.counts.keys().next();
      if (!first.done) this.counts.delete(first.value);
    }
  }
}
