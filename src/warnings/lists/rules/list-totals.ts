/**
 * Totals of a list against the reduction target of its level, pure. The 10 / 20 / 30 % targets
 * of SO2, NOx, PM and VOCs (standards-warnings-grading.md §1.1, §6 `reductionTargets`,
 * UNVERIFIED origin → configuration) are counted here against the sum of the baselines of the
 * enterprises the registry holds in the region, the only emission total Lantian has.
 */
import {
  REDUCTION_POLLUTANTS,
  type ItemBaseline,
  type ItemExpected,
  type ReductionPollutant,
} from '../../measures.ts';

/** One pollutant's total. */
export interface PollutantTotal {
  baseline: number;
  expected: number;
  targetPct: number;
  achievedPct: number;
}

/** Per-pollutant totals (emergency_lists.totals, with the edition of the arithmetic). */
export type ListTotals = Partial<Record<ReductionPollutant, PollutantTotal>>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Sums the items' baselines and expected reductions; pollutants without a baseline are left out. */
export function listTotals(
  items: ReadonlyArray<{ baseline: ItemBaseline; expected: ItemExpected }>,
  targetPct: number,
): ListTotals {
  const out: ListTotals = {};
  for (const p of REDUCTION_POLLUTANTS) {
    let baseline = 0;
    let expected = 0;
    for (const i of items) {
      baseline += i.baseline[p]?.kgPerDay ?? 0;
      expected += i.expected[p] ?? 0;
    }
    if (baseline <= 0) continue;
    out[p] = {
      baseline: round1(baseline),
      expected: round1(expected),
      targetPct,
      achievedPct: round1((expected / baseline) * 100),
    };
  }
  return out;
}

/** The pollutants whose expected reduction falls short of the target. */
export function shortfalls(totals: ListTotals): ReductionPollutant[] {
  return REDUCTION_POLLUTANTS.filter((p) => {
    const t = totals[p];
    return t !== undefined && t.achievedPct < t.targetPct;
  });
}
