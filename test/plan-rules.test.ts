/**
 * The plan's pure rules with figures computed by hand: pace, periods, projections (three
 * methods, a leap year), statuses, ranking with ties and 后十, the main-city rule, AQI off the
 * scale, notice triggers and the notice workflow.
 */
import { describe, expect, it } from 'vitest';
import { eachLocalDate } from '../src/standards/index.ts';
import { mainCityCheck } from '../src/plan/rules/main-city-rule.ts';
import { noticeDrafts, type TriggerUnit } from '../src/plan/rules/notice-triggers.ts';
import { assertTransition, nextStatuses } from '../src/plan/rules/notice-workflow.ts';
import {
  hourlyAqiSeries,
  isOffScale,
  movingMean,
  offScaleSummary,
} from '../src/plan/rules/off-scale.ts';
import { expectedByPace, paceAt } from '../src/plan/rules/pace.ts';
import type { DayPoint } from '../src/plan/rules/period-figures.ts';
import { parsePeriod, previousYearPeriod } from '../src/plan/rules/periods.ts';
import {
  linearProjection,
  projectYearEnd,
  sameRatioProjection,
  seasonalProjection,
} from '../src/plan/rules/projection.ts';
import { ceilingStatus, floorStatus, pm25Status, worstStatus } from '../src/plan/rules/status.ts';
import { rankUnits } from '../src/plan/rules/unit-ranking.ts';

const days = (
  from: string,
  to: string,
  f: (d: string, i: number) => Omit<DayPoint, 'date'>,
): DayPoint[] => eachLocalDate(from, to).map((date, i) => ({ date, ...f(date, i) }));

describe('pace (时序进度)', () => {
  it('is the share of the plan year elapsed, leap years included', () => {
    expect(paceAt(2020, '2020-11-30')).toMatchObject({
      elapsedDays: 335,
      remainingDays: 31,
      yearDays: 366,
    });
    expect(paceAt(2019, '2019-11-30')).toMatchObject({ elapsedDays: 334, yearDays: 365 });
    expect(paceAt(2020, '2020-02-29').elapsedDays).toBe(60);
    expect(paceAt(2020, '2020-12-31').share).toBe(1);
    // 190 good days × 335/366 = 173.907…
    expect(expectedByPace(190, paceAt(2020, '2020-11-30'))).toBeCloseTo((190 * 335) / 366, 10);
  });
});

describe('periods', () => {
  it('parses month, quarter, year and year to date, and their previous-year periods', () => {
    expect(parsePeriod('2020-11')).toMatchObject({
      kind: 'month',
      from: '2020-11-01',
      to: '2020-11-30',
      title: '2020年11月',
    });
    expect(parsePeriod('2020-Q4')).toMatchObject({
      kind: 'quarter',
      from: '2020-10-01',
      to: '2020-12-31',
    });
    expect(parsePeriod('2020')).toMatchObject({
      kind: 'year',
      from: '2020-01-01',
      to: '2020-12-31',
    });
    expect(parsePeriod('2020-02-29')).toMatchObject({
      kind: 'ytd',
      from: '2020-01-01',
      to: '2020-02-29',
    });
    expect(parsePeriod('2020-13')).toBeNull();
    expect(parsePeriod('2020-02-30')).toBeNull();
    expect(previousYearPeriod(parsePeriod('2020-02')!)).toMatchObject({
      from: '2019-02-01',
      to: '2019-02-28',
    });
    expect(previousYearPeriod(parsePeriod('2020-02-29')!)).toMatchObject({
      from: '2019-01-01',
      to: '2019-02-28',
    });
    expect(previousYearPeriod(parsePeriod('2020-Q1')!)).toMatchObject({
      from: '2019-01-01',
      to: '2019-03-31',
    });
  });
});

describe('year-end projections', () => {
  // 2019: PM2.5 80 in Jan–Jun (181 days), 40 in Jul–Dec (184 days): annual A = 21 840 / 365.
  //       AQI: 20 heavy days (250) in January, other Jan–Jun days 150, every Jul–Dec day 50 (good).
  // 2020 to 30 June (182 days, 184 left): PM2.5 72 every day; AQI 50 on 1–30 January (30 good
  //       days), 250 on 1–10 February (10 heavy days), 150 otherwise.
  const y2019 = days('2019-01-01', '2019-12-31', (d, i) => ({
    pm25: d < '2019-07-01' ? 80 : 40,
    aqi: d >= '2019-07-01' ? 50 : i < 20 ? 250 : 150,
  }));
  const y2020 = days('2020-01-01', '2020-06-30', (d) => ({
    pm25: 72,
    aqi: d <= '2020-01-30' ? 50 : d >= '2020-02-01' && d <= '2020-02-10' ? 250 : 150,
  }));
  const input = { year: 2020, asOf: '2020-06-30', current: y2020, pastYears: [y2019] };
  const A = 21_840 / 365;

  it('same ratio as the same period last year', () => {
    const p = sameRatioProjection(input);
    // PM2.5: A × 72 / 80.
    expect(p.pm25).toBeCloseTo((A * 72) / 80, 10);
    // Good: last year's same period had 0 good days → r = 1 → 30 + (184 − 0) = 214.
    expect(p.goodDays).toBe(214);
    // Heavy: r = 10 / 20 = 0.5; the rest of 2019 had none → 10.
    expect(p.heavyDays).toBe(10);
  });

  it('seasonal profile: month factors of past years', () => {
    const p = seasonalProjection(input);
    // m = 80/A (Jan–Jun), 40/A (Jul–Dec); L = 72 / (80/A); P = (182·72 + L·184·40/A) / 366
    //   = (13 104 + 72·184·40/80) / 366 = 19 728 / 366 (A cancels).
    expect(p.pm25).toBeCloseTo(19_728 / 366, 10);
    // Good share 0 in Jan–Jun, 1 in Jul–Dec: expected so far 0 → ρ = 1 → 30 + 184.
    expect(p.goodDays).toBe(214);
    // Heavy share 20/31 in January only: expected so far 31 × 20/31 = 20 → ρ = 0.5; rest 0 → 10.
    expect(p.heavyDays).toBeCloseTo(10, 10);
  });

  it('linear persistence', () => {
    const p = linearProjection(input);
    expect(p.pm25).toBe(72);
    expect(p.goodDays).toBeCloseTo(30 + (184 * 30) / 182, 10);
    expect(p.heavyDays).toBeCloseTo(10 + (184 * 10) / 182, 10);
  });

  it('takes the first available method and says why the others are missing', () => {
    const gap = y2019.filter((p) => !p.date.startsWith('2019-08'));
    const r = projectYearEnd({ ...input, pastYears: [gap] }, ['seasonal', 'same-ratio', 'linear']);
    expect(r.all.find((p) => p.method === 'seasonal')).toMatchObject({ available: false });
    expect(r.all.find((p) => p.method === 'seasonal')!.reason).toMatch(/12 个月/);
    expect(r.primary?.method).toBe('same-ratio');
    const none = projectYearEnd({ ...input, pastYears: [] }, ['seasonal', 'same-ratio', 'linear']);
    expect(none.primary?.method).toBe('linear');
  });

  it('handles 29 February: the same period last year ends on 28 February', () => {
    // 2020-01-01..02-29 PM2.5 60 (60 days); 2019: 50 to 28 Feb (59 days), 40 after (306 days).
    const last = days('2019-01-01', '2019-12-31', (d) => ({
      pm25: d <= '2019-02-28' ? 50 : 40,
      aqi: 60,
    }));
    const cur = days('2020-01-01', '2020-02-29', () => ({ pm25: 60, aqi: 60 }));
    const p = sameRatioProjection({
      year: 2020,
      asOf: '2020-02-29',
      current: cur,
      pastYears: [last],
    });
    const annual2019 = (59 * 50 + 306 * 40) / 365;
    expect(p.pm25).toBeCloseTo((annual2019 * 60) / 50, 10);
    // Every day good: r = 60/59 → 60 + 60/59 × 306, capped at 60 + 306 = 366.
    expect(p.goodDays).toBe(366);
  });
});

describe('status', () => {
  it('judges PM2.5 on the published integer, floors and ceilings with margins', () => {
    expect(pm25Status(60.4, 60, 5)).toBe('on_track');
    expect(pm25Status(62.6, 60, 5)).toBe('at_risk'); // 63 ≤ 63
    expect(pm25Status(63.6, 60, 5)).toBe('off_track');
    expect(pm25Status(null, 60, 5)).toBe('no_data');
    expect(pm25Status(50, null, 5)).toBe('no_target');
    expect(floorStatus(185, 190, 220, 5)).toBe('at_risk'); // ≥ 180.5
    expect(floorStatus(200, 190, 180, 5)).toBe('off_track'); // out of reach
    expect(ceilingStatus(20, 25, 24, 20)).toBe('off_track'); // already used up
    expect(ceilingStatus(28, 20, 24, 20)).toBe('at_risk'); // ≤ 28.8
    expect(worstStatus(['on_track', 'no_target', 'at_risk'])).toBe('at_risk');
    expect(worstStatus(['no_target', 'no_target'])).toBe('no_target');
  });
});

describe('ranking of units', () => {
  it('ranks ties equal, never ranks a unit without data, and marks 后十 with ties at the boundary', () => {
    const r = rankUnits(
      [
        {
          adcode: 'a',
          compositeIndex: 3.5,
          pm25: 50,
          goodRatePct: 60,
          previousCompositeIndex: 4,
          previousPm25: 55,
        },
        {
          adcode: 'b',
          compositeIndex: 3.5,
          pm25: 52,
          goodRatePct: 60,
          previousCompositeIndex: 3.5,
          previousPm25: 52,
        },
        {
          adcode: 'c',
          compositeIndex: 4.0,
          pm25: 60,
          goodRatePct: 40,
          previousCompositeIndex: 5,
          previousPm25: 60,
        },
        {
          adcode: 'd',
          compositeIndex: null,
          pm25: null,
          goodRatePct: null,
          previousCompositeIndex: 3,
          previousPm25: 40,
        },
        {
          adcode: 'e',
          compositeIndex: 2.9,
          pm25: 45,
          goodRatePct: 70,
          previousCompositeIndex: null,
          previousPm25: null,
        },
      ],
      { bottomCount: 2, decimals: 2 },
    );
    const by = Object.fromEntries(r.map((x) => [x.adcode, x]));
    expect([
      by.a!.compositeIndex,
      by.b!.compositeIndex,
      by.c!.compositeIndex,
      by.d!.compositeIndex,
      by.e!.compositeIndex,
    ]).toEqual([2, 2, 4, null, 1]);
    expect([by.a!.goodRate, by.b!.goodRate, by.c!.goodRate, by.e!.goodRate]).toEqual([2, 2, 4, 1]);
    // Worst first: c 1, a/b 2 (tied) → with bottomCount 2 all three are marked.
    expect(
      r
        .filter((x) => x.bottom)
        .map((x) => x.adcode)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(by.d!.bottom).toBe(false);
    // Changes: a (3.5−4)/4 = −12.5 %, c −20 %, b 0 % → c 1, a 2, b 3; d and e unranked.
    expect([by.c!.compositeChange, by.a!.compositeChange, by.b!.compositeChange]).toEqual([
      1, 2, 3,
    ]);
    expect(by.a!.compositeChangePct).toBe(-12.5);
    expect(by.e!.compositeChange).toBeNull();
  });
});

describe('the main-city rule (三(七)4)', () => {
  it('applies to units dirtier than the main city in the base year; an equal month is flagged', () => {
    expect(
      mainCityCheck({
        unitBaselinePm25: 70,
        mainBaselinePm25: 65,
        unitMonthPm25: 60,
        mainMonthPm25: 60,
      }),
    ).toEqual({ applies: true, flagged: true, marginPm25: 0 });
    expect(
      mainCityCheck({
        unitBaselinePm25: 70,
        mainBaselinePm25: 65,
        unitMonthPm25: 59,
        mainMonthPm25: 60,
      }).flagged,
    ).toBe(false);
    expect(
      mainCityCheck({
        unitBaselinePm25: 60,
        mainBaselinePm25: 65,
        unitMonthPm25: 90,
        mainMonthPm25: 60,
      }),
    ).toMatchObject({ applies: false, flagged: null });
    expect(
      mainCityCheck({
        unitBaselinePm25: null,
        mainBaselinePm25: 65,
        unitMonthPm25: 90,
        mainMonthPm25: 60,
      }),
    ).toMatchObject({ applies: null, flagged: null });
  });
});

describe('AQI off the scale (爆表)', () => {
  it('moving means need enough hours', () => {
    expect(movingMean([1, 2, 3, null, 5], 3, 2)).toEqual([null, null, 2, 2.5, 4]);
  });

  it('counts hours whose 24-h PM2.5 lies above the last breakpoint (HJ 633-2012)', () => {
    // 48 h at 600 then 24 h at 30. The trailing 24-h mean is defined once a whole window has
    // passed (hour 23) and stays above 500 until hour 51: (20·600 + 4·30)/24 = 505; hour 52:
    // (19·600 + 5·30)/24 = 481.25. Hours 23–51: 29 hours.
    const pm = [...new Array<number>(48).fill(600), ...new Array<number>(24).fill(30)];
    const flags = hourlyAqiSeries({ 'PM2.5': pm }, 'HJ633-2012').map((r) => isOffScale(r, 500));
    expect(flags.indexOf(true)).toBe(23);
    expect(flags.lastIndexOf(true)).toBe(51);
    const s = offScaleSummary(flags, { aqiAbove: 500, minHours: 24, consecutive: true });
    expect(s).toEqual({ hours: 29, longestRun: 29, triggered: true });
    expect(
      offScaleSummary([true, false, true], { aqiAbove: 500, minHours: 2, consecutive: true })
        .triggered,
    ).toBe(false);
    expect(
      offScaleSummary([true, false, true], { aqiAbove: 500, minHours: 2, consecutive: false })
        .triggered,
    ).toBe(true);
  });
});

describe('notices', () => {
  const unit = (over: Partial<TriggerUnit> = {}): TriggerUnit => ({
    adcode: '900001',
    name: '甲县',
    hasData: true,
    pm25: {
      soFar: 57,
      lastYearSamePeriod: 60,
      changePct: -5,
      requiredChangePct: -8,
      baseline: 65,
      baselineSource: 'plan',
      target: 60,
      projected: 61,
      status: 'at_risk',
    },
    goodDays: { soFar: 150, expectedByPace: 160.2, target: 190, projected: 185, status: 'at_risk' },
    heavyDays: { used: 10, ceiling: 24, projected: 12, status: 'on_track' },
    elapsedDays: 300,
    yearDays: 366,
    offScale: null,
    ...over,
  });
  const on = { pm25ImprovementBehind: true, goodDaysBehindPace: true, offTrack: true };
  const period = { label: '2020-10', title: '2020年10月' };

  it('sends a warning letter for improvement behind schedule, with the figures', () => {
    const d = noticeDrafts([unit()], period, on);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ kind: 'warning_letter', unitAdcode: '900001', period: '2020-10' });
    expect(d[0]!.triggers.map((t) => t.code)).toEqual([
      'pm25_improvement_behind',
      'good_days_behind_pace',
    ]);
    expect(d[0]!.triggers[0]!.figures).toMatchObject({ changePct: -5, requiredChangePct: -8 });
    expect(d[0]!.body).toContain('-5.00%');
  });

  it('proposes a summons when the target is off track or the AQI stays off the scale; nothing without data', () => {
    const d = noticeDrafts(
      [
        unit({
          pm25: { ...unit().pm25, changePct: -9, projected: 66, status: 'off_track' },
          goodDays: { ...unit().goodDays, soFar: 170 },
          offScale: { hours: 80, longestRun: 75, triggered: true, minHours: 72, consecutive: true },
        }),
        unit({ adcode: '900002', hasData: false }),
      ],
      period,
      on,
    );
    expect(d.map((x) => x.kind)).toEqual(['summons']);
    expect(d[0]!.triggers.map((t) => t.code)).toEqual(['target_off_track', 'aqi_off_scale']);
    expect(d[0]!.triggers[1]!.figures).toMatchObject({ hours: 80, longestRun: 75, minHours: 72 });
  });

  it('moves through draft → reviewed → issued → responded only', () => {
    expect(nextStatuses('warning_letter', 'draft')).toEqual(['reviewed']);
    expect(nextStatuses('bulletin', 'issued')).toEqual([]);
    expect(() => assertTransition('summons', 'draft', 'issued')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_NOTICE_TRANSITION' }),
    );
    expect(() => assertTransition('summons', 'reviewed', 'draft')).not.toThrow();
  });
});
