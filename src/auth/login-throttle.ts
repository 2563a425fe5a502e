/**
 * Sign-in limits (pure). Two kinds of rule, each deciding from the failure times of one key:
 * - a count in a sliding window (`throttleVerdict`): after `max` failures within the window the key
 *   is refused — even with the right password — until enough of them have left the window;
 * - growing delays (`growingDelayVerdict`): the first failures are free, then each further failure
 *   doubles the wait before the next attempt, up to a ceiling.
 * Refused attempts are not counted, so a blocked key stays blocked for at most one window (or one
 * delay) after its last real failure.
 */

/** The verdict for one key. */
export type ThrottleVerdict = { blocked: false } | { blocked: true; retryAfterMs: number };

/** Decides from the failure times of one key (any order), the limit, the window and now. */
export function throttleVerdict(
  failureTimes: readonly number[],
  max: number,
  windowMs: number,
  now: number,
): ThrottleVerdict {
  const recent = failureTimes.filter((t) => t > now - windowMs && t <= now).sort((a, b) => a - b);
  if (recent.length < max) return { blocked: false };
  // Once the oldest (n − max + 1) failures leave the window, n − (n − max + 1) = max − 1 remain.
  const freeAt = recent[recent.length - max]! + windowMs;
  return { blocked: true, retryAfterMs: Math.max(1, freeAt - now) };
}

/** The later of two verdicts: blocked if either is, for the longer of the two waits. */
export function worstVerdict(a: ThrottleVerdict, b: ThrottleVerdict): ThrottleVerdict {
  if (!a.blocked) return b;
  if (!b.blocked) return a;
  return { blocked: true, retryAfterMs: Math.max(a.retryAfterMs, b.retryAfterMs) };
}

/** Growing delays: how many failures are free, the first delay, its ceiling and the memory. */
export interface DelayRule {
  /** Failures (within `memoryMs`) before any delay. */
  readonly freeFailures: number;
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** The longest wait. */
  readonly maxDelayMs: number;
  /** How long a failure counts. */
  readonly memoryMs: number;
}

/** The wait after `failures` failures under a rule (0 while they are free). */
export function delayAfter(failures: number, rule: DelayRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 40);
  return Math.min(rule.baseDelayMs * 2 ** doublings, rule.maxDelayMs);
}

/** Decides from the failure times of one key: blocked until the last failure plus its delay. */
export function growingDelayVerdict(
  failureTimes: readonly number[],
  rule: DelayRule,
  now: number,
): ThrottleVerdict {
  const recent = failureTimes.filter((t) => t > now - rule.memoryMs && t <= now);
  const wait = delayAfter(recent.length, rule);
  if (wait === 0) return { blocked: false };
  const freeAt = Math.max(...recent) + wait;
  return freeAt > now ? { blocked: true, retryAfterMs: freeAt - now } : { blocked: false };
}
