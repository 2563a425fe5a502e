/**
 * Sampling of rejected traffic (pure, time passed in): decides whether a copy of a rejected frame
 * is kept (a raw-archive line, a quarantine row). Each remote address may keep `perAddressPerMinute`
 * copies per minute and all addresses together `perSecond` per second; the rest are only counted.
 * A flood therefore costs at most `perSecond` copies per second however many MNs or addresses it
 * uses, while a single misconfigured logger still leaves enough bytes to diagnose it. Memory is
 * bounded: at most `maxAddresses` addresses are tracked per minute, later ones share one count.
 */

/** Sampling limits. */
export interface SampleLimits {
  readonly perAddressPerMinute: number;
  readonly perSecond: number;
}

const SHARED = '*';

/** Per-address and global fixed-window counters. */
export class RejectSampler {
  /** Copies refused by sampling. */
  sampledOut = 0;
  private minute = -1;
  private second = -1;
  private inSecond = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly limits: SampleLimits,
    private readonly maxAddresses = 10_000,
  ) {}

  /** True when a copy of a rejected frame from `address` may be kept now. */
  take(address: string, now: number): boolean {
    const m = Math.floor(now / 60_000);
    if (m !== this.minute) {
      this.minute = m;
      this.byAddress.clear();
    }
    const s = Math.floor(now / 1000);
    if (s !== this.second) {
      this.second = s;
      this.inSecond = 0;
    }
    const key =
      this.byAddress.has(address) || this.byAddress.size < this.maxAddresses ? address : SHARED;
    const n = this.byAddress.get(key) ?? 0;
    if (n >= this.limits.perAddressPerMinute || this.inSecond >= this.limits.perSecond) {
      this.sampledOut++;
      return false;
    }
    this.byAddress.set(key, n + 1);
    this.inSecond++;
    return true;
  }
}
