/**
 * The areas fire points are placed in: the county map (the dashboard's GeoJSON, GCJ-02) and the
 * configurable township GeoJSON, read once per file and kept. A township feature names its county
 * in properties.county (adcode) when it can; its code is properties.code (or adcode).
 */
import { readFileSync } from 'node:fs';
import { LantianError } from '../errors.ts';
import type { FiresConfig } from './fires-config.ts';
import type { Area } from './rules/placement.ts';
import type { Polygon } from '../geo/point-in-polygon.ts';

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

function polygonsOf(g: Feature['geometry']): Polygon[] {
  if (g?.type === 'Polygon') return [g.coordinates as Polygon];
  if (g?.type === 'MultiPolygon') return g.coordinates as Polygon[];
  return [];
}

function bboxOf(polygons: readonly Polygon[]): Area['bbox'] {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons)
    for (const [x, y] of (p[0] ?? []) as Array<[number, number]>) {
      a = Math.min(a, x);
      b = Math.min(b, y);
      c = Math.max(c, x);
      d = Math.max(d, y);
    }
  return [a, b, c, d];
}

/** Reads a GeoJSON FeatureCollection of areas. */
export function readAreas(file: string): Area[] {
  let geo: { features?: Feature[] };
  try {
    geo = JSON.parse(readFileSync(file, 'utf8')) as { features?: Feature[] };
  } catch (e) {
    throw new LantianError('LT_ERR_BAD_CONFIG', `区划边界文件 ${file}：${(e as Error).message}`);
  }
  return (geo.features ?? []).flatMap((f) => {
    const p = f.properties ?? {};
    const code = String(p['code'] ?? p['adcode'] ?? '');
    const polygons = polygonsOf(f.geometry);
    if (!code || polygons.length === 0) return [];
    const county = p['county'] ?? null;
    return [
      {
        code,
        name: String(p['name'] ?? code),
        county: county === null ? null : String(county),
        polygons,
        bbox: bboxOf(polygons),
      },
    ];
  });
}

const cache = new Map<string, Area[]>();

function cached(file: string): Area[] {
  let a = cache.get(file);
  if (!a) {
    a = readAreas(file);
    cache.set(file, a);
  }
  return a;
}

/** The counties and townships of the settings. */
export function areasOf(cfg: FiresConfig): { counties: Area[]; townships: Area[] } {
  return { counties: cached(cfg.countyMapFile), townships: cached(cfg.townshipFile) };
}
