// Percentile of HJ 663-2013 (docs/standards/assessment.md §3.3): sort ascending X(1) ≤ … ≤ X(n);
// k = 1 + (n − 1)·p; s = integer part of k; m_p = X(s) + (X(s+1) − X(s))·(k − s); s = n → X(n).
// (Equals Excel PERCENTILE.INC and numpy's default.) k is computed exactly from the decimal
// value of p, so an integral k picks the sorted element itself.
import { decimalToNumber, pow10, toExactDecimal } from '../decimal.ts';

/** The HJ 663 p-th percentile (p in [0, 1], e.g. 0.95) of a non-empty list of values. */
export function percentile(values: ReadonlyArray<number>, p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty list: no valid values');
  if (!Number.isFinite(p) || p < 0 || p > 1) {
    throw new RangeError(`percentile p must be in [0, 1] (e.g. 0.95), got ${p}`);
  }
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`percentile values must be finite, got ${v}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  // k − 1 = (n − 1)·p exactly: p = pc / 10^ps.
  const { coefficient: pc, scale: ps } = toExactDecimal(p);
  const den = pow10(ps);
  const offset = BigInt(n - 1) * pc;
  const s = Number(offset / den) + 1; // integer part of k (1-based)
  const rest = offset % den; // (k − s)·den
  const xs = sorted[s - 1] as number;
  if (s >= n || rest === 0n) return xs;
  const next = sorted[s] as number;
  const m = xs + (next - xs) * decimalToNumber(rest, ps);
  return Math.min(Math.max(m, xs), next); // guard against a 1-ulp overshoot
}
