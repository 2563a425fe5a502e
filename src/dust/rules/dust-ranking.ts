/**
 * The monthly dust-fall ranking of a plan's units (pure), as MEE publishes city results
 * (docs/standards/dust-fall.md §2): each unit's mean of its points' monthly values, rounded to
 * 2 decimals (GB/T 8170), ranked ascending (lowest dust fall first, ties ranked equal); units
 * whose mean exceeds their target and points above it are named.
 */
import { rankBy, roundHalfEven } from '../../standards/index.ts';

/** One unit's inputs. */
export interface UnitDustInput {
  adcode: string;
  name: string;
  /** t/(km²·month). */
  target: number;
  /** Points' exact monthly values. */
  points: ReadonlyArray<{ code: string; name: string; exact: number }>;
}

/** One unit's row. */
export interface UnitDustRow {
  adcode: string;
  name: string;
  target: number;
  pointCount: number;
  /** Mean of the points, 2 dp; null without data. */
  mean: number | null;
  max: number | null;
  min: number | null;
  /** 1 = lowest dust fall; null without data. */
  rank: number | null;
  exceeds: boolean;
  /** Points whose own value exceeds the unit's target. */
  pointsOver: Array<{ code: string; name: string; value: number }>;
}

const r2 = (x: number) => roundHalfEven(x, 2);

/** Ranks the units; rows come back in ranking order (units without data last, in input order). */
export function rankDustFall(units: readonly UnitDustInput[]): UnitDustRow[] {
  const rows: UnitDustRow[] = units.map((u) => {
    const v = u.points.map((p) => p.exact);
    const mean = v.length ? r2(v.reduce((a, b) => a + b, 0) / v.length) : null;
    return {
      adcode: u.adcode,
      name: u.name,
      target: u.target,
      pointCount: v.length,
      mean,
      max: v.length ? r2(Math.max(...v)) : null,
      min: v.length ? r2(Math.min(...v)) : null,
      rank: null,
      exceeds: mean !== null && mean > u.target,
      pointsOver: u.points
        .filter((p) => r2(p.exact) > u.target)
        .map((p) => ({ code: p.code, name: p.name, value: r2(p.exact) })),
    };
  });
  // Competition ranking, ascending, ties equal (docs/standards/ranking.md §4 rankBy).
  return rankBy(rows, (r) => r.mean, 'asc').map((x) => ({ ...x.item, rank: x.rank }));
}
