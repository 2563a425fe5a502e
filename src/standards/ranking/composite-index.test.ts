import { describe, expect, it } from 'vitest';
import {
  COMPOSITE_INDEX_2018,
  COMPOSITE_INDEX_WEIGHTED_UNVERIFIED,
  compositeIndex,
  periodCompositeIndex,
} from './composite-index.ts';
import { periodStatistics } from '../assessment/period-statistics.ts';

const VECTOR = { 'PM2.5': 21, PM10: 39, SO2: 9, NO2: 15, O3_8h: 192, CO: 0.7 };

describe('compositeIndex (2018 ranking rule)', () => {
  it('reproduces the docs/standards/ranking.md §10.3 vector: 3.06', () => {
    const r = compositeIndex(VECTOR);
    expect(r.value).toBe(3.06);
    expect(r.raw).toBeCloseTo(3.0571428571, 9);
    expect(r.parts).toEqual({
      SO2: 0.15,
      NO2: 0.375,
      PM10: 39 / 70,
      'PM2.5': 0.6,
      CO: 0.175,
      O3_8h: 1.2,
    });
    expect(r.config.name).toBe('2018');
  });

  it('rounds concentrations per GB/T 8170 before dividing (configurable)', () => {
    // PM2.5 21.5 → 22 (half-even), CO 0.75 → 0.8
    const rounded = compositeIndex({ ...VECTOR, 'PM2.5': 21.5, CO: 0.75 });
    expect(rounded.parts['PM2.5']).toBeCloseTo(22 / 35, 12);
    expect(rounded.parts.CO).toBeCloseTo(0.2, 12);
    const raw = compositeIndex(
      { ...VECTOR, 'PM2.5': 21.5, CO: 0.75 },
      { roundConcentrations: false },
    );
    expect(raw.parts['PM2.5']).toBeCloseTo(21.5 / 35, 12);
  });

  it('takes weights and limits as configuration (UNVERIFIED weighted preset)', () => {
    const w = compositeIndex(VECTOR, COMPOSITE_INDEX_WEIGHTED_UNVERIFIED);
    // 3·0.6 + 0.557142… + 0.15 + 2·0.375 + 2·1.2 + 0.175 = 5.832142… → 5.83
    expect(w.value).toBe(5.83);
    const custom = compositeIndex(VECTOR, {
      limits: { ...COMPOSITE_INDEX_2018.limits, 'PM2.5': 30 },
      decimals: 3,
    });
    expect(custom.value).toBe(3.157); // 3.0571428 − 0.6 + 0.7
  });

  it('rejects invalid concentrations', () => {
    expect(() => compositeIndex({ ...VECTOR, SO2: Number.NaN })).toThrow(RangeError);
  });
});

describe('periodCompositeIndex', () => {
  const day = (date: string, o3: number | null) => ({
    date,
    SO2: 9,
    NO2: 15,
    PM10: 39,
    'PM2.5': 21,
    CO: 0.7,
    O3_8h: o3,
  });
  const opts = {
    aqiEdition: 'HJ633-2012',
    limitsEdition: 'GB3095-2012',
    from: '2020-01-01',
    to: '2020-01-02',
  } as const;

  it('indexes the period statistics (the §10.3 vector when every day has the same values)', () => {
    const stats = periodStatistics([day('2020-01-01', 192), day('2020-01-02', 192)], opts);
    expect(periodCompositeIndex(stats)?.value).toBe(3.06);
  });

  it('is null when one of the six statistics has no valid day', () => {
    const stats = periodStatistics([day('2020-01-01', null), day('2020-01-02', null)], opts);
    expect(periodCompositeIndex(stats)).toBeNull();
  });
});
