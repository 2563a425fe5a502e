// Ack latencies in a fixed log-scale histogram: bounded memory at any packet rate, mergeable
// across generator processes, percentiles within ~2 % (64 buckets per power of two).

const SUB = 64;
const MIN_MS = 0.01;
const OCTAVES = 24; // 0.01 ms … ~168 s
const BUCKETS = SUB * OCTAVES + 1;

/** Histogram of latencies in milliseconds. */
export class LatencyHistogram {
  readonly counts: Float64Array;
  private n = 0;
  private max = 0;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Float64Array(BUCKETS);
    if (counts) {
      for (let i = 0; i < BUCKETS; i++) this.counts[i] = counts[i] ?? 0;
      for (let i = 0; i < BUCKETS; i++) {
        this.n += this.counts[i]!;
        if (this.counts[i]! > 0) this.max = bucketValue(i);
      }
    }
  }

  /** Number of recorded latencies. */
  get count(): number {
    return this.n;
  }

  /** Records one latency. */
  record(ms: number): void {
    const v = ms < MIN_MS ? MIN_MS : ms;
    const i = Math.min(BUCKETS - 1, Math.floor(Math.log2(v / MIN_MS) * SUB));
    this.counts[i]!++;
    this.n++;
    if (v > this.max) this.max = v;
  }

  /** Adds another histogram's counts to this one. */
  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.n += other.n;
    this.max = Math.max(this.max, other.max);
  }

  /** The p-quantile (0–1) in ms, or NaN when empty. */
  percentile(p: number): number {
    if (this.n === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(p * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(bucketValue(i), this.max);
    }
    return this.max;
  }
}

// Upper edge of bucket i.
function bucketValue(i: number): number {
  return MIN_MS * 2 ** ((i + 1) / SUB);
}
