/** The region registry and the station list, loaded once per page load (public API). */
import { shallowRef } from 'vue';
import { api } from './api/http.ts';
import type { Region, Station } from './api/types.ts';

export const regions = shallowRef<Region[]>([]);
export const stations = shallowRef<Station[]>([]);

let regionsLoad: Promise<Region[]> | null = null;
let stationsLoad: Promise<Station[]> | null = null;

/** Loads the regions (once). */
export function loadRegions(): Promise<Region[]> {
  regionsLoad ??= api<Region[]>('/api/regions').then((r) => (regions.value = r));
  regionsLoad.catch(() => (regionsLoad = null));
  return regionsLoad;
}

/** Loads every station (once). */
export function loadStations(): Promise<Station[]> {
  stationsLoad ??= api<Station[]>('/api/stations').then((s) => (stations.value = s));
  stationsLoad.catch(() => (stationsLoad = null));
  return stationsLoad;
}

/** A region's name, or its code when unknown. */
export function regionName(adcode: string | null | undefined): string {
  if (!adcode) return '—';
  return regions.value.find((r) => r.adcode === adcode)?.name ?? adcode;
}

/** Node of el-tree-select. */
export interface RegionNode {
  value: string;
  label: string;
  children?: RegionNode[];
}

/** The regions as a tree (roots first), limited to `within` and below when given. */
export function regionTree(all: readonly Region[], within?: string | null): RegionNode[] {
  const byParent = new Map<string | null, Region[]>();
  for (const r of all) {
    const list = byParent.get(r.parentAdcode) ?? [];
    list.push(r);
    byParent.set(r.parentAdcode, list);
  }
  const known = new Set(all.map((r) => r.adcode));
  const node = (r: Region): RegionNode => {
    const kids = (byParent.get(r.adcode) ?? []).map(node);
    return { value: r.adcode, label: r.name, ...(kids.length ? { children: kids } : {}) };
  };
  if (within) {
    const r = all.find((x) => x.adcode === within);
    return r ? [node(r)] : [];
  }
  return all.filter((r) => !r.parentAdcode || !known.has(r.parentAdcode)).map(node);
}

/** The adcode and every region below it. */
export function subtreeCodes(all: readonly Region[], adcode: string): Set<string> {
  const out = new Set([adcode]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of all) {
      if (r.parentAdcode && out.has(r.parentAdcode) && !out.has(r.adcode)) {
        out.add(r.adcode);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * The region a page opens on: a county user's own region, else the city (level 'city') with the
 * most stations below it — the city the platform runs for, even under a registered province.
 */
export function defaultRegion(own: string | null | undefined): string {
  if (own && regions.value.some((r) => r.adcode === own)) return own;
  const cities = regions.value.filter((r) => r.level === 'city');
  const candidates = cities.length > 0 ? cities : regions.value.filter((r) => !r.parentAdcode);
  let best = candidates[0]?.adcode ?? '';
  let most = -1;
  for (const r of candidates) {
    const codes = subtreeCodes(regions.value, r.adcode);
    const n = stations.value.filter((s) => codes.has(s.regionAdcode)).length;
    if (n > most || (n === most && r.adcode < best)) {
      best = r.adcode;
      most = n;
    }
  }
  return best;
}
