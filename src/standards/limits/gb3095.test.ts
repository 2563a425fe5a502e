import { describe, expect, it } from 'vitest';
import { eachLocalDate } from '../local-date.ts';
import type { DailyRecord } from '../assessment/daily-record.ts';
import { periodStatistics } from '../assessment/period-statistics.ts';
import { attainment, gb3095Limit, limitsPhaseFor } from './gb3095.ts';

describe('gb3095Limit (GB 3095-2012 / GB 3095-2026 Table 1)', () => {
  it('returns the 2012 limits', () => {
    expect(gb3095Limit('PM2.5', 'annual', 'GB3095-2012')).toBe(35);
    expect(gb3095Limit('PM2.5', '24h', 'GB3095-2012')).toBe(75);
    expect(gb3095Limit('PM2.5', 'annual', 'GB3095-2012', 1)).toBe(15);
    expect(gb3095Limit('PM10', 'annual', 'GB3095-2012')).toBe(70);
    expect(gb3095Limit('SO2', 'annual', 'GB3095-2012')).toBe(60);
    expect(gb3095Limit('O3', '8h', 'GB3095-2012')).toBe(160);
    expect(gb3095Limit('O3', '8h', 'GB3095-2012', 1)).toBe(100);
    expect(gb3095Limit('CO', '24h', 'GB3095-2012')).toBe(4);
    expect(gb3095Limit('CO', 'annual', 'GB3095-2012')).toBeNull();
  });

  it('switches from transitional to final GB 3095-2026 limits on 2031-01-01', () => {
    expect(limitsPhaseFor('GB3095-2026', '2030-12-31')).toBe('GB3095-2026-transitional');
    expect(limitsPhaseFor('GB3095-2026', '2031-01-01')).toBe('GB3095-2026-final');
    expect(limitsPhaseFor('GB3095-2026')).toBe('GB3095-2026-transitional');
    expect(limitsPhaseFor('GB3095-2012', '2031-01-01')).toBe('GB3095-2012');
    expect(gb3095Limit('PM2.5', 'annual', 'GB3095-2026', 2, '2030-12-31')).toBe(30);
    expect(gb3095Limit('PM2.5', 'annual', 'GB3095-2026', 2, '2031-01-01')).toBe(25);
    expect(gb3095Limit('PM2.5', '24h', 'GB3095-2026', 2, '2026-06-01')).toBe(60);
    expect(gb3095Limit('PM2.5', '24h', 'GB3095-2026', 2, '2031-06-01')).toBe(50);
    expect(gb3095Limit('PM10', 'annual', 'GB3095-2026', 2, '2026-06-01')).toBe(60);
    expect(gb3095Limit('PM10', '24h', 'GB3095-2026', 2, '2031-06-01')).toBe(100);
    expect(gb3095Limit('SO2', 'annual', 'GB3095-2026', 2, '2031-06-01')).toBe(20);
    expect(gb3095Limit('NO2', 'annual', 'GB3095-2026', 2, '2031-06-01')).toBe(30);
    expect(gb3095Limit('NO2', '24h', 'GB3095-2026', 1, '2031-06-01')).toBe(50);
    expect(gb3095Limit('PM2.5', 'annual', 'GB3095-2026', 1, '2031-06-01')).toBe(10);
  });
});

function year(pm25: (i: number) => number): DailyRecord[] {
  return eachLocalDate('2024-01-01', '2024-12-31').map((date, i) => ({
    date,
    SO2: 10,
    NO2: 20,
    PM10: 40,
    'PM2.5': pm25(i),
    CO: 0.8,
    O3_8h: 80,
    O3_1h: 100,
  }));
}

describe('attainment (HJ 663-2013 Table 1)', () => {
  // PM2.5 30 every day except the last 20 days (100…119): mean 34.21, p95 computed below
  const stats = periodStatistics(
    year((i) => (i >= 346 ? 100 + (i - 346) : 30)),
    {
      from: '2024-01-01',
      to: '2024-12-31',
      aqiEdition: 'HJ633-2012',
      limitsEdition: 'GB3095-2012',
    },
  );

  it('compares each statistic with its limit', () => {
    // n = 366: k = 1 + 365·0.95 = 347.75 → X(347) = 100, X(348) = 101 → 100.75 → 101
    expect(stats.pollutants['PM2.5'].rounded).toEqual({ mean: 34, p95: 101 });
    const a = attainment(stats, 'GB3095-2012');
    expect(a.phase).toBe('GB3095-2012');
    expect(a.date).toBe('2024-12-31');
    expect(a.pollutants['PM2.5'].checks).toEqual([
      {
        pollutant: 'PM2.5',
        statistic: 'mean',
        period: 'annual',
        value: 34,
        limit: 35,
        meets: true,
        exceedMultiple: -1 / 35,
      },
      {
        pollutant: 'PM2.5',
        statistic: 'p95',
        period: '24h',
        value: 101,
        limit: 75,
        meets: false,
        exceedMultiple: 26 / 75,
      },
    ]);
    expect(a.pollutants['PM2.5'].meets).toBe(false);
    expect(a.pollutants.SO2.checks.map((c) => [c.statistic, c.period, c.limit])).toEqual([
      ['mean', 'annual', 60],
      ['p98', '24h', 150],
    ]);
    expect(a.pollutants.CO.checks.map((c) => [c.statistic, c.limit, c.meets])).toEqual([
      ['p95', 4, true],
    ]);
    expect(a.pollutants.O3.checks.map((c) => [c.statistic, c.period, c.limit, c.meets])).toEqual([
      ['p90', '8h', 160, true],
    ]);
    expect(a.meets).toBe(false);
    expect(a.countRuleMet).toBe(true);
  });

  it('uses the 2026 transitional or final limits by date', () => {
    const t = attainment(stats, 'GB3095-2026');
    expect(t.phase).toBe('GB3095-2026-transitional');
    expect(t.pollutants['PM2.5'].checks[0]).toMatchObject({ limit: 30, meets: false });
    expect(t.pollutants['PM2.5'].checks[0]?.exceedMultiple).toBeCloseTo(4 / 30, 12);
    const f = attainment(stats, 'GB3095-2026', 2, '2031-06-01');
    expect(f.phase).toBe('GB3095-2026-final');
    expect(f.pollutants.PM10.checks[0]).toMatchObject({ limit: 50, meets: true });
    expect(f.pollutants.SO2.checks[0]).toMatchObject({ limit: 20, meets: true });
  });

  it('meets overall only when all six pollutants meet', () => {
    const clean = periodStatistics(
      year(() => 30),
      {
        from: '2024-01-01',
        to: '2024-12-31',
        aqiEdition: 'HJ633-2012',
        limitsEdition: 'GB3095-2012',
      },
    );
    expect(attainment(clean, 'GB3095-2012').meets).toBe(true);
    expect(attainment(clean, 'GB3095-2012', 1).meets).toBe(false); // PM2.5 30 > 15
  });

  it('compares rounded values by default (35.4 → 35 meets 35)', () => {
    const five = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'].map(
      (date, i) => ({ date, 'PM2.5': i === 4 ? 37 : 35 }),
    );
    const s = periodStatistics(five, {
      from: '2024-01-01',
      to: '2024-01-05',
      aqiEdition: 'HJ633-2012',
      limitsEdition: 'GB3095-2012',
    });
    expect(s.pollutants['PM2.5'].mean).toBeCloseTo(35.4, 12);
    const rounded = attainment(s, 'GB3095-2012');
    expect(rounded.pollutants['PM2.5'].checks[0]).toMatchObject({ value: 35, meets: true });
    const raw = attainment(s, 'GB3095-2012', 2, '2024-01-05', { compareRounded: false });
    expect(raw.pollutants['PM2.5'].checks[0]?.meets).toBe(false);
    // no data for the other pollutants: unknown, not a failure
    expect(rounded.pollutants.SO2.meets).toBeNull();
    expect(rounded.meets).toBeNull();
  });
});
