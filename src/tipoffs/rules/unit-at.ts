/**
 * Which county-level unit a point lies in (pure): even-odd ray casting over each unit's
 * MultiPolygon (outer rings and holes alike), in the coordinates of the boundaries (GCJ-02 for the
 * dashboard's map data, src/web/map-routes.ts).
 */
import { inMultiPolygon } from '../../geo/point-in-polygon.ts';

/** A unit's boundary: polygons of rings of [lon, lat]. */
export interface UnitBoundary {
  adcode: string;
  name: string;
  polygons: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [number, number]>>>;
}

/** The unit containing (lon, lat), or undefined when none does. */
export function unitAt(
  units: readonly UnitBoundary[],
  lon: number,
  lat: number,
): UnitBoundary | undefined {
  return units.find((u) => inMultiPolygon(lon, lat, u.polygons));
}
