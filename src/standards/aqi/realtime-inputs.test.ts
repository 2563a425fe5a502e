import { describe, expect, it } from 'vitest';
import { hourlyAqi } from './hourly-aqi.ts';
import { areaRealtimeInputs, movingMean, realtimeInputs } from './realtime-inputs.ts';

const hours = (n: number, f: (i: number) => number | null) =>
  Array.from({ length: n }, (_, i) => f(i));

describe('movingMean', () => {
  it('averages the window ending at the index and needs the minimum count', () => {
    const s = hours(30, (i) => i);
    expect(movingMean(s, 23, 24, 20)).toBe(11.5);
    expect(movingMean(s, 7, 8, 6)).toBe(3.5);
    // Hours before the start of the series are missing: 6 hours are available at index 5.
    expect(movingMean(s, 5, 8, 6)).toBe(2.5);
    expect(movingMean(s, 4, 8, 6)).toBeNull();
    // 20 of 24 hours → valid; 19 → not (GB 3095 Table 4).
    expect(
      movingMean(
        hours(24, (i) => (i < 4 ? null : 10)),
        23,
        24,
        20,
      ),
    ).toBe(10);
    expect(
      movingMean(
        hours(24, (i) => (i < 5 ? null : 10)),
        23,
        24,
        20,
      ),
    ).toBeNull();
  });
});

describe('realtimeInputs', () => {
  const series = {
    SO2: hours(24, () => 10),
    NO2: hours(24, () => 40),
    CO: hours(24, () => 1.2),
    O3: hours(24, (i) => 20 + i * 5),
    PM10: hours(24, () => 120),
    'PM2.5': hours(24, (i) => (i === 23 ? 150 : 75)),
  };

  it('gives 1-h values and the moving means ending at the hour', () => {
    const x = realtimeInputs(series, 23);
    expect(x).toMatchObject({ SO2_1h: 10, NO2_1h: 40, CO_1h: 1.2, O3_1h: 135, 'PM2.5_1h': 150 });
    expect(x.O3_8h).toBe(117.5); // hours 16–23: 100 … 135
    expect(x['PM2.5_24h']).toBeCloseTo((23 * 75 + 150) / 24, 12);
    expect(x.PM10_24h).toBe(120);
    expect(x.SO2_24h).toBe(10);
  });

  it('feeds the edition that indexes them: 24-h PM in 2012, 1-h PM in 2026', () => {
    const x = realtimeInputs(series, 23);
    const r12 = hourlyAqi(x, 'HJ633-2012');
    expect(r12.complete).toBe(true);
    expect(r12.primary).toEqual(['PM2.5_24h']);
    expect(r12.aqi).toBe(104); // PM2.5 24-h 78.125 → 103.9 ↑ 104
    const r26 = hourlyAqi(x, 'HJ633-2026');
    expect(r26.primary).toEqual(['PM2.5_1h']);
    expect(r26.aqi).toBe(200); // PM2.5 1 h 150 with the 24-h column → 200
  });

  it('leaves moving means out until enough hours exist', () => {
    const x = realtimeInputs(series, 3);
    expect(x.O3_8h).toBeNull();
    expect(x['PM2.5_24h']).toBeNull();
    expect(hourlyAqi(x, 'HJ633-2012')).toMatchObject({ complete: false, aqi: null });
    expect(hourlyAqi(x, 'HJ633-2026').complete).toBe(true);
  });
});

describe('areaRealtimeInputs', () => {
  it('averages stations and needs half of the expected ones per input', () => {
    const a = { SO2_1h: 10, 'PM2.5_1h': 40 };
    const b = { SO2_1h: 20 };
    const c = { SO2_1h: 30 };
    const { input, coverage } = areaRealtimeInputs([a, b, c]);
    expect(input.SO2_1h).toBe(20);
    expect(input['PM2.5_1h']).toBeNull(); // 1 of 3 < 2
    expect(coverage['PM2.5_1h']).toEqual({ valid: 1, expected: 3, required: 2 });
    const one = areaRealtimeInputs([a, b, c], { expected: (p) => (p === 'PM2.5' ? 1 : 3) });
    expect(one.input['PM2.5_1h']).toBe(40);
  });
});
