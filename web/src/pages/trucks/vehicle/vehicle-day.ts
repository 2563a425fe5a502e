/**
 * A vehicle's day on the dashboard (pure): the track in GCJ-02 (the datum of the county
 * boundaries, src/geo/gcj02.ts) from the minutes' last valid positions (WGS-84), the view that
 * fits the track on the city map, the chart of speed, NOx and SCR temperatures, and the day's
 * record-flag counts in Chinese.
 */
import { wgs84ToGcj02 } from '../../../../../src/geo/gcj02.ts';
import type { VehicleJudgement, VehicleMinute } from '../../../api/types.ts';
import type { EChartsOption } from '../../../lib/echarts.ts';
import { flagsText } from '../truck-names.ts';

/** A point of the track: GCJ-02 longitude and latitude, and the minute (UTC ms). */
export type TrackPoint = [lon: number, lat: number, minute: number];

/** The minutes' last valid positions, converted to GCJ-02, in time order. */
export function trackPoints(minutes: readonly VehicleMinute[]): TrackPoint[] {
  const out: TrackPoint[] = [];
  for (const m of minutes) {
    if (m.lon === null || m.lat === null) continue;
    const [lon, lat] = wgs84ToGcj02(m.lon, m.lat);
    out.push([lon, lat, m.minute]);
  }
  return out;
}

/** A longitude/latitude box. */
export interface Box {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/** The box around the points, or null when there are none. */
export function boxOf(points: ReadonlyArray<readonly [number, number, ...unknown[]]>): Box | null {
  if (points.length === 0) return null;
  const b = { minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity };
  for (const [lon, lat] of points) {
    b.minLon = Math.min(b.minLon, lon);
    b.maxLon = Math.max(b.maxLon, lon);
    b.minLat = Math.min(b.minLat, lat);
    b.maxLat = Math.max(b.maxLat, lat);
  }
  return b;
}

/** Every [lon, lat] of a GeoJSON geometry tree (nested coordinate arrays). */
function* positions(c: unknown): Generator<[number, number]> {
  if (!Array.isArray(c)) return;
  if (typeof c[0] === 'number' && typeof c[1] === 'number') yield [c[0], c[1]];
  else for (const x of c) yield* positions(x);
}

/** The box of a GeoJSON feature collection's coordinates. */
export function geoBox(geo: { features?: Array<{ geometry?: unknown }> }): Box | null {
  const pts: Array<[number, number]> = [];
  for (const f of geo.features ?? [])
    for (const p of positions((f.geometry as { coordinates?: unknown } | null)?.coordinates))
      pts.push(p);
  return boxOf(pts);
}

/**
 * Centre and zoom of the map (its layout fits `map` at zoom 1) that show the track with a margin:
 * at most 60× (a parked truck's few metres would otherwise fill the view), never below 1.
 */
export function fitTrack(track: Box, map: Box): { center: [number, number]; zoom: number } {
  const w = Math.max(track.maxLon - track.minLon, 1e-3);
  const h = Math.max(track.maxLat - track.minLat, 1e-3);
  const zoom = Math.min((map.maxLon - map.minLon) / w, (map.maxLat - map.minLat) / h) * 0.7;
  return {
    center: [(track.minLon + track.maxLon) / 2, (track.minLat + track.maxLat) / 2],
    zoom: Math.max(1, Math.min(zoom, 60)),
  };
}

/** A time window the charts show (UTC ms), or null for the whole day. */
export type ZoomWindow = { from: number; to: number } | null;

/**
 * Three stacked charts on one time axis each, zoomed together: speed; NOx up- and downstream;
 * SCR inlet and outlet temperatures. Judgement windows are shaded on each; `zoom` narrows all.
 */
export function dayChartOption(
  minutes: readonly VehicleMinute[],
  judgements: readonly VehicleJudgement[],
  day: { from: number; to: number },
  zoom: ZoomWindow,
): EChartsOption | null {
  if (minutes.length === 0) return null;
  const windows = judgements.map((j) => [{ xAxis: j.start, name: j.rule }, { xAxis: j.end }]);
  const shade = {
    silent: true,
    itemStyle: { color: 'rgba(239, 68, 68, 0.12)' },
    label: { show: false },
    data: windows,
  };
  const series = (
    name: string,
    color: string,
    axis: number,
    value: (m: VehicleMinute) => number | null,
    withShade = false,
  ) => ({
    name,
    type: 'line' as const,
    xAxisIndex: axis,
    yAxisIndex: axis,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width: 1.5 },
    itemStyle: { color },
    data: minutes.map((m) => [m.minute, round(value(m))]),
    ...(withShade ? { markArea: shade } : {}),
  });
  const grids = [
    { left: 56, right: 16, top: 56, height: '19%' },
    { left: 56, right: 16, top: '38%', height: '22%' },
    { left: 56, right: 16, top: '68%', height: '22%' },
  ];
  const x = (i: number) => ({
    type: 'time' as const,
    gridIndex: i,
    min: day.from,
    max: day.to,
    axisLabel: { show: i === 2, formatter: '{HH}:{mm}' },
  });
  const y = (i: number, name: string) => ({
    type: 'value' as const,
    gridIndex: i,
    name,
    nameTextStyle: { align: 'left' as const },
    scale: i === 2,
  });
  // Unzoomed, the charts show the minutes with data (the slider still reaches the whole day).
  const shown = zoom ?? dataWindow(minutes, day);
  const range = { startValue: shown.from, endValue: shown.to };
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { link: [{ xAxisIndex: 'all' }] } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    legend: { top: 0 },
    grid: grids,
    xAxis: [x(0), x(1), x(2)],
    yAxis: [y(0, '车速 km/h'), y(1, 'NOx ppm'), y(2, 'SCR 温度 °C')],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1, 2], ...range },
      { type: 'slider', xAxisIndex: [0, 1, 2], bottom: 4, height: 18, ...range },
    ],
    series: [
      series('车速', '#2563eb', 0, (m) => m.speed, true),
      series('上游 NOx', '#f59e0b', 1, (m) => m.noxUp, true),
      series('下游 NOx', '#dc2626', 1, (m) => m.noxDown),
      series('SCR 入口温度', '#7c3aed', 2, (m) => m.scrIn, true),
      series('SCR 出口温度', '#0d9488', 2, (m) => m.scrOut),
    ],
  };
}

/** The minutes' span with 10 minutes on each side, within the day. */
function dataWindow(
  minutes: readonly VehicleMinute[],
  day: { from: number; to: number },
): { from: number; to: number } {
  const first = minutes[0]?.minute ?? day.from;
  const last = minutes[minutes.length - 1]?.minute ?? day.to;
  return { from: Math.max(day.from, first - 600_000), to: Math.min(day.to, last + 660_000) };
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

/** The judgement's window with a margin on each side (a quarter of its length, ≥ 5 minutes). */
export function judgementWindow(j: { start: number; end: number }): { from: number; to: number } {
  const pad = Math.max((j.end - j.start) / 4, 5 * 60_000);
  return { from: j.start - pad, to: j.end + pad };
}

/** One record flag of the day: its code, Chinese label and count, most frequent first. */
export interface FlagRow {
  code: string;
  label: string;
  count: number;
}

/** The day's flag counts as rows. */
export function flagRows(flags: Readonly<Record<string, number>>): FlagRow[] {
  return Object.entries(flags)
    .filter(([, n]) => n > 0)
    .map(([code, count]) => ({ code, label: flagsText([{ code }]), count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
