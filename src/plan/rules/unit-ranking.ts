/**
 * Ranking of a plan's units over one period (pure), per docs/standards/ranking.md §4: composite
 * index and PM2.5 ascending, good-day rate descending, improvement (change against the same period
 * last year, rates rounded per GB/T 8170 before ranking) ascending. Equal values share a rank (1,
 * 1, 3). Units without a value are not ranked (rank null) and never count as zero.
 *
 * 后十 (the ten worst): units whose rank counted from the worst end of the composite-index ranking
 * is ≤ `bottomCount`; a tie at the boundary marks every tied unit (so more than ten can be
 * marked). With no more ranked units than `bottomCount`, every ranked unit is in the group: a
 * plan with few units sets a smaller `bottomCount`.
 */
import { changeRate, rankBy, roundHalfEven } from '../../standards/index.ts';

/** What the ranking needs of one unit. */
export interface RankingInput {
  adcode: string;
  compositeIndex: number | null;
  pm25: number | null;
  goodRatePct: number | null;
  previousCompositeIndex: number | null;
  previousPm25: number | null;
}

/** Ranks of one unit (null = not ranked). */
export interface UnitRanks {
  adcode: string;
  compositeIndex: number | null;
  pm25: number | null;
  goodRate: number | null;
  compositeChange: number | null;
  pm25Change: number | null;
  /** Change rates, % (rounded to `decimals`). */
  compositeChangePct: number | null;
  pm25ChangePct: number | null;
  /** Rank from the worst end of the composite-index ranking. */
  fromBottom: number | null;
  bottom: boolean;
}

/** Options of the ranking. */
export interface RankingOptions {
  bottomCount: number;
  /** Decimals of change rates (GB/T 8170) before they are ranked. */
  decimals: number;
}

/** Ranks the units on every measure. */
export function rankUnits(items: readonly RankingInput[], opts: RankingOptions): UnitRanks[] {
  const rate = (cur: number | null, prev: number | null) => {
    const r = changeRate(cur, prev);
    return r === null ? null : roundHalfEven(r, opts.decimals);
  };
  const rows = items.map((i) => ({
    i,
    ciChange: rate(i.compositeIndex, i.previousCompositeIndex),
    pmChange: rate(i.pm25, i.previousPm25),
  }));
  const rankMap = (ranked: ReadonlyArray<{ item: (typeof rows)[number]; rank: number | null }>) =>
    new Map(ranked.map((r) => [r.item.i.adcode, r.rank]));
  const ci = rankMap(rankBy(rows, (r) => r.i.compositeIndex, 'asc'));
  const ciWorst = rankMap(rankBy(rows, (r) => r.i.compositeIndex, 'desc'));
  const pm = rankMap(rankBy(rows, (r) => r.i.pm25, 'asc'));
  const good = rankMap(rankBy(rows, (r) => r.i.goodRatePct, 'desc'));
  const ciCh = rankMap(rankBy(rows, (r) => r.ciChange, 'asc'));
  const pmCh = rankMap(rankBy(rows, (r) => r.pmChange, 'asc'));
  return rows.map((r) => {
    const a = r.i.adcode;
    const fromBottom = ciWorst.get(a) ?? null;
    return {
      adcode: a,
      compositeIndex: ci.get(a) ?? null,
      pm25: pm.get(a) ?? null,
      goodRate: good.get(a) ?? null,
      compositeChange: ciCh.get(a) ?? null,
      pm25Change: pmCh.get(a) ?? null,
      compositeChangePct: r.ciChange,
      pm25ChangePct: r.pmChange,
      fromBottom,
      bottom: fromBottom !== null && opts.bottomCount > 0 && fromBottom <= opts.bottomCount,
    };
  });
}
