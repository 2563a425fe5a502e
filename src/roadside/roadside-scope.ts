/**
 * Whose roadside data a principal sees (src/auth/scope.ts): the city office and departments see
 * every device; a county sees the devices of its region and the regions below it.
 */
import { loadRegionTree } from '../auth/region-ancestry.ts';
import type { Principal } from '../auth/principal.ts';
import { regionDescendants } from '../auth/scope.ts';
import type { Db } from '../store/db.ts';
import { listDeviceRows } from './roadside-repo.ts';

/** The devices the principal may see. */
export async function visibleDevices(db: Db, p: Principal) {
  const all = await listDeviceRows(db.kysely);
  if (p.role !== 'county') return all;
  if (!p.regionAdcode) return [];
  const own = new Set(regionDescendants(await loadRegionTree(db), p.regionAdcode));
  return all.filter((d) => own.has(d.region_adcode));
}
