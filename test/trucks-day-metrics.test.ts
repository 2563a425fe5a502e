/**
 * Day metrics from minute summaries, on constructed minutes with hand-computed figures: Beijing
 * day bounds, packet loss and completeness over data spans, the odometer with a reset and a jump,
 * sums and flag counts.
 */
import { describe, expect, it } from 'vitest';
import {
  beijingDayOf,
  beijingDayRange,
  previousBeijingDay,
} from '../src/trucks/beijing-day.ts';
import { dayMetrics, spanSeconds, type MinuteRow } from '../src/trucks/days/day-metrics.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { minuteRow } from './support/truck-days.ts';

const cfg = DEFAULT_TRUCKS_CONFIG.days.metrics;
const { start } = beijingDayRange('2024-05-01');
const D0 = start + 2 * 3600_000;
const m = (o: Parameters<typeof minuteRow>[2], at: number) => minuteRow(1, at, o) as MinuteRow;

describe('Beijing days', () => {
  it('run from 16:00 UTC of the day before', () => {
    expect(beijingDayRange('2024-05-01')).toEqual({
      start: Date.UTC(2024, 3, 30, 16),
      end: Date.UTC(2024, 4, 1, 16),
    });
    expect(beijingDayOf(Date.UTC(2024, 3, 30, 16))).toBe('2024-05-01');
    expect(beijingDayOf(Date.UTC(2024, 3, 30, 16) - 1)).toBe('2024-04-30');
    expect(previousBeijingDay('2024-03-01')).toBe('2024-02-29');
    expect(() => beijingDayRange('2024-02-30')).toThrow(/LT_ERR_BAD_DATE|日期/);
    expect(() => beijingDayRange('20240501')).toThrow();
  });
});

describe('day metrics', () => {
  it('joins seconds into spans over gaps up to the bound', () => {
    expect(spanSeconds([0, 1000, 2000], 300)).toBe(3);
    expect(spanSeconds([0, 301_000], 300)).toBe(2);
    expect(spanSeconds([0, 300_000], 300)).toBe(301);
    expect(spanSeconds([], 300)).toBe(0);
  });

  it('computes a day from its minutes (hand-computed)', () => {
    const minutes = [
      // Engine minutes: seconds 0–59, 60–89 and 210–239 of the day's data: one span of 240 s
      // (the 121-s silence is below the 300-s bound), 120 records.
      m(
        {
          fuelPerRecord: 0.01,
          noxPerRecord: 0.02,
          km: 1000,
          kmPerRecord: 0.01,
          flags: { nox_high: 3 },
        },
        D0,
      ),
      m(
        {
          to: 29,
          fuelPerRecord: 0.01,
          noxPerRecord: 0.02,
          km: 1000.6,
          kmPerRecord: 0.01,
          flags: { nox_high: 1, reagent_empty: 2 },
        },
        D0 + 60_000,
      ),
      m(
        { from: 30, fuelPerRecord: 0.01, noxPerRecord: 0.02, km: 1001.5, kmPerRecord: 0.01 },
        D0 + 180_000,
      ),
      // Engine off, 361 s later (a new span of 120 s): an odometer reset, then a 45-km jump.
      m({ engine: false, km: 5 }, D0 + 600_000),
      m({ engine: false, km: 50 }, D0 + 660_000),
    ];
    const d = dayMetrics([...minutes].reverse(), cfg);
    expect(d).toMatchObject({
      online: true,
      records: 240,
      engineSeconds: 120,
      // 120 engine-minute records ÷ 240 s of engine span.
      completeness: 0.5,
      // (240 + 120 span seconds − 240 records) ÷ 360.
      packetLoss: 0.3333,
      // 0.59 + 0.01 + 0.29 + 0.61 + 0.29 = 1.79 → 1.8; the reset and the jump add nothing.
      mileageKm: 1.8,
      fuelL: 1.2,
      noxG: 2.4,
      fixes: 240,
      firstAt: D0,
      lastAt: D0 + 719_000,
      flagCounts: { nox_high: 4, reagent_empty: 2 },
    });
  });

  it('gives an offline day no ratios', () => {
    expect(dayMetrics([], cfg)).toEqual({
      online: false,
      records: 0,
      engineSeconds: 0,
      completeness: null,
      packetLoss: null,
      mileageKm: null,
      fuelL: null,
      noxG: null,
      fixes: 0,
      firstAt: null,
      lastAt: null,
      flagCounts: {},
    });
  });

  it('counts a full hour of data as complete and lossless', () => {
    const hour = Array.from({ length: 60 }, (_, i) => m({ km: 1000 + i }, D0 + i * 60_000));
    const d = dayMetrics(hour, cfg);
    expect(d).toMatchObject({ completeness: 1, packetLoss: 0, records: 3600, mileageKm: 59 });
  });

  it('takes a longer silence as the terminal off, not as loss', () => {
    const d = dayMetrics([m({}, D0), m({}, D0 + 3600_000)], { ...cfg, spanGapS: 300 });
    expect(d.packetLoss).toBe(0);
    const joined = dayMetrics([m({}, D0), m({}, D0 + 3600_000)], { ...cfg, spanGapS: 4000 });
    expect(joined.packetLoss).toBeCloseTo(1 - 120 / 3660, 4);
  });
});
