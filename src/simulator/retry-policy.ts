// Timeout and retransmission of an upload (HJ 212-2017 §6.4, Table 1: OverTime, ReCount;
// defaults 10 s / 3 for GPRS, CDMA, LTE links), and the reconnect back-off of a data logger.

/** OverTime and ReCount of HJ 212-2017 (settable by the platform with CN 1000). */
export interface RetryPolicy {
  /** Seconds to wait for the answer before sending again (OverTime, 1–99 s in the standard). */
  readonly overTimeMs: number;
  /** Number of retransmissions after the first attempt (ReCount, 1–99). */
  readonly reCount: number;
}

/** HJ 212-2017 Table 1 defaults for wireless links: 10 s, 3 retransmissions. */
export const DEFAULT_RETRY: RetryPolicy = { overTimeMs: 10_000, reCount: 3 };

/** What to do when an attempt's OverTime has passed without an answer. */
export type TimeoutAction = 'retransmit' | 'fail';

/**
 * After `attempts` transmissions (the first included) without an answer: send again while
 * fewer than 1 + ReCount transmissions were made, otherwise the upload has failed.
 */
export function onTimeout(attempts: number, policy: RetryPolicy): TimeoutAction {
  return attempts <= policy.reCount ? 'retransmit' : 'fail';
}

/** Longest time an upload can wait for its answer: (1 + ReCount) × OverTime. */
export function giveUpAfterMs(policy: RetryPolicy): number {
  return (1 + policy.reCount) * policy.overTimeMs;
}

/** Reconnect back-off settings. */
export interface BackoffPolicy {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Default back-off: 100 ms doubling to 2 s (a restarted server is found quickly). */
export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 100, maxMs: 2_000 };

/**
 * Delay before reconnect attempt `failures` (0 = first retry): exponential, capped, with ±25 %
 * jitter from `unit` (a uniform [0,1) draw) so a fleet does not reconnect in lockstep.
 */
export function reconnectDelayMs(failures: number, policy: BackoffPolicy, unit: number): number {
  const base = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(failures, 20));
  return Math.round(base * (0.75 + 0.5 * unit));
}

/** Interval of the timeout sweep: a fifth of OverTime, between 5 ms and 200 ms. */
export function sweepIntervalMs(policy: RetryPolicy): number {
  return Math.min(200, Math.max(5, Math.floor(policy.overTimeMs / 5)));
}
