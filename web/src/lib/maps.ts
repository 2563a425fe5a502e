/**
 * County boundaries for the maps: GET /api/maps/{adcode} (GeoJSON, GCJ-02), registered with
 * ECharts under the adcode. Features are keyed by their adcode (the region name in ECharts is the
 * adcode), so data from the API join on codes, never on names.
 */
import { echarts } from './echarts.ts';

interface Feature {
  type: 'Feature';
  properties: { adcode?: number | string; name?: string; [k: string]: unknown };
  geometry: unknown;
}

/** A registered map: the adcodes and names of its features. */
export interface LoadedMap {
  adcode: string;
  features: Array<{ adcode: string; name: string; center: [number, number] | null }>;
}

const cache = new Map<string, Promise<LoadedMap | null>>();

/** Loads and registers the boundaries of `adcode`; null when the server has none. */
export function loadMap(adcode: string): Promise<LoadedMap | null> {
  let p = cache.get(adcode);
  if (!p) {
    p = fetch(`/api/maps/${adcode}`).then(async (res) => {
      if (!res.ok) return null;
      const geo = (await res.json()) as { type: string; features: Feature[] };
      const features: LoadedMap['features'] = [];
      for (const f of geo.features) {
        const code = String(f.properties.adcode ?? '');
        const center = (f.properties['centroid'] ?? f.properties['center']) as
          [number, number] | undefined;
        features.push({ adcode: code, name: f.properties.name ?? code, center: center ?? null });
        f.properties = { ...f.properties, name: code };
      }
      echarts.registerMap(adcode, geo as never);
      return { adcode, features };
    });
    p.catch(() => cache.delete(adcode));
    cache.set(adcode, p);
  }
  return p;
}
