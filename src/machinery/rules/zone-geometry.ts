/**
 * Point in a GeoJSON Polygon or MultiPolygon (RFC 7946 §3.1.6–3.1.7), by ray casting over each
 * ring: inside the outer ring and outside every hole. Coordinates are [lon, lat] degrees in one
 * datum (WGS-84 here); a zone small as a city makes the planar test exact enough.
 */
import { inMultiPolygon, inPolygon } from '../../geo/point-in-polygon.ts';

type Ring = ReadonlyArray<readonly number[]>;

/** A polygon geometry as stored. */
export type ZoneGeometry =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** True when the point lies inside the geometry. */
export function pointInGeometry(lon: number, lat: number, g: ZoneGeometry): boolean {
  return g.type === 'Polygon'
    ? inPolygon(lon, lat, g.coordinates)
    : inMultiPolygon(lon, lat, g.coordinates);
}

/** Why a value is not a usable zone geometry, or null when it is. */
export function geometryProblem(v: unknown): string | null {
  const g = v as { type?: unknown; coordinates?: unknown };
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
    return '应为 GeoJSON Polygon 或 MultiPolygon';
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) return '没有多边形';
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return '多边形没有边界环';
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) return '边界环至少 4 个点（首尾相同）';
      for (const p of ring)
        if (
          !Array.isArray(p) ||
          p.length < 2 ||
          !Number.isFinite(p[0]) ||
          !Number.isFinite(p[1]) ||
          Math.abs(p[0]) > 180 ||
          Math.abs(p[1]) > 90
        )
          return '坐标应为 [经度, 纬度]';
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) return '边界环首尾坐标应相同';
    }
  }
  return null;
}
