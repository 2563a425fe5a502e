/**
 * The vehicle page's pure rules: the track is drawn in GCJ-02 (shifted hundreds of metres in
 * Handan, untouched outside China), the map view fits the track, the charts zoom to a judgement's
 * window, and the day's flag counts read in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../src/geo/gcj02.ts';
import type { VehicleMinute } from '../web/src/api/types.ts';
import {
  boxOf,
  dayChartOption,
  fitTrack,
  flagRows,
  geoBox,
  judgementWindow,
  trackPoints,
} from '../web/src/pages/trucks/vehicle/vehicle-day.ts';

function minute(i: number, lon: number | null, lat: number | null): VehicleMinute {
  return {
    minute: 1_764_460_800_000 + i * 60_000,
    records: 60,
    reissued: 0,
    speed: 50,
    speedMax: 55,
    noxUp: 700,
    noxDown: 60.04,
    scrIn: 250,
    scrOut: 240,
    reagentMin: 40,
    lon,
    lat,
    fixes: lon === null ? 0 : 60,
    flags: {},
  };
}

describe('vehicle day', () => {
  it('draws the track in GCJ-02, skipping minutes without a fix', () => {
    const pts = trackPoints([
      minute(0, 114.47, 36.58),
      minute(1, null, null),
      minute(2, -104.99, 39.74),
    ]);
    expect(pts).toHaveLength(2);
    const [lon, lat] = wgs84ToGcj02(114.47, 36.58);
    expect(pts[0]).toEqual([lon, lat, minute(0, 0, 0).minute]);
    // The shift in Handan: several hundred metres east, some tens of metres north.
    expect((pts[0]![0] - 114.47) * 89_000).toBeGreaterThan(300);
    expect((pts[0]![1] - 36.58) * 111_000).toBeGreaterThan(10);
    // Outside China's box nothing moves.
    expect(pts[1]!.slice(0, 2)).toEqual([-104.99, 39.74]);
  });

  it('fits the view to the track, within 1× and 60×', () => {
    const map = geoBox({
      features: [
        {
          geometry: {
            coordinates: [
              [
                [113.5, 36.0],
                [115.5, 37.2],
                [114, 36.5],
              ],
            ],
          },
        },
      ],
    })!;
    expect(map).toEqual({ minLon: 113.5, maxLon: 115.5, minLat: 36.0, maxLat: 37.2 });
    const wide = fitTrack(
      boxOf([
        [114.0, 36.2],
        [114.4, 36.5],
      ])!,
      map,
    );
    expect(wide.center[0]).toBeCloseTo(114.2);
    expect(wide.center[1]).toBeCloseTo(36.35);
    expect(wide.zoom).toBeCloseTo((1.2 / 0.3) * 0.7);
    expect(fitTrack(boxOf([[114, 36.5]])!, map).zoom).toBe(60);
    expect(fitTrack(map, map).zoom).toBe(1);
  });

  it('zooms all charts to a judgement’s window with a margin, and shades the windows', () => {
    const w = judgementWindow({ start: 1_000_000_000, end: 1_000_000_000 + 40 * 60_000 });
    expect(w).toEqual({ from: 1_000_000_000 - 10 * 60_000, to: 1_000_000_000 + 50 * 60_000 });
    expect(judgementWindow({ start: 0, end: 60_000 })).toEqual({ from: -300_000, to: 360_000 });
    const day = { from: 1_764_460_800_000, to: 1_764_460_800_000 + 86_400_000 };
    const j = {
      id: 1,
      rule: 'r',
      ruleVersion: 'v',
      start: day.from,
      end: day.from + 120_000,
      detail: '',
      evidence: {},
      createdAt: 0,
    };
    const o = dayChartOption([minute(0, 114, 36)], [j], day, w) as {
      dataZoom: Array<{ xAxisIndex: number[]; startValue: number; endValue: number }>;
      series: Array<{ name: string; data: unknown[]; markArea?: { data: unknown[] } }>;
    };
    for (const z of o.dataZoom) {
      expect(z.xAxisIndex).toEqual([0, 1, 2]);
      expect([z.startValue, z.endValue]).toEqual([w.from, w.to]);
    }
    expect(o.series.map((s) => s.name)).toEqual([
      '车速',
      '上游 NOx',
      '下游 NOx',
      'SCR 入口温度',
      'SCR 出口温度',
    ]);
    expect(o.series[2]!.data).toEqual([[day.from, 60]]);
    expect(o.series[0]!.markArea!.data).toEqual([
      [{ xAxis: j.start, name: 'r' }, { xAxis: j.end }],
    ]);
    // Unzoomed: the minutes with data, 10 minutes on each side, within the day.
    const whole = dayChartOption([minute(0, 114, 36), minute(30, 114, 36)], [], day, null) as {
      dataZoom: Array<{ startValue: number; endValue: number }>;
    };
    expect([whole.dataZoom[0]!.startValue, whole.dataZoom[0]!.endValue]).toEqual([
      day.from,
      day.from + 41 * 60_000,
    ]);
    expect(dayChartOption([], [], day, null)).toBeNull();
  });

  it('lists the day’s flag counts in Chinese, most frequent first', () => {
    expect(flagRows({ nox_high: 3, scr_no_conversion: 12, nox_invalid: 0 })).toEqual([
      { code: 'scr_no_conversion', label: 'SCR 无转化', count: 12 },
      { code: 'nox_high', label: 'NOx 偏高', count: 3 },
    ]);
  });
});
