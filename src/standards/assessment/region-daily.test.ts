import { describe, expect, it } from 'vitest';
import { regionDaily } from './region-daily.ts';

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
});
