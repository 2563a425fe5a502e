/**
 * Clock skew of a data logger: how far its clock (the DataTime it stamps) is from the server's
 * arrival time. Pure rules plus a small per-device tracker.
 *
 * - CN 2011 (real-time data, HJ 212-2017 Table 9): DataTime is the sampling instant, sent at
 *   once, so DataTime − arrival is the skew (minus a transmission delay of seconds).
 * - CN 2051/2061/2031 (period data): DataTime is the start of a period that has ended before
 *   the packet is sent, so only a DataTime after arrival proves a clock ahead (a lower bound).
 * - CN 1011 answers (SystemTime, Table 9 "提取现场机时间"): SystemTime − arrival, exact.
 * The threshold above which the skew is a device problem is configuration
 * (LANTIAN_HJ212_CLOCK_SKEW_S, default 300 s — UNVERIFIED: the standard names no tolerance).
 */

/** Default skew above which a device's clock is a problem: 300 s (UNVERIFIED, configurable). */
export const DEFAULT_CLOCK_SKEW_LIMIT_MS = 300_000;

/** The skew a packet proves, or null when it proves none. */
export function observedSkewMs(cn: string, dataTimeMs: number, arrivalMs: number): number | null {
  if (!Number.isFinite(dataTimeMs)) return null;
  const skew = dataTimeMs - arrivalMs;
  if (cn === '2011' || cn === '1011') return skew;
  return skew > 0 ? skew : null;
}

/** The latest skew observed for one device. */
export class ClockWatch {
  /** DataTime − arrival of the latest observation (ms), null before any. */
  skewMs: number | null = null;
  /** When it was observed. */
  observedAt: number | null = null;

  /** Records what a packet proves; returns the skew (or null). */
  observe(cn: string, dataTimeMs: number, arrivalMs: number): number | null {
    const s = observedSkewMs(cn, dataTimeMs, arrivalMs);
    if (s === null) {
      // A period upload not ahead: the clock is at most a period behind, i.e. not ahead any more.
      if (this.skewMs !== null && this.skewMs > 0 && cn !== '2011') this.skewMs = 0;
      return null;
    }
    this.skewMs = s;
    this.observedAt = arrivalMs;
    return s;
  }

  /** True when the latest skew exceeds `limitMs` either way. */
  exceeds(limitMs: number): boolean {
    return this.skewMs !== null && Math.abs(this.skewMs) > limitMs;
  }
}
