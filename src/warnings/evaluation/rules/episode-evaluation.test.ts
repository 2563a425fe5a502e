import { describe, expect, it } from 'vitest';
import {
  compareDays,
  daysAtLevel,
  daysByCategory,
  levelByDay,
  peakOf,
  reductionTotals,
} from './episode-evaluation.ts';

describe('levelByDay', () => {
  it('each decision’s level from its effective date; a lift changes nothing', () => {
    const m = levelByDay(
      [
        { seq: 1, action: 'issue', level: 'yellow', effective: '2026-01-01' },
        { seq: 2, action: 'upgrade', level: 'red', effective: '2026-01-03' },
        { seq: 3, action: 'downgrade', level: 'orange', effective: '2026-01-04' },
        { seq: 4, action: 'lift', level: 'orange', effective: '2026-01-05' },
      ],
      '2026-01-01',
      '2026-01-05',
    );
    expect([...m.values()]).toEqual(['yellow', 'yellow', 'red', 'orange', 'orange']);
    expect(daysAtLevel(m)).toEqual({ yellow: 2, orange: 2, red: 1 });
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
  it('owed over all enterprises, achieved over the measured ones', () => {
    expect(
      reductionTotals([
        { pollutant: 'NOx', baselineKg: 100, owedKg: 20, observedKg: 70 },
        { pollutant: 'NOx', baselineKg: 50, owedKg: 10, observedKg: null },
      ]),
    ).toEqual([
      {
        pollutant: 'NOx',
        owedKg: 30,
        measuredEnterprises: 1,
        measuredBaselineKg: 100,
        measuredOwedKg: 20,
        achievedKg: 30,
        achievedPctOfOwed: 150,
        achievedPctOfBaseline: 30,
      },
    ]);
  });
});
