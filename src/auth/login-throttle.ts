/**
 * Sign-in limits (pure): after `max` failed sign-ins within a sliding window, for one user name or
 * one client address, sign-in is refused — even with the right password — until enough of those
 * failures have left the window. Refused attempts are not counted, so a blocked key stays blocked
 * for at most one window after its last real failure.
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
