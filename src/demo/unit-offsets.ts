/**
 * Per-unit levels of the simulated Handan, derived from published figures rather than typed in:
 *
 * 1. How far apart the units are: every published pair (rank of a unit among the 20, its
 *    composite index ÷ the city's of the same period) is an anchor. Wei County's bulletins give
 *    its rank directly; the provincial lists of Hebei's 20 worst counties name Handan's worst
 *    units in order, so the k-th listed is rank 21 − k among the 20 units (our inference: a unit
 *    not on the list is better than every listed one). A least-squares line ratio = a + b × rank
 *    through the anchors turns any rank into a level relative to the city.
 * 2. Where each unit stands: its rank in Handan's January 2020 ranking — the composite-index
 *    rank for every pollutant but PM10, the dust (PM10) rank for PM10. Tied ranks take the mean
 *    position of the tied group.
 */
import type { HandanPublished } from './handan-calibration.ts';

/** One (rank, level relative to the city) pair behind the line. */
export interface RankAnchor {
  adcode: string;
  rank: number;
  ratio: number;
  /** Where it comes from, e.g. "2020-12 hebei-2020-12". */
  basis: string;
}

/** A unit's levels relative to the city (1 = the city's national-control mean). */
export interface UnitLevel {
  adcode: string;
  /** Multiplier for SO2, NO2, CO and PM2.5 (from the composite-index rank). */
  level: number;
  /** Multiplier for PM10 (from the dust rank). */
  dust: number;
  compositeRank: number;
  dustRank: number;
}

/** The anchors of published.json. */
export function rankAnchors(p: HandanPublished): RankAnchor[] {
  const n = Object.keys(p.unitRanking.compositeRank).length;
  const out: RankAnchor[] = [];
  for (const list of p.provincialWorst) {
    const worstFirst = [...list.units].sort((a, b) => b.compositeIndex - a.compositeIndex);
    worstFirst.forEach((u, k) =>
      out.push({
        adcode: u.adcode,
        rank: n - k,
        ratio: u.compositeIndex / list.cityCompositeIndex,
        basis: `${list.month} ${list.source}`,
      }),
    );
  }
  for (const b of p.unitBulletins) {
    const rank = b.figures['levelRank'];
    const ci = b.figures['compositeIndex'];
    if (rank === undefined || ci === undefined || !b.cityReference) continue;
    out.push({
      adcode: b.adcode,
      rank,
      ratio: ci / b.cityReference.compositeIndex,
      basis: `${b.from}–${b.to} ${b.source}`,
    });
  }
  return out;
}

/** Least-squares line y = a + b·x. */
export function fitLine(points: ReadonlyArray<{ x: number; y: number }>): {
  intercept: number;
  slope: number;
} {
  const n = points.length;
  if (n < 2) throw new RangeError('a line needs at least two points');
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) throw new RangeError('the points share one x');
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/** Ranks with ties replaced by the mean position of the tied group (2, 2 → 2.5, 2.5). */
export function meanPositions(ranks: Readonly<Record<string, number>>): Record<string, number> {
  const groups = new Map<number, string[]>();
  for (const [k, r] of Object.entries(ranks)) groups.set(r, [...(groups.get(r) ?? []), k]);
  const out: Record<string, number> = {};
  for (const [r, members] of groups) for (const k of members) out[k] = r + (members.length - 1) / 2;
  return out;
}

/** Every ranked unit's levels relative to the city. */
export function unitLevels(p: HandanPublished): Map<string, UnitLevel> {
  const line = fitLine(rankAnchors(p).map((a) => ({ x: a.rank, y: a.ratio })));
  const at = (rank: number) => line.intercept + line.slope * rank;
  const composite = meanPositions(p.unitRanking.compositeRank);
  const dust = meanPositions(p.unitRanking.dustRank);
  const out = new Map<string, UnitLevel>();
  for (const [adcode, rank] of Object.entries(composite)) {
    const d = dust[adcode] ?? rank;
    out.set(adcode, { adcode, level: at(rank), dust: at(d), compositeRank: rank, dustRank: d });
  }
  return out;
}
