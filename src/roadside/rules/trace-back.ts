/**
 * Tracing failing vehicles to the inspection station that last passed them, and the monthly
 * ranking of stations (pure; docs/standards/remote-sensing.md §4, the Handan 2020 plan 三.8; the
 * trace rule itself is UNVERIFIED). A vehicle is matched by VIN when both sides carry one, else
 * by plate and plate colour; the station is the one of the latest passing inspection strictly
 * before the failure.
 */

/** A vehicle's identity as records carry it. */
export interface VehicleKey {
  plate: string;
  plateColour: string;
  vin: string | null;
}

/** One inspection (年检) record. */
export interface Inspection extends VehicleKey {
  stationCode: string;
  stationName: string;
  serial: string | null;
  /** Epoch milliseconds. */
  at: number;
  passed: boolean;
}

/** A failing vehicle of the month and when it failed. */
export interface Failure extends VehicleKey {
  at: number;
}

/** A failure linked to its station (null when no passing inspection precedes it). */
export interface Trace {
  failure: Failure;
  inspection: Inspection | null;
  /** Whole days from the inspection to the failure. */
  days: number | null;
}

/** One line of the monthly ranking. */
export interface StationRank {
  rank: number;
  stationCode: string;
  stationName: string;
  vehicles: number;
}

const sameVehicle = (a: VehicleKey, b: VehicleKey): boolean =>
  a.vin !== null && b.vin !== null
    ? a.vin === b.vin
    : a.plate === b.plate && a.plateColour === b.plateColour;

/** The latest passing inspection of the failing vehicle strictly before its failure. */
export function traceFailure(f: Failure, inspections: readonly Inspection[]): Trace {
  let best: Inspection | null = null;
  for (const i of inspections) {
    if (!i.passed || i.at >= f.at || !sameVehicle(f, i)) continue;
    if (!best || i.at > best.at || (i.at === best.at && i.stationCode < best.stationCode)) best = i;
  }
  return {
    failure: f,
    inspection: best,
    days: best ? Math.floor((f.at - best.at) / 86_400_000) : null,
  };
}

/**
 * Stations ranked by the number of traced vehicles, most first. Ties share a rank and the next
 * rank skips ("1, 2, 2, 4"); within a tie stations are ordered by code, so the order is the same
 * on every run. Stations with no traced vehicle are not listed.
 */
export function rankStations(traces: readonly Trace[]): StationRank[] {
  const by = new Map<string, { name: string; vehicles: number }>();
  for (const t of traces) {
    if (!t.inspection) continue;
    const s = by.get(t.inspection.stationCode) ?? { name: t.inspection.stationName, vehicles: 0 };
    s.vehicles++;
    by.set(t.inspection.stationCode, s);
  }
  const rows = [...by]
    .map(([stationCode, s]) => ({ stationCode, stationName: s.name, vehicles: s.vehicles }))
    .sort((a, b) => b.vehicles - a.vehicles || (a.stationCode < b.stationCode ? -1 : 1));
  return rows.map((row) => ({
    rank: 1 + rows.filter((o) => o.vehicles > row.vehicles).length,
    ...row,
  }));
}

/** The stations named in the monthly notice: every station ranked 1 to `top` (ties included). */
export function namedStations(ranking: readonly StationRank[], top = 3): StationRank[] {
  return ranking.filter((r) => r.rank <= top);
}
