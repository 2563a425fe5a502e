/**
 * Fleet and county roll-ups of a day's vehicle-days (pure). Online rate = vehicles with data that
 * day ÷ registered vehicles (standards-mobile-limits.md §2: "online rate" is not defined by a text
 * we read — UNVERIFIED, defined here); completeness and packet loss are the means over the online
 * vehicles; mileage, fuel, NOx mass, record flags and judgements are sums.
 */

/** What a roll-up reads of a vehicle. */
export interface RollupVehicle {
  id: number;
  fleet: string | null;
  region_adcode: string;
}

/** What a roll-up reads of a vehicle-day. */
export interface RollupDay {
  vehicle_id: number;
  online: number;
  completeness: number | null;
  packet_loss: number | null;
  mileage_km: number | null;
  fuel_l: number | null;
  nox_g: number | null;
  flag_counts: string | null;
}

/** One group's figures. */
export interface RollupGroup {
  key: string;
  name: string;
  registered: number;
  online: number;
  onlineRate: number | null;
  completeness: number | null;
  packetLoss: number | null;
  mileageKm: number;
  fuelL: number;
  noxG: number;
  flags: number;
  flagCounts: Record<string, number>;
  judgements: number;
  judgementsByRule: Record<string, number>;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const r1 = (x: number) => Math.round(x * 10) / 10;
const meanOf = (xs: Array<number | null>) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : r4(v.reduce((s, x) => s + x, 0) / v.length);
};

function group(
  key: string,
  name: string,
  vehicles: readonly RollupVehicle[],
  days: ReadonlyMap<number, RollupDay>,
  judgements: ReadonlyMap<number, Record<string, number>>,
): RollupGroup {
  const online = vehicles.map((v) => days.get(v.id)).filter((d): d is RollupDay => d?.online === 1);
  const flagCounts: Record<string, number> = {};
  for (const d of online)
    for (const [k, n] of Object.entries(
      JSON.parse(d.flag_counts ?? '{}') as Record<string, number>,
    ))
      flagCounts[k] = (flagCounts[k] ?? 0) + n;
  const judgementsByRule: Record<string, number> = {};
  for (const v of vehicles)
    for (const [k, n] of Object.entries(judgements.get(v.id) ?? {}))
      judgementsByRule[k] = (judgementsByRule[k] ?? 0) + n;
  const sum = (f: (d: RollupDay) => number | null) => online.reduce((s, d) => s + (f(d) ?? 0), 0);
  return {
    key,
    name,
    registered: vehicles.length,
    online: online.length,
    onlineRate: vehicles.length === 0 ? null : r4(online.length / vehicles.length),
    completeness: meanOf(online.map((d) => d.completeness)),
    packetLoss: meanOf(online.map((d) => d.packet_loss)),
    mileageKm: r1(sum((d) => d.mileage_km)),
    fuelL: r1(sum((d) => d.fuel_l)),
    noxG: r1(sum((d) => d.nox_g)),
    flags: Object.values(flagCounts).reduce((s, n) => s + n, 0),
    flagCounts,
    judgements: Object.values(judgementsByRule).reduce((s, n) => s + n, 0),
    judgementsByRule,
  };
}

/**
 * Groups the vehicles by fleet (no fleet: key '') or by county, in key order, and the total.
 * `judgements` maps a vehicle to its judgement counts by rule; `names` names the counties.
 */
export function rollup(
  by: 'fleet' | 'county',
  vehicles: readonly RollupVehicle[],
  days: readonly RollupDay[],
  judgements: ReadonlyMap<number, Record<string, number>>,
  names: ReadonlyMap<string, string>,
): { groups: RollupGroup[]; total: RollupGroup } {
  const byDay = new Map(days.map((d) => [d.vehicle_id, d]));
  const keyOf = (v: RollupVehicle) => (by === 'fleet' ? (v.fleet ?? '') : v.region_adcode);
  const keys = [...new Set(vehicles.map(keyOf))].sort();
  const nameOf = (k: string) => (by === 'fleet' ? k || '（未填车队）' : (names.get(k) ?? k));
  return {
    groups: keys.map((k) =>
      group(
        k,
        nameOf(k),
        vehicles.filter((v) => keyOf(v) === k),
        byDay,
        judgements,
      ),
    ),
    total: group('', '合计', vehicles, byDay, judgements),
  };
}
