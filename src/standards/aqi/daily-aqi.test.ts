import { describe, expect, it } from 'vitest';
import { dailyAqi } from './daily-aqi.ts';

// docs/standards/aqi.md §10.2 daily example
const EXAMPLE = { SO2: 20, NO2: 50, PM10: 120, CO: 1.2, O3_8h: 150, 'PM2.5': 50 };

describe('dailyAqi — docs/standards/aqi.md §10.2 example', () => {
  it('HJ 633-2012: AQI 92, 良, primary O3_8h (with a low O3 1-h max)', () => {
    // O3 1-h max 180 → 75: enters the 2012 daily report but is not the maximum
    const r = dailyAqi({ ...EXAMPLE, O3_1h: 180 }, 'HJ633-2012');
    expect(r.iaqi).toEqual({
      SO2: 20,
      NO2: 63,
      PM10: 85,
      'PM2.5': 69,
      CO: 30,
      O3_8h: 92,
      O3_1h: 75,
    });
    expect(r.aqi).toBe(92);
    expect(r.category?.name).toBe('良');
    expect(r.primary).toEqual(['O3_8h']);
    expect(r.complete).toBe(true);
    expect(r.exceeding).toEqual([]);
    expect(r.edition).toBe('HJ633-2012');
  });

  it('HJ 633-2012 without O3 1 h: incomplete, AQI ≤ 100 withheld by default, published on request', () => {
    const r = dailyAqi(EXAMPLE, 'HJ633-2012');
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['O3_1h']);
    expect(r.aqi).toBeNull();
    expect(r.category).toBeNull();
    expect(r.primary).toEqual([]);
    expect(r.partialAqi).toBe(92);
    expect(r.iaqi.O3_8h).toBe(92);
    const p = dailyAqi(EXAMPLE, 'HJ633-2012', { missingData: 'publish' });
    expect(p.aqi).toBe(92);
    expect(p.primary).toEqual(['O3_8h']);
  });

  it('HJ 633-2026: AQI 100, 良, primary PM10', () => {
    const r = dailyAqi(EXAMPLE, 'HJ633-2026');
    expect(r.iaqi).toEqual({ SO2: 20, NO2: 63, PM10: 100, 'PM2.5': 80, CO: 30, O3_8h: 92 });
    expect(r.aqi).toBe(100);
    expect(r.category?.name).toBe('良');
    expect(r.primary).toEqual(['PM10']);
    expect(r.complete).toBe(true);
    expect(r.exceeding).toBeUndefined();
  });

  it('HJ 633-2026 ignores O3 1 h', () => {
    const r = dailyAqi({ ...EXAMPLE, O3_1h: 1000 }, 'HJ633-2026');
    expect(r.aqi).toBe(100);
    expect('O3_1h' in r.iaqi).toBe(false);
  });
});

describe('dailyAqi — rules', () => {
  const LOW = { SO2: 5, NO2: 10, PM10: 20, CO: 0.3, O3_8h: 50, O3_1h: 60 };

  it('PM2.5 = 35 → AQI 50, 优, no primary pollutant', () => {
    for (const e of ['HJ633-2012', 'HJ633-2026'] as const) {
      const r = dailyAqi({ ...LOW, 'PM2.5': 35 }, e);
      expect(r.aqi).toBe(50);
      expect(r.category?.name).toBe('优');
      expect(r.primary).toEqual([]);
    }
  });

  it('lists all tied primary pollutants', () => {
    // PM10 120 → 100 and O3_8h 160 → 100 under 2026
    const r = dailyAqi({ ...LOW, 'PM2.5': 20, PM10: 120, O3_8h: 160 }, 'HJ633-2026');
    expect(r.aqi).toBe(100);
    expect(r.primary).toEqual(['PM10', 'O3_8h']);
  });

  it('2012 exceedance pollutants are those with IAQI > 100', () => {
    const r = dailyAqi({ ...LOW, 'PM2.5': 80, PM10: 150, O3_1h: 250 }, 'HJ633-2012');
    expect(r.exceeding).toEqual(['PM2.5', 'O3_1h']); // PM10 150 → exactly 100: not exceeding
    expect(r.aqi).toBe(125);
    expect(r.primary).toEqual(['O3_1h']);
  });

  it('publishes an incomplete day whose partial AQI is > 100', () => {
    const r = dailyAqi({ 'PM2.5': 80 }, 'HJ633-2026');
    expect(r.complete).toBe(false);
    expect(r.aqi).toBe(119);
    expect(r.primary).toEqual(['PM2.5']);
    expect(dailyAqi({ 'PM2.5': 80 }, 'HJ633-2026', { missingData: 'withhold' }).aqi).toBeNull();
    expect(dailyAqi({ 'PM2.5': 60 }, 'HJ633-2026').aqi).toBeNull(); // 100: not > 100
  });

  it('HJ 633-2012 publishes no incomplete AQI, not even > 100 (the 2026 rule is not 2012 history)', () => {
    // Beijing 2016-03-15: no city O3 8-h value, PM2.5 134 → partial AQI 178.
    const r = dailyAqi({ ...LOW, 'PM2.5': 134, O3_8h: null }, 'HJ633-2012');
    expect(r.complete).toBe(false);
    expect(r.partialAqi).toBe(178);
    expect(r.aqi).toBeNull();
    expect(r.category).toBeNull();
    expect(r.primary).toEqual([]);
    // Configurable: the 2026 rule or always-publish can be chosen for 2012 data explicitly.
    const opt = { missingData: 'publish-above-100' } as const;
    expect(dailyAqi({ ...LOW, 'PM2.5': 134, O3_8h: null }, 'HJ633-2012', opt).aqi).toBe(178);
  });

  it('gives null AQI when nothing is present', () => {
    const r = dailyAqi({}, 'HJ633-2026', { missingData: 'publish' });
    expect(r.aqi).toBeNull();
    expect(r.partialAqi).toBeNull();
  });

  it('2012: O3 8 h > 800 is not indexed, O3 1 h stands for O3', () => {
    const r = dailyAqi({ ...LOW, 'PM2.5': 20, O3_8h: 850, O3_1h: 1100 }, 'HJ633-2012');
    expect(r.iaqi.O3_8h).toBeNull();
    expect(r.notes.O3_8h).toBe('not_computed');
    expect(r.complete).toBe(true);
    expect(r.aqi).toBe(450); // O3 1 h 1100 → 450
    expect(r.primary).toEqual(['O3_1h']);
    const r26 = dailyAqi({ ...LOW, 'PM2.5': 20, O3_8h: 850 }, 'HJ633-2026');
    expect(r26.aqi).toBe(300);
    expect(r26.notes.O3_8h).toBe('above_scale');
  });

  it('treats a negative concentration as missing and notes it', () => {
    const r = dailyAqi({ ...LOW, 'PM2.5': 20, SO2: -2 }, 'HJ633-2026');
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['SO2']);
    expect(r.notes.SO2).toBe('invalid');
  });
});
