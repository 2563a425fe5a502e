/** Loads what the scope rules need about regions from the store (see scope.ts). */
import { findRegion, listRegions } from '../air/region-repo.ts';
import type { Db } from '../store/db.ts';
import type { RegionTree } from './scope.ts';

/** The region's adcode followed by its ancestors' adcodes, nearest first (just itself if unknown). */
export async function regionAncestry(db: Db, adcode: string): Promise<string[]> {
  const out = [adcode];
  let region = await findRegion(db, adcode);
  while (region?.parent_adcode && !out.includes(region.parent_adcode)) {
    out.push(region.parent_adcode);
    region = await findRegion(db, region.parent_adcode);
  }
  return out;
}

/** Every region's parent, for checking many rows at once. */
export async function loadRegionTree(db: Db): Promise<RegionTree> {
  const rows = await listRegions(db);
  return new Map(rows.map((r) => [r.adcode, r.parent_adcode]));
}
