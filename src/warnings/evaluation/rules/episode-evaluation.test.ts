import { describe, expect, it } from 'vitest';
import {
  compareDays,
  daysAtLevel,
  daysByCategory,
  peakOf,
  reductionsByLevel,
  reductionTotals,
} from './episode-evaluation.ts';

describe('daysAtLevel', () => {
  it('counts the days of each level', () => {
    const m = new Map([
      ['2026-01-01', 'yellow'],
      ['2026-01-02', 'red'],
      ['2026-01-03', 'red'],
    ] as const);
    expect(daysAtLevel(m)).toEqual({ yellow: 1, orange: 0, red: 2 });
  });
});

describe('compareDays', () => {
  it('a range hits when the observed AQI lies in it; a single value within ±15 %', () => {
    const rows = compareDays(
      ['2026-01-01', '2026-01-02', '2026-01-03'],
      new Map(),
      [
        { date: '2026-01-01', aqi: 250, aqiLow: 200 },
        { date: '2026-01-02', aqi: 200, aqiLow: null },
      ],
      [
        { date: '2026-01-01', aqi: 210, category: '重度污染', color: '#99004C', edition: 'x' },
        { date: '2026-01-02', aqi: 240, category: '重度污染', color: '#99004C', edition: 'x' },
      ],
    );
    expect(rows.map((r) => [r.hit, r.error])).toEqual([
      [true, -40],
      [false, 40],
      [null, null],
    ]);
    expect(peakOf(rows, 'observedAqi')).toEqual({ date: '2026-01-02', aqi: 240 });
    expect(daysByCategory(rows)).toEqual({ 重度污染: 2, 无数据: 1 });
  });
});

describe('reductionTotals', () => {
  // One enterprise listed at orange (2 days, 20 owed/day) and at red (1 day, 50 owed/day), a
  // second only at red and without CEMS days.
  const items = [
    {
      enterpriseId: 1,
      level: 'orange' as const,
      pollutant: 'NOx' as const,
      days: 2,
      baselineKgPerDay: 100,
      owedKgPerDay: 20,
      observedKg: [70, 90],
    },
    {
      enterpriseId: 1,
      level: 'red' as const,
      pollutant: 'NOx' as const,
      days: 1,
      baselineKgPerDay: 100,
      owedKgPerDay: 50,
      observedKg: [60],
    },
    {
      enterpriseId: 2,
      level: 'red' as const,
      pollutant: 'NOx' as const,
      days: 1,
      baselineKgPerDay: 50,
      owedKgPerDay: 10,
      observedKg: [],
    },
  ];

  it('owed = Σ kg/day × days over every item, achieved Σ (baseline − observed) over judged days', () => {
    // owed 20×2 + 50×1 + 10×1 = 100; measured owed 20×2 + 50 = 90; baseline 100×3 = 300;
    // achieved (100−70) + (100−90) + (100−60) = 80.
    expect(reductionTotals(items)).toEqual([
      {
        pollutant: 'NOx',
        owedKg: 100,
        measuredEnterprises: 1,
        measuredBaselineKg: 300,
        measuredOwedKg: 90,
        achievedKg: 80,
        achievedPctOfOwed: 88.9,
        achievedPctOfBaseline: 26.7,
      },
    ]);
  });

  it('per level: each level’s own items', () => {
    const by = reductionsByLevel(
      [
        { level: 'orange', days: 2, enterprisesListed: 1 },
        { level: 'red', days: 1, enterprisesListed: 2 },
      ],
      items,
    );
    expect(by.map((l) => [l.level, l.reductions[0]!.owedKg, l.reductions[0]!.achievedKg])).toEqual([
      ['orange', 40, 40],
      ['red', 60, 40],
    ]);
  });
});
