/** The alarm detectors (src/sources/alarms/rules/) at their boundaries. */
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../src/standards/local-date.ts';
import type { HourValue } from '../src/sources/alarms/rules/episode.ts';
import { levelsDue, escalationDueAt } from '../src/sources/alarms/rules/escalation.ts';
import { exceedances } from '../src/sources/alarms/rules/exceedance.ts';
import { flatLines } from '../src/sources/alarms/rules/flat-line.ts';
import { mergeEpisodes } from '../src/sources/alarms/rules/merge.ts';
import { missingHours } from '../src/sources/alarms/rules/missing-data.ts';
import { productionWithoutTreatment } from '../src/sources/alarms/rules/no-treatment.ts';
import { offline } from '../src/sources/alarms/rules/offline.ts';
import {
  localHourOfDay,
  longFlagPeriods,
  oddCalibrations,
  type FlagRules,
} from '../src/sources/alarms/rules/suspicious-flags.ts';

// 2026-03-01 00:00 Asia/Shanghai = 2026-02-28T16:00Z
const T0 = Date.UTC(2026, 1, 28, 16);
const h = (i: number): number => T0 + i * HOUR_MS;

/** A series of hourly values from a list (null = no value, 'M' etc. = flagged, invalid hour). */
function series(values: Array<number | null | [number, string]>, from = 0): HourValue[] {
  return values.map((v, i) =>
    Array.isArray(v)
      ? { hour: h(from + i), value: v[0], valid: v[1] === 'N' || v[1] === 'T', flag: v[1] }
      : { hour: h(from + i), value: v, valid: v !== null, flag: v === null ? null : 'N' },
  );
}

describe('exceedance', () => {
  it('needs N consecutive valid hours strictly over the limit', () => {
    expect(exceedances('a21026', series([36, 36, 35, 36]), 35, 3)).toEqual([]);
    const e = exceedances('a21026', series([36, 37, 40, 10]), 35, 3);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ hours: [h(0), h(1), h(2)], ongoing: false });
    expect(e[0]!.detail).toMatchObject({ limit: 35, max: 40 });
    expect(exceedances('a21026', series([10, 36, 37, 40]), 35, 3)[0]!.ongoing).toBe(true);
    expect(exceedances('a21026', series([36, 37]), 35, 2)).toHaveLength(1);
  });

  it('an invalid or a missing hour ends a run', () => {
    expect(exceedances('a21026', series([36, [90, 'M'], 37, 38]), 35, 3)).toEqual([]);
    const gap = [...series([36, 37]), ...series([38], 3)];
    expect(exceedances('a21026', gap, 35, 3)).toEqual([]);
    // T (above the range) is a real measurement and counts.
    expect(exceedances('a21026', series([36, [99, 'T'], 37]), 35, 3)).toHaveLength(1);
  });
});

describe('missing data', () => {
  const base = { from: h(0), graceMinutes: 60, minHours: 1 };
  it('an hour is missing once the grace after its end has passed', () => {
    const present = new Set([h(0)]);
    // hour 1 ends at h(2); due at h(2) + 60 min = h(3)
    expect(missingHours({ ...base, present, now: h(3) - 1 })).toEqual([]);
    const at = missingHours({ ...base, present, now: h(3) });
    expect(at).toEqual([
      {
        kind: 'missing',
        pollutant: null,
        hours: [h(1)],
        ongoing: true,
        detail: { graceMinutes: 60 },
      },
    ]);
  });
  it('consecutive missing hours are one episode; minHours filters short gaps', () => {
    const present = new Set([h(0), h(3)]);
    const e = missingHours({ ...base, present, now: h(6) });
    expect(e.map((x) => x.hours)).toEqual([[h(1), h(2)], [h(4)]]);
    expect(missingHours({ ...base, minHours: 2, present, now: h(6) }).map((x) => x.hours)).toEqual([
      [h(1), h(2)],
    ]);
  });
});

describe('offline', () => {
  it('M minutes of silence make an outage, counted by the hours it touches', () => {
    expect(offline(null, h(5), 30)).toBeNull();
    expect(offline(h(1), h(1) + 30 * 60_000 - 1, 30)).toBeNull();
    const e = offline(h(1), h(1) + 30 * 60_000, 30)!;
    expect(e.hours).toEqual([h(1)]);
    expect(e.detail).toEqual({ since: h(1), minutes: 30 });
    expect(offline(h(1) + 50 * 60_000, h(3) + 5, 30)!.hours).toEqual([h(2), h(3)]);
  });
});

describe('flat line', () => {
  const rule = { minHours: 4, tolerance: 0, floor: 0 };
  it('K identical valid hours, not K − 1', () => {
    expect(flatLines('a21002', series([20, 20, 20, 21]), rule)).toEqual([]);
    const e = flatLines('a21002', series([5, 20, 20, 20, 20]), rule);
    expect(e.map((x) => x.hours)).toEqual([[h(1), h(2), h(3), h(4)]]);
    expect(e[0]!.detail).toMatchObject({ value: 20 });
  });
  it('a tolerance admits small moves from the first value; zeros are not judged', () => {
    expect(
      flatLines('a21002', series([20, 20.1, 19.9, 20]), { ...rule, tolerance: 0.1 }),
    ).toHaveLength(1);
    expect(
      flatLines('a21002', series([20, 20.1, 20.2, 20.2]), { ...rule, tolerance: 0.1 }),
    ).toEqual([]);
    expect(flatLines('a21002', series([0, 0, 0, 0, 0]), rule)).toEqual([]);
    expect(flatLines('a21002', series([20, 20, [20, 'M'], 20, 20]), rule)).toEqual([]);
  });
});

describe('suspicious flags', () => {
  const rules: FlagRules = {
    maxHours: { M: 24, D: 24, C: 3 },
    calibrationFrom: 8,
    calibrationTo: 18,
    utcOffsetMinutes: 480,
  };
  const flags = (fs: Array<string | null>, from = 0) =>
    fs.map((flag, i) => ({ hour: h(from + i), flag }));
  it('a flag held longer than allowed', () => {
    // daytime calibration (local 10:00–13:00)
    expect(longFlagPeriods('a21026', flags(['C', 'C', 'C'], 10), rules)).toEqual([]);
    const e = longFlagPeriods('a21026', flags(['N', 'C', 'C', 'C', 'C'], 9), rules);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ kind: 'flag_period', hours: [h(10), h(11), h(12), h(13)] });
    expect(e[0]!.detail).toEqual({ flag: 'C', maxHours: 3 });
    expect(longFlagPeriods('a21026', flags(Array(24).fill('M')), rules)).toEqual([]);
    expect(longFlagPeriods('a21026', flags(Array(25).fill('M')), rules)).toHaveLength(1);
  });
  it('calibration outside the local working window', () => {
    expect(localHourOfDay(h(0), 480)).toBe(0);
    expect(localHourOfDay(h(7) + HOUR_MS - 1, 480)).toBe(7);
    expect(oddCalibrations('a21026', flags(['C'], 8), rules)).toEqual([]);
    expect(oddCalibrations('a21026', flags(['C'], 17), rules)).toEqual([]);
    expect(oddCalibrations('a21026', flags(['C'], 18), rules).map((e) => e.hours)).toEqual([
      [h(18)],
    ]);
    expect(oddCalibrations('a21026', flags(['C', 'C', 'N'], 6), rules).map((e) => e.hours)).toEqual(
      [[h(6), h(7)]],
    );
  });
});

describe('production without treatment', () => {
  it('hours in which the line runs and its treatment does not', () => {
    const s = [
      { time: h(0), production: true, treatment: true },
      { time: h(1), production: true, treatment: false },
      { time: h(2), production: false, treatment: false },
      { time: h(3), production: true, treatment: false },
      { time: h(4), production: true, treatment: false },
    ];
    expect(productionWithoutTreatment(s, 1).map((e) => [e.hours, e.ongoing])).toEqual([
      [[h(1)], false],
      [[h(3), h(4)], true],
    ]);
    expect(productionWithoutTreatment(s, 2).map((e) => e.hours)).toEqual([[h(3), h(4)]]);
  });
});

describe('merging duplicates', () => {
  const ep = (hours: number[], ongoing = true) => ({
    kind: 'exceedance' as const,
    pollutant: 'a21026',
    hours,
    ongoing,
    detail: { max: 1 },
  });
  it('opens once, then counts only new hours; a rerun adds nothing', () => {
    const first = mergeEpisodes(undefined, [ep([h(0), h(1), h(2)])]);
    expect(first).toMatchObject({ action: 'open', firstSeen: h(0), lastSeen: h(2), hours: 3 });
    const mark = { lastSeen: h(2), open: true, active: true };
    expect(mergeEpisodes(mark, [ep([h(0), h(1), h(2)])])).toEqual({ action: 'none' });
    expect(mergeEpisodes(mark, [ep([h(0), h(1), h(2), h(3)])])).toMatchObject({
      action: 'extend',
      lastSeen: h(3),
      hours: 1,
      active: true,
    });
  });
  it('the condition ending clears the open alarm; closed hours never reopen', () => {
    const mark = { lastSeen: h(2), open: true, active: true };
    expect(mergeEpisodes(mark, [])).toMatchObject({ action: 'extend', hours: 0, active: false });
    const closed = { lastSeen: h(2), open: false, active: false };
    expect(mergeEpisodes(closed, [ep([h(0), h(1), h(2)])])).toEqual({ action: 'none' });
    expect(mergeEpisodes(closed, [ep([h(1), h(2), h(3), h(4)])])).toMatchObject({
      action: 'open',
      firstSeen: h(3),
      hours: 2,
    });
  });
});

describe('escalation', () => {
  const rule = { countyAfterHours: 24, cityAfterHours: 72 };
  it('raises to the county after 24 h and to the city after 72 h, not before', () => {
    expect(escalationDueAt(0, h(0), rule)).toBe(h(24));
    expect(escalationDueAt(2, h(0), rule)).toBeNull();
    expect(levelsDue(0, h(0), h(24) - 1, rule)).toEqual([]);
    expect(levelsDue(0, h(0), h(24), rule)).toEqual([1]);
    expect(levelsDue(1, h(0), h(72) - 1, rule)).toEqual([]);
    expect(levelsDue(0, h(0), h(72), rule)).toEqual([1, 2]);
    expect(levelsDue(2, h(0), h(1000), rule)).toEqual([]);
  });
});
