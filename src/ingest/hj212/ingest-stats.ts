/**
 * Counters of the ingest server for the live status: totals, per-minute packets / values /
 * rejections by reason (last 60 minutes), ack latency samples, and the last rejected frames
 * (bounded, and sampled during floods so that garbage cannot cost more than a few copies).
 */
import type { IngestRejectReason } from './ingest-reasons.ts';

const MINUTE_MS = 60_000;
const MINUTES = 60;
const LATENCY_SAMPLES = 8192;
const REJECTIONS_KEPT = 500;
const REJECTIONS_PER_SECOND = 50;

/** Counts of one minute. */
export interface MinuteCounts {
  /** Start of the minute, UTC epoch ms. */
  minute: number;
  packets: number;
  values: number;
  acks: number;
  rejected: Partial<Record<IngestRejectReason, number>>;
}

/** A rejected frame or packet as the 设备 page lists it. */
export interface RejectionRecord {
  at: number;
  peer: string;
  mn: string | null;
  reason: IngestRejectReason;
  detail: string;
  /** The bytes, escaped (raw-escape.ts), at most 600 characters. */
  raw: string;
}

/** Counters, updated on the hot path with a time passed in. */
export class IngestStats {
  packets = 0;
  values = 0;
  acks = 0;
  acksDropped = 0;
  rejected = 0;
  quarantined = 0;
  /** Quarantine rows deleted by its row cap and retention, and rows left at the last check. */
  quarantinePruned = 0;
  quarantineRows = 0;
  /** Connections closed at once because the maximum was reached by authenticated ones. */
  connectionsRefused = 0;
  /** Unauthenticated connections closed to make room: per-address bound, total bound. */
  evictedPerAddress = 0;
  evictedTotal = 0;
  /** Connections closed for sending no registered device's frame within the auth timeout. */
  authTimeouts = 0;
  readonly rejectedBy: Partial<Record<IngestRejectReason, number>> = {};
  private readonly minutes: MinuteCounts[] = [];
  private current: MinuteCounts = { minute: -1, packets: 0, values: 0, acks: 0, rejected: {} };
  private readonly latency = new Float64Array(LATENCY_SAMPLES);
  private latencyN = 0;
  private readonly recent: RejectionRecord[] = [];
  private recentNext = 0;
  private sampleSecond = -1;
  private sampleCount = 0;
  private readonly warnedAt = new Map<string, number>();

  private minute(now: number): MinuteCounts {
    const m = now - (now % MINUTE_MS);
    if (this.current.minute !== m) {
      this.current = { minute: m, packets: 0, values: 0, acks: 0, rejected: {} };
      this.minutes.push(this.current);
      if (this.minutes.length > MINUTES) this.minutes.shift();
    }
    return this.current;
  }

  /** An accepted packet with `values` values. */
  accepted(now: number, values: number): void {
    this.packets++;
    this.values += values;
    const m = this.minute(now);
    m.packets++;
    m.values += values;
  }

  /** A rejection; returns true when the caller should keep a copy (sampling). */
  rejection(now: number, reason: IngestRejectReason): boolean {
    this.rejected++;
    this.rejectedBy[reason] = (this.rejectedBy[reason] ?? 0) + 1;
    const m = this.minute(now);
    m.rejected[reason] = (m.rejected[reason] ?? 0) + 1;
    const second = Math.floor(now / 1000);
    if (second !== this.sampleSecond) {
      this.sampleSecond = second;
      this.sampleCount = 0;
    }
    return this.sampleCount++ < REJECTIONS_PER_SECOND;
  }

  /**
   * True when a rejection with this key (reason and MN) should be logged at warn level: once a
   * minute per key, so a misconfigured logger that reconnects for every packet cannot flood the
   * log (the rest go to debug).
   */
  shouldWarn(key: string, now: number): boolean {
    const last = this.warnedAt.get(key);
    if (last !== undefined && now - last < MINUTE_MS) return false;
    if (this.warnedAt.size >= 10_000) this.warnedAt.clear();
    this.warnedAt.set(key, now);
    return true;
  }

  /** Keeps a rejected frame for the API. */
  keepRejection(r: RejectionRecord): void {
    this.recent[this.recentNext % REJECTIONS_KEPT] = r;
    this.recentNext++;
  }

  /** Acks written after a commit, with their latency from receipt. */
  acked(now: number, receivedAt: number): void {
    this.acks++;
    this.minute(now).acks++;
    this.latency[this.latencyN++ % LATENCY_SAMPLES] = now - receivedAt;
  }

  /** Per-minute counts, oldest first, for the last `n` minutes. */
  perMinute(n = 15): MinuteCounts[] {
    return this.minutes.slice(-n);
  }

  /** Ack latency percentiles over the last samples (ms). */
  ackLatency(): { samples: number; p50: number | null; p99: number | null; max: number | null } {
    const n = Math.min(this.latencyN, LATENCY_SAMPLES);
    if (n === 0) return { samples: 0, p50: null, p99: null, max: null };
    const s = this.latency.slice(0, n).sort();
    const at = (q: number) => s[Math.min(n - 1, Math.floor(q * n))]!;
    return { samples: n, p50: at(0.5), p99: at(0.99), max: s[n - 1]! };
  }

  /** Kept rejections, newest first, optionally filtered. */
  rejections(filter: { mn?: string; reason?: string; limit?: number } = {}): RejectionRecord[] {
    const out: RejectionRecord[] = [];
    const n = Math.min(this.recentNext, REJECTIONS_KEPT);
    const limit = Math.min(filter.limit ?? 100, REJECTIONS_KEPT);
    for (let k = 1; k <= n && out.length < limit; k++) {
      const r = this.recent[(this.recentNext - k) % REJECTIONS_KEPT]!;
      if (filter.mn !== undefined && r.mn !== filter.mn) continue;
      if (filter.reason !== undefined && r.reason !== filter.reason) continue;
      out.push(r);
    }
    return out;
  }
}
