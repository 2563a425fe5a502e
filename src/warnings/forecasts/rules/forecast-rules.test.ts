// Pure rules of the forecast store: entered forecasts with AQI ranges and day bounds, the sheet
// rows grouped into forecasts with row/column/code problems, and the diff of two versions.
import { describe, expect, it } from 'vitest';
import { diffForecasts } from './forecast-diff.ts';
import { checkForecastInput } from './forecast-input.ts';
import { forecastsOfSheet, sheetAqi, sheetDate } from './forecast-sheet.ts';

const bounds = { minDays: 3, maxDays: 7 };
const days = (...aqi: number[]) =>
  aqi.map((a, i) => ({ date: `2024-12-0${i + 1}`, aqi: a, primary: 'PM25' }));

describe('checkForecastInput', () => {
  it('accepts a range (the grading reads the upper end) and keeps the lower end', () => {
    const c = checkForecastInput(
      {
        region: '130400',
        issued: '2024-11-30',
        days: [{ ...days(220)[0]!, aqiLow: 180 }, ...days(0, 100, 100).slice(1)],
      },
      bounds,
    );
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.forecast.days[0]).toMatchObject({ aqi: 220, primary: ['PM2.5'] });
    expect(c.aqiLow).toEqual({ '2024-12-01': 180 });
  });
  it('lists every problem with its code', () => {
    const c = checkForecastInput(
      {
        region: '',
        issued: '',
        days: [
          { ...days(100)[0]!, aqiLow: 150 },
          { date: '2024-12-02', aqi: 100, aqiLow: 600 },
        ],
      },
      bounds,
    );
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'region:LT_ERR_BAD_ADCODE',
      'issued:LT_ERR_BAD_DATE',
      'days[0].aqiLow:LT_ERR_FORECAST_INVALID',
      'days[1].aqiLow:LT_ERR_FORECAST_AQI_RANGE',
      'days:LT_ERR_FORECAST_TOO_SHORT',
    ]);
  });
  it('bounds the days: 3–7 by default, configurable', () => {
    const input = { region: '130400', issued: '2024-11-30', days: days(1, 2, 3, 4, 5, 6, 7, 8) };
    const c = checkForecastInput(input, bounds);
    expect(!c.ok && c.issues.map((i) => i.code)).toEqual(['LT_ERR_FORECAST_TOO_LONG']);
    expect(checkForecastInput(input, { minDays: 1, maxDays: 15 }).ok).toBe(true);
  });
});

describe('forecast sheet', () => {
  it('reads dates and AQI ranges as forecasters write them', () => {
    expect(sheetDate('2024/12/1')).toBe('2024-12-01');
    expect(sheetDate('2024年12月1日')).toBe('2024-12-01');
    expect(sheetAqi('215')).toEqual({ aqi: 215, aqiLow: null });
    expect(sheetAqi('180～220')).toEqual({ aqi: 220, aqiLow: 180 });
    expect(sheetAqi('高')).toBeNull();
  });
  it('groups rows by region and issue date; a gap is reported at its row', () => {
    const row = (n: number, region: string, date: string, aqi: string) => ({
      row: n,
      cells: {
        地区代码: region,
        发布日期: '2024-12-01',
        预报日期: date,
        AQI: aqi,
        首要污染物: 'PM2.5',
      },
    });
    const r = forecastsOfSheet(
      [
        row(2, '130400', '2024-12-02', '100'),
        row(3, '130400', '2024-12-03', '210'),
        row(4, '130400', '2024-12-04', '220'),
        row(5, '130481', '2024-12-02', '100'),
        row(6, '130481', '2024-12-04', '100'),
        row(7, '130481', '2024-12-05', '100'),
      ],
      bounds,
    );
    expect(r.forecasts.map((f) => `${f.input.region}:${f.rows.join(',')}`)).toEqual([
      '130400:2,3,4',
    ]);
    expect(r.issues).toEqual([
      expect.objectContaining({ row: 5, column: '预报日期', code: 'LT_ERR_FORECAST_GAP' }),
    ]);
    expect(forecastsOfSheet([], bounds).issues[0]!.code).toBe('LT_ERR_FORECAST_EMPTY');
  });
});

describe('diffForecasts', () => {
  it('compares by date: added, removed, changed fields, AQI delta', () => {
    const v = (aqis: number[], from: number) => ({
      forecast: {
        region: '130400',
        issued: '2024-11-30',
        days: aqis.map((a, i) => ({
          date: `2024-12-0${from + i}`,
          aqi: a,
          primary: ['PM2.5' as const],
          cause: null,
          rolling24hAqi: null,
        })),
      },
      aqiLow: {},
    });
    const d = diffForecasts(v([100, 200, 150], 1), v([210, 150, 90], 2));
    expect(d.map((x) => `${x.date}:${x.change}:${x.aqiDelta}`)).toEqual([
      '2024-12-01:removed:null',
      '2024-12-02:changed:10',
      '2024-12-03:same:0',
      '2024-12-04:added:null',
    ]);
  });
});
