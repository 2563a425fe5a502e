/**
 * A small Prometheus registry (text exposition format 0.0.4): counters, gauges read at scrape
 * time, and histograms with fixed buckets. Enough for /metrics of each role without a library.
 */

type Kind = 'counter' | 'gauge' | 'histogram';

interface Family {
  readonly name: string;
  readonly help: string;
  readonly kind: Kind;
  render(): string[];
}

/** A monotonically increasing count. */
export class Counter {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

/** A distribution over fixed upper bounds. */
export class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    for (let i = 0; i < this.bounds.length; i++) if (v <= this.bounds[i]!) this.counts[i]!++;
  }
}

/** The metrics of one process. */
export class Metrics {
  private readonly families: Family[] = [];
  private readonly included: Metrics[] = [];

  /**
   * Renders `other`'s metrics after these (`serve --role all`: the ingest side's next to the
   * writer's); a name both have is rendered once, from these.
   */
  include(other: Metrics): void {
    this.included.push(other);
  }

  counter(name: string, help: string): Counter {
    const c = new Counter();
    this.families.push({ name, help, kind: 'counter', render: () => [`${name} ${c.value}`] });
    return c;
  }

  /** A value read at scrape time (kind `counter` for totals kept elsewhere). */
  gauge(
    name: string,
    help: string,
    read: () => number | null,
    kind: 'gauge' | 'counter' = 'gauge',
  ): void {
    this.families.push({
      name,
      help,
      kind,
      render: () => {
        const v = read();
        return v === null || !Number.isFinite(v) ? [] : [`${name} ${v}`];
      },
    });
  }

  histogram(name: string, help: string, bounds: readonly number[]): Histogram {
    const h = new Histogram(bounds);
    this.families.push({
      name,
      help,
      kind: 'histogram',
      render: () => [
        ...h.bounds.map((b, i) => `${name}_bucket{le="${b}"} ${h.counts[i]}`),
        `${name}_bucket{le="+Inf"} ${h.count}`,
        `${name}_sum ${h.sum}`,
        `${name}_count ${h.count}`,
      ],
    });
    return h;
  }

  /** The exposition text. */
  render(): string {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const f of [...this.families, ...this.included.flatMap((m) => m.families)]) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.kind}`, ...f.render());
    }
    return `${out.join('\n')}\n`;
  }
}

/** Seconds buckets for latencies (1 ms … 30 s). */
export const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Size buckets for batches. */
export const SIZE_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
