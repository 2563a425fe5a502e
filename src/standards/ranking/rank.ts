// Ranking by level and by change: 2018 城市环境空气质量排名技术规定 and the 2017 change-ranking
// plan (docs/standards/ranking.md §4): smaller composite index ranks better, equal values rank
// equal (并列, competition ranking 1, 1, 3), ΔI = (I_current − I_previous)/I_previous × 100 %.
import { roundHalfEven } from '../rounding.ts';

/** One ranked item: rank null when the item has no value (never ranked as zero). */
export interface Ranked<T> {
  item: T;
  rank: number | null;
  value: number | null;
}

function usable(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

/**
 * Ranks items by a value: ties share the rank and the next rank skips (1, 1, 3); items whose
 * value is null (or non-finite) come last with rank null, in input order. Stable for ties.
 */
export function rankBy<T>(
  items: ReadonlyArray<T>,
  key: (t: T) => number | null,
  order: 'asc' | 'desc',
): Array<Ranked<T>> {
  const withValue = items.map((item, index) => {
    const v = key(item);
    return { item, index, value: usable(v) ? v : null };
  });
  const ranked = withValue.filter((x): x is typeof x & { value: number } => x.value !== null);
  const unranked = withValue.filter((x) => x.value === null);
  const sign = order === 'asc' ? 1 : -1;
  ranked.sort((a, b) => sign * (a.value - b.value) || a.index - b.index);
  const out: Array<Ranked<T>> = [];
  ranked.forEach((x, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.value === x.value ? (prev.rank as number) : i + 1;
    out.push({ item: x.item, rank, value: x.value });
  });
  for (const x of unranked) out.push({ item: x.item, rank: null, value: null });
  return out;
}

/** Change rate (current − previous)/previous × 100; null when either is missing or previous is 0. */
export function changeRate(current: number | null, previous: number | null): number | null {
  if (!usable(current) || !usable(previous) || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

/** Options of `rankByChange`. */
export interface RankByChangeOptions {
  /** Round rates per GB/T 8170 to this many decimals before ranking (ties on published rates). */
  decimals?: number;
}

/** One item ranked by change, with both values. */
export interface RankedChange<T> extends Ranked<T> {
  current: number | null;
  previous: number | null;
}

/**
 * Ranks items by change rate, ascending: the most improved (most negative) first; items without
 * a rate come last, unranked.
 */
export function rankByChange<T>(
  items: ReadonlyArray<T>,
  current: (t: T) => number | null,
  previous: (t: T) => number | null,
  options: RankByChangeOptions = {},
): Array<RankedChange<T>> {
  const rated = items.map((item) => {
    const cur = current(item);
    const prev = previous(item);
    let rate = changeRate(cur, prev);
    if (rate !== null && options.decimals !== undefined)
      rate = roundHalfEven(rate, options.decimals);
    return { item, current: cur, previous: prev, rate };
  });
  return rankBy(rated, (r) => r.rate, 'asc').map((r) => ({
    item: r.item.item,
    rank: r.rank,
    value: r.value,
    current: r.item.current,
    previous: r.item.previous,
  }));
}
