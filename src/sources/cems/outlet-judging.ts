/**
 * What an outlet's hours are judged by: its settings, its sector default and its overrides,
 * resolved per pollutant by rules/limits.ts (docs/standards/ultra-low.md §1).
 */
import type { Db } from '../../store/db.ts';
import type { CemsConfig } from './cems-config.ts';
import { outletLimits, outletSettings, type OutletSettings } from './cems-repo.ts';
import {
  resolveLimit,
  sectorOf,
  type LimitOverride,
  type ResolvedLimit,
  type SectorLimits,
} from './rules/limits.ts';

/** An outlet with its limits. */
export interface OutletJudging {
  outlet: OutletSettings;
  sector: SectorLimits | undefined;
  /** The limit and reference O2 of one pollutant. */
  limitOf(pollutant: string): ResolvedLimit;
  /** Pollutants with a limit (sector's and overrides). */
  limited(): string[];
}

/** The judging context of some outlets (all when `ids` is omitted), by outlet id. */
export async function outletJudging(
  db: Db,
  config: CemsConfig,
  ids?: readonly number[],
): Promise<Map<number, OutletJudging>> {
  const outlets = await outletSettings(db, ids);
  const overrides = new Map<number, Map<string, LimitOverride>>();
  for (const l of await outletLimits(
    db,
    outlets.map((o) => o.id),
  )) {
    let m = overrides.get(l.outlet_id);
    if (m === undefined) overrides.set(l.outlet_id, (m = new Map()));
    m.set(l.pollutant, { limit: l.limit_mg_m3, refO2: l.ref_o2, basis: l.basis });
  }
  const out = new Map<number, OutletJudging>();
  for (const outlet of outlets) {
    const sector = sectorOf(config.sectors, {
      industry: outlet.industry,
      kind: outlet.kind,
      process: outlet.process,
      refO2: outlet.ref_o2,
    });
    const own = overrides.get(outlet.id) ?? new Map<string, LimitOverride>();
    const cache = new Map<string, ResolvedLimit>();
    out.set(outlet.id, {
      outlet,
      sector,
      limitOf(p) {
        let r = cache.get(p);
        if (r === undefined) cache.set(p, (r = resolveLimit(p, sector, outlet.ref_o2, own.get(p))));
        return r;
      },
      limited: () => [...new Set([...Object.keys(sector?.limits ?? {}), ...own.keys()])].sort(),
    });
  }
  return out;
}
