/**
 * Point in polygon (pure, shared by every domain that places a point: fire points, citizens'
 * reports, low-emission zones, demo data): the even-odd ray-casting test on GeoJSON rings
 * (RFC 7946 §3.1.6–3.1.7: the outer ring, then holes), in the plane of the coordinates (lon/lat
 * degrees in one datum; a city's areas are small enough for that). A point exactly on an edge may
 * fall either side; between two adjacent areas it lands in one of them.
 */

/** A ring: closed or not, [lon, lat] pairs. */
export type Ring = ReadonlyArray<readonly [number, number] | readonly number[]>;
/** A polygon: the outer ring, then holes. */
export type Polygon = readonly Ring[];

/** True when the point lies inside the ring (even-odd rule). */
export function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside the polygon's outer ring and in none of its holes. */
export function inPolygon(lon: number, lat: number, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((h) => inRing(lon, lat, h));
}

/** True when the point lies inside any polygon of a multipolygon. */
export function inMultiPolygon(lon: number, lat: number, polygons: readonly Polygon[]): boolean {
  return polygons.some((p) => inPolygon(lon, lat, p));
}
