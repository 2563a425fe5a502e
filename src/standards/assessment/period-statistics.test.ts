import { describe, expect, it } from 'vitest';
import { eachLocalDate } from '../local-date.ts';
import type { DailyRecord } from './daily-record.ts';
import { dailyAqiSeries, periodStatistics } from './period-statistics.ts';

/**
 * A constructed leap year (2024). Base day: SO2 10, NO2 20, PM10 40, PM2.5 30, CO 0.8, O3-8h 80,
 * O3-1h 100 → AQI 43 (PM2.5 IAQI 42.86 ↑ 43) in both editions, 优. Deviations:
 * - Feb 26–29 and Mar 1–5: PM2.5 missing → incomplete days with AQI ≤ 100: no AQI.
 * - Jun 10–11: O3-8h 300 → IAQI 206.5 ↑ 207, 重度污染.
 * - Jul 1: every value null; Jul 2: no record at all.
 * - Dec 1–20: PM2.5 100…119 → AQI 137…150 (2026) / 132…150 (2012) for 100…115 (16 days 轻度),
 *   152…162 for 116…119 (4 days 中度).
 */
function constructedYear(): DailyRecord[] {
  const out: DailyRecord[] = [];
  for (const date of eachLocalDate('2024-01-01', '2024-12-31')) {
    if (date === '2024-07-02') continue;
    const r: DailyRecord = {
      date,
      SO2: 10,
      NO2: 20,
      PM10: 40,
      'PM2.5': 30,
      CO: 0.8,
      O3_8h: 80,
      O3_1h: 100,
    };
    if (date >= '2024-02-26' && date <= '2024-03-05') r['PM2.5'] = null;
    if (date === '2024-06-10' || date === '2024-06-11') r.O3_8h = 300;
    if (date >= '2024-12-01' && date <= '2024-12-20') r['PM2.5'] = 99 + Number(date.slice(8));
    if (date === '2024-07-01') {
      Object.assign(r, {
        SO2: null,
        NO2: null,
        PM10: null,
        'PM2.5': null,
        CO: null,
        O3_8h: null,
        O3_1h: null,
      });
    }
    out.push(r);
  }
  return out;
}

const YEAR = { from: '2024-01-01', to: '2024-12-31' };

describe('periodStatistics over a constructed leap year', () => {
  const days = constructedYear();

  it('computes means and HJ 663 percentiles, unrounded and rounded', () => {
    const s = periodStatistics(days, {
      ...YEAR,
      aqiEdition: 'HJ633-2026',
      limitsEdition: 'GB3095-2026',
    });
    // PM2.5: 366 − 9 missing − Jul 1 − Jul 2 = 355 values: 335 × 30 and 100…119.
    const pm = s.pollutants['PM2.5'];
    expect(pm.validDays).toBe(355);
    expect(pm.mean).toBeCloseTo(12240 / 355, 10); // (335·30 + 2190)/355 = 34.479
    // k = 1 + 354·0.95 = 337.3; X(337) = 101, X(338) = 102 → 101.3
    expect(pm.p95).toBeCloseTo(101.3, 10);
    expect(pm.rounded).toEqual({ mean: 34, p95: 101 });
    expect(pm.p98).toBeUndefined();
    // SO2: 364 values of 10
    expect(s.pollutants.SO2).toMatchObject({
      validDays: 364,
      mean: 10,
      p98: 10,
      rounded: { mean: 10, p98: 10 },
    });
    // O3-8h: 362 × 80 and 2 × 300; k = 1 + 363·0.9 = 327.7 → 80; mean 29560/364 = 81.21
    const o3 = s.pollutants.O3_8h;
    expect(o3.validDays).toBe(364);
    expect(o3.p90).toBe(80);
    expect(o3.mean).toBeCloseTo(29560 / 364, 10);
    expect(o3.rounded).toEqual({ mean: 81, p90: 80 });
    expect(s.pollutants.CO).toMatchObject({ p95: 0.8, rounded: { p95: 0.8 } });
    expect(s.editions).toEqual({
      aqi: 'HJ633-2026',
      assessment: 'HJ663-2013',
      limits: 'GB3095-2026',
    });
  });

  it.each(['HJ633-2012', 'HJ633-2026'] as const)('counts days by AQI (%s)', (aqiEdition) => {
    const s = periodStatistics(days, { ...YEAR, aqiEdition, limitsEdition: 'GB3095-2012' });
    expect(s.days.total).toBe(366);
    expect(s.days.valid).toBe(355); // 366 − 9 incomplete − Jul 1 − Jul 2
    expect(s.days.good).toBe(333);
    expect(s.days.goodRate).toBeCloseTo((333 / 355) * 100, 10);
    expect(s.days.heavy).toBe(2);
    expect(s.days.byLevel).toEqual({
      优: 333,
      良: 0,
      轻度污染: 16,
      中度污染: 4,
      重度污染: 2,
      严重污染: 0,
    });
  });

  it('checks the count rule per month (Feb ≥ 25 in a leap year, others ≥ 27) and per year', () => {
    const s = periodStatistics(days, {
      ...YEAR,
      aqiEdition: 'HJ633-2026',
      limitsEdition: 'GB3095-2026',
    });
    const pm = s.countRule.byKey['PM2.5'];
    expect(pm.months).toHaveLength(12);
    expect(pm.months.find((m) => m.period === '2024-02')).toEqual({
      period: '2024-02',
      count: 25,
      required: 25,
      meets: true,
    });
    expect(pm.months.find((m) => m.period === '2024-03')).toEqual({
      period: '2024-03',
      count: 26,
      required: 27,
      meets: false,
    });
    expect(pm.months.find((m) => m.period === '2024-07')).toEqual({
      period: '2024-07',
      count: 29,
      required: 27,
      meets: true,
    });
    expect(pm.years).toEqual([{ period: '2024', count: 355, required: 324, meets: true }]);
    expect(pm.meets).toBe(false);
    expect(s.countRule.byKey.SO2.meets).toBe(true);
    expect(s.countRule.byKey.SO2.years[0]?.count).toBe(364);
    expect(s.countRule.meets).toBe(false);
  });

  it('applies the month rule only to months fully inside a partial range', () => {
    const opts = { aqiEdition: 'HJ633-2026', limitsEdition: 'GB3095-2026' } as const;
    const febMar = periodStatistics(days, { ...opts, from: '2024-02-10', to: '2024-03-31' });
    expect(febMar.days.total).toBe(51);
    expect(febMar.countRule.byKey['PM2.5'].months.map((m) => m.period)).toEqual(['2024-03']);
    expect(febMar.countRule.byKey['PM2.5'].years).toEqual([]);
    expect(febMar.countRule.byKey['PM2.5'].meets).toBe(false);
    expect(febMar.pollutants['PM2.5'].validDays).toBe(16 + 26); // Feb 10–25 and Mar 6–31

    const feb = periodStatistics(days, { ...opts, from: '2024-02-01', to: '2024-02-29' });
    expect(feb.countRule.byKey['PM2.5']).toMatchObject({ applicable: true, meets: true });
    const fewer = days.map((d) => (d.date === '2024-02-25' ? { ...d, 'PM2.5': null } : d));
    const feb24 = periodStatistics(fewer, { ...opts, from: '2024-02-01', to: '2024-02-29' });
    expect(feb24.countRule.byKey['PM2.5'].months[0]).toMatchObject({
      count: 24,
      required: 25,
      meets: false,
    });

    const short = periodStatistics(days, { ...opts, from: '2024-12-15', to: '2024-12-31' });
    expect(short.countRule.byKey['PM2.5']).toMatchObject({
      applicable: false,
      meets: true,
      months: [],
    });
  });

  it('applies Feb ≥ 25 in a common year too (28 days)', () => {
    const recs = eachLocalDate('2025-02-01', '2025-02-28').map((date, i) => ({
      date,
      SO2: i < 25 ? 5 : null,
    }));
    const s = periodStatistics(recs, {
      from: '2025-02-01',
      to: '2025-02-28',
      aqiEdition: 'HJ633-2026',
      limitsEdition: 'GB3095-2026',
    });
    expect(s.countRule.byKey.SO2.months[0]).toEqual({
      period: '2025-02',
      count: 25,
      required: 25,
      meets: true,
    });
    expect(s.countRule.byKey.NO2.months[0]).toMatchObject({ count: 0, meets: false });
  });

  it('ignores records outside the range, rejects duplicates and bad ranges', () => {
    const opts = { aqiEdition: 'HJ633-2026', limitsEdition: 'GB3095-2026' } as const;
    const s = periodStatistics(days, { ...opts, from: '2024-06-01', to: '2024-06-30' });
    expect(s.pollutants.SO2.validDays).toBe(30);
    expect(s.days.heavy).toBe(2);
    expect(() => periodStatistics([...days, { date: '2024-01-01' }], { ...opts, ...YEAR })).toThrow(
      /duplicate/,
    );
    expect(() => periodStatistics(days, { ...opts, from: '2024-02-01', to: '2024-01-01' })).toThrow(
      RangeError,
    );
  });

  it('gives null statistics and null good rate without data', () => {
    const s = periodStatistics([], {
      ...YEAR,
      aqiEdition: 'HJ633-2026',
      limitsEdition: 'GB3095-2026',
    });
    expect(s.pollutants.SO2).toEqual({
      validDays: 0,
      mean: null,
      p98: null,
      rounded: { mean: null, p98: null },
    });
    expect(s.days).toMatchObject({ total: 366, valid: 0, good: 0, goodRate: null });
  });
});

describe('dailyAqiSeries', () => {
  it('gives each day its AQI report, in date order', () => {
    const r = dailyAqiSeries(
      [
        { date: '2026-03-02', 'PM2.5': 80 },
        { date: '2026-03-01', SO2: 20, NO2: 50, PM10: 120, CO: 1.2, O3_8h: 150, 'PM2.5': 50 },
      ],
      'HJ633-2026',
    );
    expect(r.map((d) => [d.date, d.aqi, d.complete])).toEqual([
      ['2026-03-01', 100, true],
      ['2026-03-02', 119, false],
    ]);
  });
});
