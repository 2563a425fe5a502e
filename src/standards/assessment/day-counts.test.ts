import { describe, expect, it } from 'vitest';
import type { DailyRecord } from './daily-record.ts';
import { countDays } from './day-counts.ts';
import { periodStatistics } from './period-statistics.ts';

// A complete good day (AQI 43 in both editions) and variants.
const FULL = { SO2: 10, NO2: 20, PM10: 40, 'PM2.5': 30, CO: 0.8, O3_8h: 80, O3_1h: 100 };
const day = (date: string, over: Partial<DailyRecord> = {}): DailyRecord => ({
  date,
  ...FULL,
  ...over,
});

describe('countDays — which days count (HJ 663 day counts)', () => {
  // 2016-03-15 in Beijing: PM2.5 high, no city O3 8-h value → partial AQI 178.
  const days = [
    day('2016-03-14'),
    day('2016-03-15', { 'PM2.5': 134, O3_8h: null }),
    day('2016-03-16', { 'PM2.5': 250 }),
  ];

  it('HJ 633-2012 / HJ 663-2013: a day without one indicator is not a valid day', () => {
    const c = countDays(days, '2016-03-14', '2016-03-17', { aqiEdition: 'HJ633-2012' });
    expect(c).toMatchObject({ total: 4, valid: 2, good: 1, heavy: 1, incompleteCounted: 0 });
    expect(c.byLevel['中度污染']).toBe(0);
    expect(c.goodRate).toBe(50);
    expect(c.excluded).toEqual({
      total: 2,
      byReason: { no_data: 1, missing_indicator: 1, too_few_stations: 0 },
      byIndicator: { O3_8h: 1 },
      days: [
        {
          date: '2016-03-15',
          reason: 'missing_indicator',
          missing: { O3_8h: 'no_value' },
          partialAqi: 178,
        },
        {
          date: '2016-03-17',
          reason: 'no_data',
          missing: {
            SO2: 'no_value',
            NO2: 'no_value',
            PM10: 'no_value',
            'PM2.5': 'no_value',
            CO: 'no_value',
            O3_8h: 'no_value',
            O3_1h: 'no_value',
          },
          partialAqi: null,
        },
      ],
    });
  });

  it('HJ 633-2026 / HJ 663-2026: an incomplete day counts when its AQI > 100 is published', () => {
    const c = countDays(
      days.map((d) => ({ ...d, date: d.date.replace('2016-03', '2026-03') })),
      '2026-03-14',
      '2026-03-16',
      { aqiEdition: 'HJ633-2026', assessmentEdition: 'HJ663-2026' },
    );
    expect(c).toMatchObject({ total: 3, valid: 3, incompleteCounted: 1 });
    expect(c.byLevel['中度污染']).toBe(1);
    // A day with AQI ≤ 100 and an indicator missing has no published AQI: not counted.
    const low = countDays([day('2026-03-02', { CO: null })], '2026-03-02', '2026-03-02', {
      aqiEdition: 'HJ633-2026',
      assessmentEdition: 'HJ663-2026',
    });
    expect(low).toMatchObject({ valid: 0, excluded: { total: 1 } });
    expect(low.excluded.byReason.missing_indicator).toBe(1);
  });

  it('never counts incomplete days for HJ 663-2013, even with the 2026 AQI rule forced', () => {
    const c = countDays(days, '2016-03-14', '2016-03-16', {
      aqiEdition: 'HJ633-2026',
      assessmentEdition: 'HJ663-2013',
    });
    expect(c).toMatchObject({ valid: 2, incompleteCounted: 0 });
    const forced = countDays(days, '2016-03-14', '2016-03-16', {
      aqiEdition: 'HJ633-2026',
      assessmentEdition: 'HJ663-2013',
      countIncompleteDays: true,
    });
    expect(forced).toMatchObject({ valid: 3, incompleteCounted: 1 });
  });

  it('tells a value held by too few stations from one held by none', () => {
    const coverage = new Map([
      ['2016-09-07', { O3_8h: { valid: 1, expected: 12, required: 6 } }],
      ['2016-09-08', { CO: { valid: 5, expected: 12, required: 6 } }],
    ]);
    const c = countDays(
      [{ date: '2016-09-07' }, day('2016-09-08', { CO: null })],
      '2016-09-07',
      '2016-09-08',
      { aqiEdition: 'HJ633-2012', coverage },
    );
    expect(c.valid).toBe(0);
    expect(c.excluded.byReason).toEqual({
      no_data: 0,
      missing_indicator: 1,
      too_few_stations: 1,
    });
    expect(c.excluded.days[0]?.missing.O3_8h).toBe('too_few_stations');
    expect(c.excluded.days[0]?.missing.SO2).toBe('no_value');
    expect(c.excluded.days[1]).toMatchObject({
      reason: 'too_few_stations',
      missing: { CO: 'too_few_stations' },
    });
  });
});

describe('periodStatistics day counts follow the edition of the data', () => {
  it('does not apply the 2026 "publish above 100" rule to 2012-edition history', () => {
    // Six 2013 days without CO used to count as polluted days under HJ 633-2012.
    const days = [
      day('2013-09-27'),
      day('2013-09-28', { CO: null, 'PM2.5': 230 }),
      day('2013-10-01', { CO: null, 'PM2.5': 77 }),
    ];
    const s = periodStatistics(days, {
      from: '2013-09-27',
      to: '2013-10-01',
      aqiEdition: 'HJ633-2012',
      limitsEdition: 'GB3095-2012',
    });
    expect(s.days).toMatchObject({ total: 5, valid: 1, good: 1, heavy: 0 });
    expect(s.days.excluded.byIndicator['CO']).toBe(2);
    expect(s.days.excluded.byReason).toEqual({
      no_data: 2,
      missing_indicator: 2,
      too_few_stations: 0,
    });
    // The pollutant statistics still use every valid daily value of each pollutant.
    expect(s.pollutants['PM2.5'].validDays).toBe(3);
    expect(s.pollutants.CO.validDays).toBe(1);
  });
});
