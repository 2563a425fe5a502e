/**
 * A fixed one-minute window per key (device or remote address): the device endpoint is reachable
 * without a signed-in user, so its rate is bounded (LANTIAN_ROADSIDE_POSTS_PER_MINUTE). Memory is
 * bounded too: the window's counts are dropped when the minute turns.
 */
import { LantianError } from '../errors.ts';

/** Counts posts per key within the current minute. */
export class PostLimiter {
  private minute = -1;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Counts one post; LT_ERR_ROADSIDE_RATE_LIMITED past the limit. */
  take(key: string, now: number): void {
    const m = Math.floor(now / 60_000);
    if (m !== this.minute) {
      this.minute = m;
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n > this.perMinute)
      throw new LantianError('LT_ERR_ROADSIDE_RATE_LIMITED', `每分钟不超过 ${this.perMinute} 次`);
  }
}
