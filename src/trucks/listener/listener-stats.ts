/**
 * Counters of the terminal listener and the last rejections (bounded ring), so that every
 * refusal has a reason someone can find without one log line per frame.
 */

/** One rejected frame, as kept in the ring. */
export interface RejectionEntry {
  at: number;
  peer: string;
  reason: string;
  detail: string;
  vin: string | null;
  command: number | null;
  /** The frame's first bytes as hex (at most 256 bytes). */
  raw: string;
}

const RING = 200;
const RAW_BYTES = 256;

/** Counters and the rejection ring. */
export class ListenerStats {
  framesAccepted = 0;
  connectionsRefused = 0;
  readonly rejections: Record<string, number> = {};
  private readonly ring: RejectionEntry[] = [];
  /** Rejections since the last summary line. */
  private sinceSummary = 0;

  /** Counts a rejection and keeps it in the ring. */
  reject(e: Omit<RejectionEntry, 'raw'> & { raw: Buffer }): void {
    this.rejections[e.reason] = (this.rejections[e.reason] ?? 0) + 1;
    this.sinceSummary++;
    this.ring.push({ ...e, raw: e.raw.subarray(0, RAW_BYTES).toString('hex').toUpperCase() });
    if (this.ring.length > RING) this.ring.shift();
  }

  /** The last rejections, newest first. */
  recent(limit = 50): RejectionEntry[] {
    return this.ring.slice(-limit).reverse();
  }

  /** Rejections since the previous call (for a periodic summary line), then resets. */
  takeSinceSummary(): number {
    const n = this.sinceSummary;
    this.sinceSummary = 0;
    return n;
  }
}
