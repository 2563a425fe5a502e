/**
 * Which machines, sites, checks and violations an account may see: each belongs to a county.
 * The city office and the city departments see all of them; a county sees its own region and
 * below; nobody else sees any (as for trucks, src/trucks/vehicle-scope.ts).
 */
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree } from '../auth/region-ancestry.ts';
import { visibleRegions } from '../auth/scope.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';

/** The counties whose machinery a principal may see ('all' for the city office and departments). */
export async function machineryRegions(db: Db, p: Principal): Promise<'all' | string[]> {
  if (p.role === 'city-admin' || p.role === 'department') return 'all';
  return visibleRegions(p, await loadRegionTree(db));
}

/** Throws LT_ERR_OUT_OF_SCOPE (403) unless the principal may see data of that county. */
export async function assertMachineryScope(
  db: Db,
  p: Principal,
  regionAdcode: string,
  what: string,
): Promise<void> {
  const regions = await machineryRegions(db, p);
  if (regions !== 'all' && !regions.includes(regionAdcode))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', what);
}

/** The counties a list shows: the visible ones, narrowed to one county when asked. */
export async function listedRegions(
  db: Db,
  p: Principal,
  county: string | undefined,
): Promise<'all' | string[]> {
  const regions = await machineryRegions(db, p);
  if (county === undefined) return regions;
  if (regions !== 'all' && !regions.includes(county))
    throw new LantianError('LT_ERR_OUT_OF_SCOPE', `行政区 ${county}`);
  return [county];
}
