/**
 * The PM10 ranking of a plan's units for the dust accountability of plan 四.9 ("扬尘污染指数（以
 * PM10 作为评价指标）"): no index formula was found (docs/standards/dust-fall.md §2), so the units
 * are ranked by their PM10 monthly mean as the plan's ranking computes it from the units'
 * assessment stations (src/plan/ranking-service.ts, HJ 663 statistics), ascending, ties equal.
 * Nothing is recomputed here.
 */
import { planRanking } from '../plan/ranking-service.ts';
import { rankBy } from '../standards/index.ts';
import type { Db } from '../store/db.ts';

/** One unit's PM10 row. */
export interface Pm10Row {
  adcode: string;
  name: string;
  stations: string[];
  pm10: number | null;
  rank: number | null;
}

/** The PM10 ranking of the units for a month. */
export async function pm10Ranking(
  db: Db,
  planId: string,
  month: string,
): Promise<{ plan: string; month: string; edition: string; rows: Pm10Row[] }> {
  const r = await planRanking(db, planId, month);
  const rows = r.rows.map((x) => ({
    adcode: x.adcode,
    name: x.name,
    stations: x.stations,
    pm10: x.state === 'ok' ? x.figures.pm10 : null,
  }));
  return {
    plan: planId,
    month,
    edition: `PM10 月均值（${r.editions.assessment}；${r.editions.ranking}）`,
    rows: rankBy(rows, (x) => x.pm10, 'asc').map((x) => ({ ...x.item, rank: x.rank })),
  };
}
