import { describe, expect, it } from 'vitest';
import { regionDaily, regionDailyCoverage, requiredStations } from './region-daily.ts';
import type { DailyRecord } from './daily-record.ts';

describe('regionDaily (HJ 663 点位平均)', () => {
  const a = [
    { date: '2024-01-02', 'PM2.5': 40, O3_8h: 100 },
    { date: '2024-01-01', 'PM2.5': 30, O3_8h: 90, SO2: null },
  ];
  const b = [
    { date: '2024-01-01', 'PM2.5': 50, O3_8h: 110, SO2: 8 },
    { date: '2024-01-03', 'PM2.5': 70 },
  ];

  it('averages each value over the stations that have it, sorted by date', () => {
    expect(regionDaily([a, b])).toEqual([
      {
        date: '2024-01-01',
        SO2: 8,
        NO2: null,
        PM10: null,
        'PM2.5': 40,
        CO: null,
        O3_8h: 100,
        O3_1h: null,
      },
      {
        date: '2024-01-02',
        SO2: null,
        NO2: null,
        PM10: null,
        'PM2.5': 40,
        CO: null,
        O3_8h: 100,
        O3_1h: null,
      },
      {
        date: '2024-01-03',
        SO2: null,
        NO2: null,
        PM10: null,
        'PM2.5': 70,
        CO: null,
        O3_8h: null,
        O3_1h: null,
      },
    ]);
  });

  it('requires minStations valid stations', () => {
    const r = regionDaily([a, b], { minStations: 2 });
    expect(r.map((d) => d['PM2.5'])).toEqual([40, null, null]);
    expect(r[0]?.SO2).toBeNull();
  });

  it('does not let one station of twelve stand for the city (Beijing 2016-09-07)', () => {
    // One station had an O3 8-h mean (160.8, from a 6-hour window); the other eleven had nothing.
    const stations: DailyRecord[][] = Array.from({ length: 12 }, (_, i) =>
      i === 0 ? [{ date: '2016-09-07', O3_8h: 160.8 }] : [{ date: '2016-09-07' }],
    );
    const [day] = regionDailyCoverage(stations);
    expect(day?.record.O3_8h).toBeNull();
    expect(day?.coverage.O3_8h).toEqual({ valid: 1, expected: 12, required: 6 });
    // Six of twelve is enough by default; the share is configuration.
    const six = stations.map((s, i) => (i < 6 ? [{ date: '2016-09-07', O3_8h: 100 + i }] : s));
    expect(regionDaily(six)[0]?.O3_8h).toBe(102.5);
    expect(regionDaily(six, { minStationShare: 0.75 })[0]?.O3_8h).toBeNull();
    expect(regionDaily(stations, { minStationShare: 0 })[0]?.O3_8h).toBe(160.8);
  });

  it('expects a value only from the stations whose programme has it', () => {
    const stations = [
      [{ date: '2024-01-01', 'PM2.5': 30, CO: 1 }],
      [{ date: '2024-01-01', 'PM2.5': 50 }],
      [{ date: '2024-01-01', 'PM2.5': 40 }],
    ];
    const [d] = regionDailyCoverage(stations, { expectedStations: { CO: 1 } });
    expect(d?.record.CO).toBe(1);
    expect(d?.coverage.CO).toEqual({ valid: 1, expected: 1, required: 1 });
    expect(d?.coverage['PM2.5']).toEqual({ valid: 3, expected: 3, required: 2 });
  });

  it('requires max(minStations, ⌈share × expected⌉) stations', () => {
    expect(requiredStations(12)).toBe(6);
    expect(requiredStations(12, { minStationShare: 0.75 })).toBe(9);
    expect(requiredStations(3)).toBe(2);
    expect(requiredStations(1)).toBe(1);
    expect(requiredStations(0)).toBe(1);
    expect(requiredStations(4, { minStations: 3 })).toBe(3);
    expect(() => requiredStations(4, { minStationShare: 1.5 })).toThrow(RangeError);
  });
});
