import { describe, expect, it } from 'vitest';
import { hourlyAqi } from './hourly-aqi.ts';

const BASE = { SO2_1h: 20, NO2_1h: 50, CO_1h: 1, O3_1h: 100 };

describe('hourlyAqi — HJ 633-2012 real-time report', () => {
  it('indexes PM by the 24-h moving means with the 24-h columns; 1-h PM are not indexed', () => {
    const r = hourlyAqi(
      { ...BASE, O3_8h: 80, PM10_24h: 120, 'PM2.5_24h': 80, PM10_1h: 999, 'PM2.5_1h': 999 },
      'HJ633-2012',
    );
    expect(Object.keys(r.iaqi)).toEqual([
      'SO2_1h',
      'NO2_1h',
      'CO_1h',
      'O3_1h',
      'O3_8h',
      'PM10_24h',
      'PM2.5_24h',
    ]);
    expect(r.iaqi).toMatchObject({ SO2_1h: 7, NO2_1h: 25, CO_1h: 10, O3_1h: 32, O3_8h: 40 });
    expect(r.iaqi['PM10_24h']).toBe(85);
    expect(r.iaqi['PM2.5_24h']).toBe(107);
    expect(r.aqi).toBe(107);
    expect(r.primary).toEqual(['PM2.5_24h']);
    expect(r.exceeding).toEqual(['PM2.5_24h']);
    expect(r.complete).toBe(true);
  });

  it('SO2 1 h > 800: reports SO2 by its 24-h IAQI', () => {
    const input = { ...BASE, SO2_1h: 900, O3_8h: 80, PM10_24h: 50, 'PM2.5_24h': 30 };
    const r = hourlyAqi({ ...input, SO2_24h: 480 }, 'HJ633-2012');
    expect(r.iaqi.SO2_1h).toBeNull();
    expect(r.notes.SO2_1h).toBe('not_computed');
    expect(r.iaqi.SO2_24h).toBe(151);
    expect(r.aqi).toBe(151);
    expect(r.primary).toEqual(['SO2_24h']);
    expect(r.complete).toBe(true);
    const without = hourlyAqi(input, 'HJ633-2012');
    expect(without.complete).toBe(false);
    expect(without.missing).toEqual(['SO2_1h']);
    expect('SO2_24h' in without.iaqi).toBe(false);
  });
});

describe('hourlyAqi — HJ 633-2026', () => {
  it('indexes six 1-h values, PM with the 24-h breakpoints', () => {
    const r = hourlyAqi({ ...BASE, PM10_1h: 150, 'PM2.5_1h': 80, O3_8h: 999 }, 'HJ633-2026');
    expect(Object.keys(r.iaqi)).toEqual([
      'SO2_1h',
      'NO2_1h',
      'CO_1h',
      'O3_1h',
      'PM10_1h',
      'PM2.5_1h',
    ]);
    expect(r.iaqi.PM10_1h).toBe(112);
    expect(r.iaqi['PM2.5_1h']).toBe(119);
    expect(r.aqi).toBe(119);
    expect(r.primary).toEqual(['PM2.5_1h']);
    expect(r.exceeding).toBeUndefined();
  });

  it('SO2 1 h > 800 → 200', () => {
    const r = hourlyAqi({ ...BASE, SO2_1h: 900, PM10_1h: 10, 'PM2.5_1h': 10 }, 'HJ633-2026');
    expect(r.iaqi.SO2_1h).toBe(200);
    expect(r.aqi).toBe(200);
    expect(r.category?.name).toBe('中度污染');
  });
});
