/** Which stations speak for a region: its assessment points, anywhere in its subtree. */
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { Region, Station } from './tables.ts';
import { assertAdcode } from './registry-service.ts';
import { regionSubtree } from './region-repo.ts';
import { listStations } from './station-repo.ts';

/** A region with the stations that count for it. */
export interface AssessedRegion {
  region: Region;
  /** The stations whose daily values are averaged into the region's. */
  stations: Station[];
  /** Why these stations: the rule that chose them, for reports. */
  basis: 'national-points' | 'assessment-points';
}

/**
 * Station kinds a city (or province) is assessed on: HJ 663 city points and the 2018 city ranking
 * rule use the city's points of the national network (国控). Counties are assessed on all their
 * own assessment points (国控/省控/县控 with role `assessment`).
 */
export const CITY_STATION_KINDS: readonly string[] = ['国控'];

/** The assessment stations of a region among the stations of its subtree (pure). */
export function chooseAssessmentStations(
  region: Region,
  stations: readonly Station[],
  cityKinds: readonly string[] = CITY_STATION_KINDS,
): Pick<AssessedRegion, 'stations' | 'basis'> {
  const assessment = stations.filter((s) => s.role === 'assessment');
  if (region.level === 'city' || region.level === 'province') {
    const national = assessment.filter((s) => cityKinds.includes(s.kind));
    // A city without national points (rare: a newly formed city) falls back to all its points.
    if (national.length > 0) return { stations: national, basis: 'national-points' };
  }
  return { stations: assessment, basis: 'assessment-points' };
}

/**
 * The region and its assessment stations. Reference points (对照点) and micro-stations never
 * count; a city counts its national-control points only (see CITY_STATION_KINDS).
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
  return { region, ...chooseAssessmentStations(region, stations) };
}
