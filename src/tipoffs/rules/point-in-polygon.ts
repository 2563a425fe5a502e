/**
 * Which county-level unit a point lies in (pure): even-odd ray casting over each unit's
 * MultiPolygon (outer rings and holes alike), in the coordinates of the boundaries (GCJ-02 for the
 * dashboard's map data, src/web/map-routes.ts).
 */

/** A unit's boundary: polygons of rings of [lon, lat]. */
export interface UnitBoundary {
  adcode: string;
  name: string;
  polygons: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [number, number]>>>;
}

function inRing(ring: ReadonlyArray<readonly [number, number]>, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The unit containing (lon, lat), or undefined when none does. */
export function unitAt(
  units: readonly UnitBoundary[],
  lon: number,
  lat: number,
): UnitBoundary | undefined {
  return units.find((u) =>
    u.polygons.some((rings) => rings.filter((r) => inRing(r, lon, lat)).length % 2 === 1),
  );
}
