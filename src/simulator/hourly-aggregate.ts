// Hourly values from the samples of one hour, as a data logger builds its 2061 packet:
// means (or sums for -Cou) of the underlying values, and the hour's flag by the rule of
// HJ 212-2017 notes to Tables C.16–C.18 (docs/standards/hj212.md §1.11): normal (N) when at least
// 75 % of the underlying values are normal, otherwise instrument fault (D).

import type { Aggregation, SampleItem, SampleValue } from './sample.ts';

interface Acc {
  suffix: string;
  decimals: number;
  agg: Aggregation;
  sum: number;
  n: number;
}

interface CodeAcc {
  code: string;
  values: Acc[];
  normal: number;
  total: number;
}

/** Share of normal underlying values an aggregate needs to be flagged N (§1.11). */
export const NORMAL_SHARE = 0.75;

/** Suffix of the hourly value built from an underlying suffix (real-time Rtd → hourly Avg). */
export function hourlySuffix(suffix: string): string {
  return suffix === 'Rtd' ? 'Avg' : suffix;
}

/** Accumulates the samples of one hour (or any interval) and yields the aggregate items. */
export class HourlyAggregate {
  private readonly codes = new Map<string, CodeAcc>();
  private count = 0;

  /** Number of samples added. */
  get samples(): number {
    return this.count;
  }

  /** Adds one sample's items. */
  add(items: readonly SampleItem[]): void {
    this.count++;
    for (const it of items) {
      let c = this.codes.get(it.code);
      if (!c) {
        c = { code: it.code, values: [], normal: 0, total: 0 };
        this.codes.set(it.code, c);
      }
      c.total++;
      if (it.flag === 'N') c.normal++;
      for (const v of it.values) {
        let a = c.values.find((x) => x.suffix === v.suffix);
        if (!a) {
          a = { suffix: v.suffix, decimals: v.decimals, agg: v.agg, sum: 0, n: 0 };
          c.values.push(a);
        }
        a.sum += v.value;
        a.n++;
      }
    }
  }

  /** The aggregate items (empty when nothing was added). */
  result(): SampleItem[] {
    const out: SampleItem[] = [];
    for (const c of this.codes.values()) {
      const values: SampleValue[] = c.values.map((a) => {
        const f = 10 ** a.decimals;
        const v = a.agg === 'sum' ? a.sum : a.sum / a.n;
        return {
          suffix: hourlySuffix(a.suffix),
          value: Math.round(v * f) / f,
          decimals: a.decimals,
          agg: a.agg,
        };
      });
      out.push({ code: c.code, values, flag: c.normal >= NORMAL_SHARE * c.total ? 'N' : 'D' });
    }
    return out;
  }
}
