/** Which stations speak for a region: its assessment points, anywhere in its subtree. */
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { Region, Station } from '../store/schema.ts';
import { assertAdcode } from './registry-service.ts';
import { regionSubtree } from './region-repo.ts';
import { listStations } from './station-repo.ts';

/** A region with the stations that count for it. */
export interface AssessedRegion {
  region: Region;
  /** Stations with role `assessment` in the region or any region below it. */
  stations: Station[];
}

/**
 * The region and its assessment stations. HJ 663: a city is evaluated on the mean of its
 * assessment points; reference points (对照点) and micro-stations never count.
 */
export async function assessedRegion(db: Db, adcode: string): Promise<AssessedRegion> {
  assertAdcode(adcode);
  const subtree = await regionSubtree(db, adcode);
  const region = subtree[0];
  if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', adcode);
  const stations = await listStations(
    db,
    subtree.map((r) => r.adcode),
  );
  return { region, stations: stations.filter((s) => s.role === 'assessment') };
}
