/**
 * Which limit applies to an outlet's pollutant (docs/standards/ultra-low.md §1): the outlet's
 * override (outlet_limits) wins; else the sector default of data/sources/ultra-low-limits.json
 * chosen by the enterprise's industry, the outlet's kind and the process of its production line.
 * The reference O2 is the override's, else the outlet's own, else the sector's.
 */

/** One sector default of the limits file. */
export interface SectorLimits {
  id: string;
  name: string;
  /** Industry codes (data/sources/industries.json) it applies to. */
  industries: readonly string[];
  /** Outlet kinds ('flue_gas' …). */
  outletKinds: readonly string[];
  /** Words of the production line's process that select this sector entry; empty = any. */
  processes: readonly string[];
  refO2: number | null;
  /** HJ 212 code → hourly limit, mg/m³ at refO2. */
  limits: Readonly<Record<string, number>>;
  basis: string;
  status: string;
}

/** An outlet's own limit of one pollutant (outlet_limits). */
export interface LimitOverride {
  limit: number;
  refO2: number | null;
  basis: string;
}

/** What identifies the sector of an outlet. */
export interface OutletSector {
  industry: string | null;
  kind: string;
  /** Process text of the outlet's production line, when linked. */
  process: string | null;
  /** outlets.ref_o2. */
  refO2: number | null;
}

/** The limit of one pollutant at one outlet, with where it comes from. */
export interface ResolvedLimit {
  /** mg/m³ at refO2, or null when no limit applies. */
  limit: number | null;
  /** Reference O2 (%) for correction; null = compare uncorrected. */
  refO2: number | null;
  /** 'override' | 'sector:<id>' | 'none'. */
  source: string;
  basis: string | null;
}

/** The sector entry of an outlet: the first that matches industry, kind and process. */
export function sectorOf(
  sectors: readonly SectorLimits[],
  o: OutletSector,
): SectorLimits | undefined {
  if (o.industry === null) return undefined;
  return sectors.find(
    (s) =>
      s.industries.includes(o.industry!) &&
      s.outletKinds.includes(o.kind) &&
      (s.processes.length === 0 ||
        (o.process !== null && s.processes.some((p) => o.process!.includes(p)))),
  );
}

/** The limit of one pollutant: override > sector default. */
export function resolveLimit(
  pollutant: string,
  sector: SectorLimits | undefined,
  outletRefO2: number | null,
  override: LimitOverride | undefined,
): ResolvedLimit {
  if (override !== undefined)
    return {
      limit: override.limit,
      refO2: override.refO2 ?? outletRefO2 ?? sector?.refO2 ?? null,
      source: 'override',
      basis: override.basis,
    };
  const refO2 = outletRefO2 ?? sector?.refO2 ?? null;
  const limit = sector?.limits[pollutant];
  if (sector === undefined || limit === undefined)
    return { limit: null, refO2, source: 'none', basis: null };
  return { limit, refO2, source: `sector:${sector.id}`, basis: sector.basis };
}
