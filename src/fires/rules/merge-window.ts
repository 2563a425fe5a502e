/**
 * De-duplication of fire points (pure): a new observation joins an existing fire event when an
 * observation of that event in the same county lies within `km` kilometres (great-circle distance,
 * mean Earth radius 6371.0088 km) and within `hours` hours of it, before or after (single
 * linkage). Among several such events the one with the nearest observation wins, then the older
 * event. Otherwise the observation starts a new event. The windows are configuration
 * (LANTIAN_FIRES_MERGE_KM, LANTIAN_FIRES_MERGE_HOURS; defaults 1 km and 6 h, UNVERIFIED: no
 * published rule was found; docs/dust-fires-reports.md § 露天焚烧). Same-county only, because an
 * event is dispatched to one county.
 */

/** Rule edition recorded with every event and import. */
export const MERGE_RULE_EDITION = 'lantian-fires-merge-1';

const EARTH_KM = 6371.0088;
const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance between two lon/lat points, km (haversine). */
export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The merge windows. */
export interface MergeWindows {
  km: number;
  hours: number;
}

/** An observation already attached to an event. */
export interface PlacedPoint {
  eventId: number;
  county: string;
  at: number;
  lon: number;
  lat: number;
}

/** The event a new point joins, or null for a new event. */
export function eventToJoin(
  point: Omit<PlacedPoint, 'eventId'>,
  known: readonly PlacedPoint[],
  w: MergeWindows,
): number | null {
  let best: { eventId: number; d: number } | null = null;
  for (const k of known) {
    if (k.county !== point.county) continue;
    if (Math.abs(k.at - point.at) > w.hours * 3_600_000) continue;
    const d = distanceKm(point.lon, point.lat, k.lon, k.lat);
    if (d > w.km) continue;
    if (!best || d < best.d || (d === best.d && k.eventId < best.eventId))
      best = { eventId: k.eventId, d };
  }
  return best?.eventId ?? null;
}
