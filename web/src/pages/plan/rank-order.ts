/**
 * The monthly ranking in rank order (pure): by rank, best (1) first, equal ranks together in
 * adcode order, units without a rank last — the API answers in the plan's annex order.
 */
export function inRankOrder<T extends { rank: number | null; adcode: string }>(
  rows: readonly T[],
): T[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== b.rank) {
      if (a.rank === null) return 1;
      if (b.rank === null) return -1;
      return a.rank - b.rank;
    }
    return a.adcode < b.adcode ? -1 : a.adcode > b.adcode ? 1 : 0;
  });
}
