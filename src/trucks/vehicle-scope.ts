/**
 * Which vehicles an account may see. A truck belongs to the county it is registered under: the
 * city office and the city departments see every vehicle; a county sees the vehicles of its own
 * region and below; nobody else sees any (as for HJ 212 devices, src/devices/device-scope.ts).
 */
import { loadRegionTree } from '../auth/region-ancestry.ts';
import type { Principal } from '../auth/principal.ts';
import { visibleRegions } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';

/** Decides, vehicle by vehicle, what a principal may see. */
export type VehicleFilter = (v: { region_adcode: string }) => boolean;

/** The counties whose vehicles a principal may see ('all' for the city office and departments). */
export async function vehicleRegions(db: Db, p: Principal): Promise<'all' | string[]> {
  if (p.role === 'city-admin' || p.role === 'department') return 'all';
  return visibleRegions(p, await loadRegionTree(db));
}

/** The vehicle filter of a principal. */
export async function vehicleFilter(db: Db, p: Principal): Promise<VehicleFilter> {
  const regions = await vehicleRegions(db, p);
  if (regions === 'all') return () => true;
  const allowed = new Set(regions);
  return (v) => allowed.has(v.region_adcode);
}

/** Throws LT_ERR_OUT_OF_SCOPE (403) unless the principal may see the vehicle. */
export async function assertVehicleScope(
  db: Db,
  p: Principal,
  v: { vin: string; region_adcode: string },
): Promise<void> {
  if (!(await vehicleFilter(db, p))(v))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', `车辆 ${v.vin}`);
}
