import { describe, expect, it } from 'vitest';
import { forecastPollutant, validateForecast, type ForecastIssue } from './forecast.ts';

const day = (date: string, aqi: unknown = 120, more: Record<string, unknown> = {}) => ({
  date,
  aqi,
  primary: 'PM2.5',
  ...more,
});

function refused(value: unknown): ForecastIssue[] {
  const v = validateForecast(value);
  if (v.ok) throw new Error('accepted');
  return v.issues;
}

describe('validateForecast', () => {
  it('accepts the documented shape and sorts the days', () => {
    const v = validateForecast({
      region: '130400',
      issued: '2020-11-30',
      days: [
        day('2020-12-02', 215),
        day('2020-12-01', 180, { primary: 'PM25', rolling24hAqi: 190 }),
      ],
    });
    expect(v).toEqual({
      ok: true,
      forecast: {
        region: '130400',
        issued: '2020-11-30',
        days: [
          { date: '2020-12-01', aqi: 180, primary: ['PM2.5'], cause: null, rolling24hAqi: 190 },
          { date: '2020-12-02', aqi: 215, primary: ['PM2.5'], cause: null, rolling24hAqi: null },
        ],
      },
    });
  });

  it('refuses gaps with LT_ERR_FORECAST_GAP naming the missing dates', () => {
    const issues = refused({ days: [day('2020-12-01'), day('2020-12-02'), day('2020-12-05')] });
    expect(issues).toEqual([
      {
        code: 'LT_ERR_FORECAST_GAP',
        path: 'days',
        detail: '2020-12-02 与 2020-12-05 之间缺少 2020-12-03、2020-12-04',
      },
    ]);
    const long = refused({ days: [day('2020-12-01'), day('2020-12-31')] });
    expect(long[0]?.detail).toMatch(/缺少 2020-12-02、2020-12-03、2020-12-04、2020-12-05 等$/);
  });

  it('refuses duplicate dates with LT_ERR_FORECAST_DUPLICATE_DATE', () => {
    const issues = refused({
      days: [day('2020-12-01'), day('2020-12-02'), day('2020-12-01', 300)],
    });
    expect(issues).toEqual([
      {
        code: 'LT_ERR_FORECAST_DUPLICATE_DATE',
        path: 'days[2].date',
        detail: '2020-12-01 与 days[0] 重复',
      },
    ]);
  });

  it('refuses AQI outside 0–500 (and rolling AQI too) with LT_ERR_FORECAST_AQI_RANGE', () => {
    expect(refused({ days: [day('2020-12-01', 501)] })[0]?.code).toBe('LT_ERR_FORECAST_AQI_RANGE');
    expect(refused({ days: [day('2020-12-01', -1)] })[0]?.code).toBe('LT_ERR_FORECAST_AQI_RANGE');
    expect(refused({ days: [day('2020-12-01', 200, { rolling24hAqi: 600 })] })[0]).toMatchObject({
      code: 'LT_ERR_FORECAST_AQI_RANGE',
      path: 'days[0].rolling24hAqi',
    });
    for (const ok of [0, 500, 200.5])
      expect(validateForecast({ days: [day('2020-12-01', ok)] }).ok).toBe(true);
  });

  it('lists every problem at once, with its path', () => {
    const issues = refused({
      region: '1304',
      issued: '2020-13-01',
      days: [
        day('2020-12-01', '215'),
        day('2020-02-30'),
        day('2020-12-03', 100, { primary: 'PM1' }),
        7,
      ],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['LT_ERR_BAD_ADCODE', 'region'],
      ['LT_ERR_BAD_DATE', 'issued'],
      ['LT_ERR_FORECAST_INVALID', 'days[0].aqi'],
      ['LT_ERR_BAD_DATE', 'days[1].date'],
      ['LT_ERR_POLLUTANT_UNKNOWN', 'days[2].primary'],
      ['LT_ERR_FORECAST_INVALID', 'days[3]'],
    ]);
  });

  it('refuses an empty, missing or oversized day list', () => {
    expect(refused({ days: [] })[0]?.code).toBe('LT_ERR_FORECAST_EMPTY');
    expect(refused({})[0]?.code).toBe('LT_ERR_FORECAST_INVALID');
    expect(refused([1, 2])[0]?.code).toBe('LT_ERR_FORECAST_INVALID');
    const many = Array.from({ length: 32 }, (_, i) =>
      day(`2021-01-${String(i + 1).padStart(2, '0')}`),
    );
    expect(refused({ days: many })[0]?.code).toBe('LT_ERR_FORECAST_TOO_LONG');
    expect(validateForecast({ days: many.slice(0, 31) }).ok).toBe(true);
    expect(validateForecast({ days: many.slice(0, 5) }, { maxDays: 4 }).ok).toBe(false);
  });

  it('refuses an unknown cause', () => {
    expect(refused({ days: [day('2020-12-01', 300, { cause: 'volcano' })] })[0]).toMatchObject({
      code: 'LT_ERR_FORECAST_INVALID',
      path: 'days[0].cause',
    });
  });
});

describe('forecastPollutant', () => {
  it('reads the usual spellings', () => {
    expect(forecastPollutant('pm2.5')).toBe('PM2.5');
    expect(forecastPollutant('PM25')).toBe('PM2.5');
    expect(forecastPollutant('O3_8h')).toBe('O3');
    expect(forecastPollutant('o3-1h')).toBe('O3');
    expect(forecastPollutant('NOx')).toBeNull();
  });
});
