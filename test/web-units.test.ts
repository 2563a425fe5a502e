/**
 * Pure pieces of the dashboard and its server: WGS-84 → GCJ-02 against published vectors, the
 * Chinese number and date formats, the SPA path rules, gzip negotiation, the overview's cache and
 * its real-time AQI.
 */
import { describe, expect, it } from 'vitest';
import { areaRealtimeAqi } from '../src/overview/realtime-aqi.ts';
import { TtlCache } from '../src/overview/ttl-cache.ts';
import { DailyAqiMemo } from '../src/overview/daily-aqi-memo.ts';
import { dailyAqi, hourlyAqi } from '../src/standards/index.ts';
import { acceptsGzip } from '../src/web/accepts-gzip.ts';
import { isHashedAsset, spaPathKind } from '../src/web/spa-path.ts';
import {
  addDays,
  beijingToday,
  formatChange,
  formatDate,
  formatDateTime,
  formatGoodDaysTarget,
  formatHour,
  formatMonth,
  formatNumber,
  formatPercent,
  monthEnd,
} from '../web/src/lib/format.ts';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '../src/geo/gcj02.ts';
import { aqiColor, aqiPieces, pm25Pieces } from '../web/src/lib/aqi.ts';

describe('WGS-84 → GCJ-02', () => {
  // Public test vectors of eviltransform (googollee/eviltransform, go/transform_test.go):
  // [wgsLat, wgsLng, gcjLat, gcjLng].
  const VECTORS: Array<[string, number, number, number, number]> = [
    ['上海', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['深圳', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['北京', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
  ];

  it.each(VECTORS)('matches the published vector for %s', (_name, wLat, wLon, gLat, gLon) => {
    const [lon, lat] = wgs84ToGcj02(wLon, wLat);
    expect(lon).toBeCloseTo(gLon, 9);
    expect(lat).toBeCloseTo(gLat, 9);
  });

  it.each(VECTORS)(
    'inverts back to WGS-84 for %s within 1e-7°',
    (_name, wLat, wLon, gLat, gLon) => {
      const [lon, lat] = gcj02ToWgs84(gLon, gLat);
      expect(Math.abs(lon - wLon)).toBeLessThan(1e-7);
      expect(Math.abs(lat - wLat)).toBeLessThan(1e-7);
    },
  );

  it('places Handan stations where Baidu maps do (WGS-84 → GCJ-02 → BD-09 within 150 m)', () => {
    // CNEMC feed coordinates (taken as WGS-84) and a third-party list holding the same stations in
    // BD-09 (the station list of Handan's reference facts). BD-09 is GCJ-02 with
    // Baidu's published extra shift, so the chain must land on the list within its rounding.
    const X = (Math.PI * 3000) / 180;
    const gcjToBd = (lon: number, lat: number): [number, number] => {
      const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X);
      const t = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X);
      return [z * Math.cos(t) + 0.0065, z * Math.sin(t) + 0.006];
    };
    const STATIONS: Array<[string, [number, number], [number, number]]> = [
      ['1048A', [114.5302, 36.6116], [114.5426, 36.6164]],
      ['1049A', [114.4918, 36.5713], [114.5035, 36.5776]],
      ['1050A', [114.484, 36.6133], [114.4965, 36.61981]],
    ];
    for (const [, wgs, bd] of STATIONS) {
      const g = wgs84ToGcj02(...wgs);
      const [lon, lat] = gcjToBd(...g);
      const metres = Math.hypot((lon - bd[0]) * 89_500, (lat - bd[1]) * 111_000);
      expect(metres).toBeLessThan(150);
      // The GCJ-02 shift itself is hundreds of metres here: skipping it would be visible.
      expect(Math.hypot((g[0] - wgs[0]) * 89_500, (g[1] - wgs[1]) * 111_000)).toBeGreaterThan(400);
    }
  });

  it('leaves coordinates outside China unchanged', () => {
    expect(outOfChina(-104.9903, 39.7392)).toBe(true);
    expect(wgs84ToGcj02(-104.9903, 39.7392)).toEqual([-104.9903, 39.7392]);
    expect(gcj02ToWgs84(-104.9903, 39.7392)).toEqual([-104.9903, 39.7392]);
  });
});

describe('Chinese formats', () => {
  it('formats numbers, percentages and changes', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
    expect(formatNumber(72)).toBe('72');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatPercent(54.2)).toBe('54.2%');
    // A good-day target in days, or as the rate when the plan gives only the rate (Handan's city).
    expect(formatGoodDaysTarget({ target: 204, targetRatePct: 55.7 })).toBe('204');
    expect(formatGoodDaysTarget({ target: null, targetRatePct: 52.1 })).toBe('优良率 52.1%');
    expect(formatGoodDaysTarget({ target: null, targetRatePct: null })).toBe('—');
    expect(formatChange(-5)).toBe('-5.0%');
    expect(formatChange(3.25, 1)).toBe('+3.3%');
    expect(formatChange(null)).toBe('—');
  });

  it('formats dates and Beijing times', () => {
    expect(formatDate('2016-12-01')).toBe('2016年12月1日');
    expect(formatMonth('2020-01')).toBe('2020年1月');
    // 2016-01-01T00:00+08:00 is 2015-12-31T16:00Z.
    const t = Date.UTC(2015, 11, 31, 16, 0);
    expect(formatDateTime(t)).toBe('2016-01-01 00:00');
    expect(formatHour(t)).toBe('1月1日 0时');
    expect(beijingToday(t)).toBe('2016-01-01');
    expect(beijingToday(t - 1)).toBe('2015-12-31');
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2016-03-01', -1)).toBe('2016-02-29');
    expect(monthEnd('2016-02')).toBe('2016-02-29');
    expect(monthEnd('2019-02')).toBe('2019-02-28');
  });
});

describe('AQI colours on the dashboard', () => {
  it('uses the HJ 633 category colours and boundaries', () => {
    expect(aqiPieces().map((p) => p.color)).toEqual([
      '#00E400',
      '#FFFF00',
      '#FF7E00',
      '#FF0000',
      '#99004C',
      '#7E0023',
    ]);
    expect(aqiColor(50)).toBe('#00E400');
    expect(aqiColor(51)).toBe('#FFFF00');
    expect(aqiColor(201)).toBe('#99004C');
    expect(aqiColor(null)).toBe('#d5dbe3');
    expect(pm25Pieces('HJ633-2012').map((p) => p.min)).toEqual([0, 35, 75, 115, 150, 250]);
    expect(pm25Pieces('HJ633-2026').map((p) => p.min)).toEqual([0, 35, 60, 115, 150, 250]);
  });
});

describe('SPA paths and compression', () => {
  it('never treats API or documentation paths as pages', () => {
    expect(spaPathKind('/api')).toBe('api');
    expect(spaPathKind('/api/nope')).toBe('api');
    expect(spaPathKind('/docs')).toBe('api');
    expect(spaPathKind('/docs/static/index.html')).toBe('api');
    expect(spaPathKind('/apis')).toBe('page');
    expect(spaPathKind('/overview')).toBe('page');
    expect(spaPathKind('/air/station')).toBe('page');
    expect(spaPathKind('/assets/index-AbC123xy.js')).toBe('file');
    expect(spaPathKind('/favicon.svg')).toBe('file');
    expect(isHashedAsset('/assets/index-AbC123xy.js')).toBe(true);
    expect(isHashedAsset('/favicon.svg')).toBe(false);
  });

  it('negotiates gzip per RFC 9110', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('TtlCache', () => {
  it('computes once per key, shares concurrent calls and expires by time', async () => {
    let t = 0;
    let calls = 0;
    const c = new TtlCache<number>({ ttlMs: 60_000, staleMs: 0, now: () => t });
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([c.get('k', compute), c.get('k', compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    t = 59_999;
    expect(await c.get('k', compute)).toBe(1);
    t = 60_001;
    expect(await c.get('k', compute)).toBe(2);
    expect(await c.get('other', compute)).toBe(3);
  });

  it('serves a stale value while one refresh runs, then the new value', async () => {
    let t = 0;
    let release!: () => void;
    const c = new TtlCache<string>({ ttlMs: 1000, staleMs: 10_000, now: () => t });
    await c.get('k', async () => 'old');
    t = 1500;
    let refreshes = 0;
    const slow = () =>
      new Promise<string>((done) => {
        refreshes++;
        release = () => done('new');
      });
    expect(await c.get('k', slow)).toBe('old');
    expect(await c.get('k', slow)).toBe('old');
    expect(refreshes).toBe(1);
    release();
    await new Promise((r) => setImmediate(r));
    expect(await c.get('k', slow)).toBe('new');
  });

  it('forgets a failed first computation and keeps at most maxEntries', async () => {
    const c = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    await expect(c.get('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(c.size).toBe(0);
    await c.get('a', async () => 1);
    await c.get('b', async () => 2);
    await c.get('c', async () => 3);
    expect(c.size).toBe(2);
  });
});

describe('DailyAqiMemo', () => {
  it('equals dailyAqi and recomputes when a value changes', () => {
    const memo = new DailyAqiMemo(10);
    const day = {
      date: '2016-01-01',
      SO2: 20,
      NO2: 60,
      PM10: 180,
      'PM2.5': 140,
      CO: 2.1,
      O3_8h: 40,
      O3_1h: 50,
    };
    expect(memo.get('110000', day, 'HJ633-2012')).toEqual(dailyAqi(day, 'HJ633-2012'));
    const changed = { ...day, 'PM2.5': 260 };
    expect(memo.get('110000', changed, 'HJ633-2012').aqi).toBe(dailyAqi(changed, 'HJ633-2012').aqi);
    expect(memo.get('110000', changed, 'HJ633-2012').aqi).not.toBe(dailyAqi(day, 'HJ633-2012').aqi);
  });
});

describe('area real-time AQI', () => {
  const H = 3_600_000;
  const base = Date.UTC(2016, 0, 1, 0);
  const rows = (station: number, pm25: number, hours = 24) =>
    Array.from({ length: hours }, (_, i) => [
      { stationId: station, hour: base + i * H, pollutant: 'PM2.5', value: pm25, flag: null },
      { stationId: station, hour: base + i * H, pollutant: 'O3', value: 60, flag: 'N' },
    ]).flat();

  it('averages stations, uses 24-h moving means under HJ 633-2012 and the latest hour', () => {
    const r = areaRealtimeAqi(
      [...rows(1, 100), ...rows(2, 50)],
      new Set([1, 2]),
      () => 'HJ633-2012',
    );
    expect(r).not.toBeNull();
    expect(r!.hour).toBe(base + 23 * H);
    expect(r!.stations).toBe(2);
    const expected = hourlyAqi(
      { 'PM2.5_24h': 75, 'PM2.5_1h': 75, O3_1h: 60, O3_8h: 60 },
      'HJ633-2012',
    );
    expect(r!.aqi).toBe(expected.aqi);
    expect(r!.aqi).toBeNull(); // incomplete (no SO2, NO2, CO, PM10) and ≤ 100: withheld
    // HJ 633-2012 publishes no AQI with indicators missing, even above 100 (docs/assessment.md).
    expect(areaRealtimeAqi(rows(1, 200), new Set([1]), () => 'HJ633-2012')!.aqi).toBeNull();
    const others = ['SO2', 'NO2', 'CO', 'PM10'].flatMap((pollutant) =>
      Array.from({ length: 24 }, (_, i) => ({
        stationId: 1,
        hour: base + i * H,
        pollutant,
        value: pollutant === 'CO' ? 1 : 20,
        flag: null,
      })),
    );
    const heavy = areaRealtimeAqi([...rows(1, 200), ...others], new Set([1]), () => 'HJ633-2012');
    expect(heavy!.aqi).toBe(
      hourlyAqi(
        {
          'PM2.5_24h': 200,
          O3_1h: 60,
          O3_8h: 60,
          SO2_1h: 20,
          NO2_1h: 20,
          CO_1h: 1,
          PM10_24h: 20,
        },
        'HJ633-2012',
      ).aqi,
    );
    expect(heavy!.complete).toBe(true);
    expect(heavy!.aqi).toBeGreaterThan(200);
    expect(heavy!.primary).toEqual(['PM2.5_24h']);
  });

  it('needs 20 valid hours for a 24-h mean and ignores invalid flags and other stations', () => {
    const few = rows(1, 200, 19);
    expect(areaRealtimeAqi(few, new Set([1]), () => 'HJ633-2012')!.aqi).toBeNull();
    const flagged = rows(1, 200).map((r) => (r.pollutant === 'PM2.5' ? { ...r, flag: 'M' } : r));
    expect(areaRealtimeAqi(flagged, new Set([1]), () => 'HJ633-2012')!.aqi).toBeNull();
    expect(areaRealtimeAqi(rows(1, 200), new Set([9]), () => 'HJ633-2012')).toBeNull();
  });
});
