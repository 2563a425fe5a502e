/**
 * Refusals logged as counts per interval instead of a line per event: a flood of unknown MNs,
 * bad frames or idle sockets costs one log line per interval, whatever its rate and however many
 * distinct MNs or addresses it uses. Each line gives the counts by kind and the busiest remote
 * addresses; memory is bounded by `maxAddresses` distinct addresses per interval (the rest are
 * counted under `other`).
 */
import type { IngestLog } from './ingest-log.ts';

const TOP_ADDRESSES = 5;

/** Counts of one interval. */
export interface RefusalSummary {
  from: number;
  to: number;
  total: number;
  byKind: Record<string, number>;
  addresses: number;
  top: Array<{ address: string; count: number }>;
}

/** Aggregates refusals and logs them once per interval. */
export class RefusalLog {
  private byKind = new Map<string, number>();
  private byAddress = new Map<string, number>();
  private other = 0;
  private total = 0;
  private since: number;
  /** Log lines written (for the status and the tests). */
  lines = 0;

  constructor(
    private readonly log: IngestLog,
    private readonly message: string,
    now: number,
    private readonly maxAddresses = 10_000,
  ) {
    this.since = now;
  }

  /** Counts one refusal of `kind` from `address`. */
  note(kind: string, address: string): void {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    const n = this.byAddress.get(address);
    if (n !== undefined) this.byAddress.set(address, n + 1);
    else if (this.byAddress.size < this.maxAddresses) this.byAddress.set(address, 1);
    else this.other++;
  }

  /** Writes one warn line with the counts since the last flush (nothing when there were none). */
  flush(now: number): RefusalSummary | null {
    if (this.total === 0) {
      this.since = now;
      return null;
    }
    const top = [...this.byAddress]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_ADDRESSES)
      .map(([address, count]) => ({ address, count }));
    const summary: RefusalSummary = {
      from: this.since,
      to: now,
      total: this.total,
      byKind: Object.fromEntries(this.byKind),
      addresses: this.byAddress.size + (this.other > 0 ? 1 : 0),
      top,
    };
    this.log.warn(summary, this.message);
    this.lines++;
    this.byKind = new Map();
    this.byAddress = new Map();
    this.other = 0;
    this.total = 0;
    this.since = now;
    return summary;
  }
}
