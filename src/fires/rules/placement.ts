/**
 * Placement (pure): which county and township a fire point lies in. Points are WGS-84 (satellites,
 * GPS); the county map and the township file are GCJ-02 (the datum of Chinese web maps, see
 * src/geo/gcj02.ts), so the point is shifted before the test. A point in no county is "outside"
 * the city: kept in the import log, never dispatched (docs/dust-fires-reports.md § 露天焚烧).
 */
import { wgs84ToGcj02 } from '../../geo/gcj02.ts';
import { inMultiPolygon, type Polygon } from '../../geo/point-in-polygon.ts';

/** An area with its polygons and bounding box (GCJ-02). */
export interface Area {
  code: string;
  name: string;
  /** For a township: its county's adcode, when the file gives it. */
  county: string | null;
  polygons: readonly Polygon[];
  bbox: readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];
}

/** Where a point lies. */
export type Placement =
  | {
      placement: 'inside';
      county: { code: string; name: string };
      township: { code: string; name: string } | null;
    }
  | { placement: 'outside' };

const inBox = (lon: number, lat: number, b: Area['bbox']): boolean =>
  lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

/** The first area containing the point (GCJ-02). */
export function areaAt(areas: readonly Area[], lon: number, lat: number): Area | undefined {
  return areas.find((a) => inBox(lon, lat, a.bbox) && inMultiPolygon(lon, lat, a.polygons));
}

/** Places a WGS-84 point in its county and township. */
export function placePoint(
  counties: readonly Area[],
  townships: readonly Area[],
  lonWgs: number,
  latWgs: number,
): Placement {
  const [lon, lat] = wgs84ToGcj02(lonWgs, latWgs);
  const county = areaAt(counties, lon, lat);
  if (!county) return { placement: 'outside' };
  const town = areaAt(
    townships.filter((t) => t.county === null || t.county === county.code),
    lon,
    lat,
  );
  return {
    placement: 'inside',
    county: { code: county.code, name: county.name },
    township: town ? { code: town.code, name: town.name } : null,
  };
}
