/** The time seam: services ask a Clock for "now" so that tests can fix it. */
export interface Clock {
  /** Current instant as UTC epoch milliseconds. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock stopped at `t` (tests). */
export function fixedClock(t: number): Clock {
  return { now: () => t };
}
