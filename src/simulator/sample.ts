// One measured sample of a device, as the value models produce it and the packet builder and
// the hourly aggregator consume it (codes and suffixes of HJ 212-2017 Table 4 / Table B.2).

/** How an hourly value is built from the samples of the hour. */
export type Aggregation = 'mean' | 'sum';

/** One numeric value of a pollutant/parameter code, e.g. a21026 `Avg`. */
export interface SampleValue {
  /** CP suffix: `Rtd`, `Avg`, `ZsAvg`, `Cou`, … */
  readonly suffix: string;
  readonly value: number;
  /** Decimal places on the wire (HJ 212-2017 Table B.2 data types, e.g. N5.2 → 2). */
  readonly decimals: number;
  /** How the hourly packet combines this value over the hour. */
  readonly agg: Aggregation;
}

/** Values and data flag of one code (HJ 212-2017 Table 8 flag: N, C, M, D, …). */
export interface SampleItem {
  readonly code: string;
  readonly values: readonly SampleValue[];
  readonly flag: string;
}

/** Number of numeric values (data points) in a list of items. */
export function countPoints(items: readonly SampleItem[]): number {
  let n = 0;
  for (const it of items) n += it.values.length;
  return n;
}

/** A data flag: mostly N (normal), sometimes calibration C, maintenance M or fault D. */
export function drawFlag(r: number): string {
  if (r < 0.003) return 'D';
  if (r < 0.005) return 'C';
  if (r < 0.007) return 'M';
  return 'N';
}
