// The merge rule, the episodes' spans and the lead time (docs/warnings.md §2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gapHours } from './episode-grading.ts';
import { levelRank } from './levels.ts';
import { gradeForecast } from './grade-forecast.ts';
import { forecastOf, grade, type DaySpec } from './test-forecasts.ts';
import { NATIONAL_WARNING_SETTINGS, resolveWarningRules } from './warning-config.ts';

describe('merge rule (two episodes too close to clear become one)', () => {
  it('merges across one clean day (24 h < 36 h) at the stricter level', () => {
    const g = grade('2019', [201, 201, 100, 201, 201, 201]);
    expect(g.episodes).toHaveLength(1);
    expect(g).toMatchObject({ level: 'orange', from: '2020-12-01', to: '2020-12-06' });
    expect(g.episodes[0]?.parts.map((p) => [p.from, p.to, p.thresholdLevel])).toEqual([
      ['2020-12-01', '2020-12-02', 'yellow'],
      ['2020-12-04', '2020-12-06', 'orange'],
    ]);
    expect(g.basis?.matches[0]?.dates).toEqual(['2020-12-04', '2020-12-05', '2020-12-06']);
    expect(g.reason).toContain(
      '12月1日至12月2日（黄色预警）与12月4日至12月6日（橙色预警）间隔过短',
    );
  });

  it('keeps episodes two clean days apart (48 h) separate', () => {
    const g = grade('2019', [201, 201, 100, 100, 201, 201, 201]);
    expect(g.episodes.map((e) => [e.from, e.level])).toEqual([
      ['2020-12-01', 'yellow'],
      ['2020-12-05', 'orange'],
    ]);
    expect(g).toMatchObject({ level: 'orange', from: '2020-12-05' });
  });

  it('takes its gap from configuration (UNVERIFIED value)', () => {
    const specs = [201, 201, 100, 100, 201, 201, 201];
    expect(grade('2019', specs, { mergeGapHours: 49 }).episodes).toHaveLength(1);
    expect(grade('2019', specs, { mergeGapHours: 48 }).episodes).toHaveLength(2);
    expect(grade('2019', [201, 201, 100, 201, 201], { mergeGapHours: 0 }).episodes).toHaveLength(2);
    expect(grade('2019', [201, 201, 100, 201, 201], { mergeGapHours: 24 }).episodes).toHaveLength(
      2,
    );
    expect(grade('2019', [201, 201, 100, 201, 201], { mergeGapHours: 25 }).episodes).toHaveLength(
      1,
    );
  });

  it('chains: three close episodes become one', () => {
    const g = grade('2024', [201, 100, 201, 100, 201, 201]);
    expect(g.episodes).toHaveLength(1);
    expect(g.episodes[0]?.parts).toHaveLength(3);
    expect(g).toMatchObject({ level: 'orange', from: '2020-12-01', to: '2020-12-06' });
  });

  it('does not merge a coloured episode with an advisory one', () => {
    const o3 = { aqi: 230, primary: 'O3' as const };
    const g = grade('2024', [201, 100, o3, o3]);
    expect(g.episodes.map((e) => [e.response, e.from, e.to])).toEqual([
      ['industrial', '2020-12-01', '2020-12-01'],
      ['advice', '2020-12-03', '2020-12-04'],
    ]);
  });

  it('does not count a spell that reaches no level as an episode', () => {
    // 2019: one day > 200 is no episode, so nothing merges with it.
    const g = grade('2019', [201, 100, 201, 201]);
    expect(g.episodes.map((e) => [e.from, e.to, e.level])).toEqual([
      ['2020-12-03', '2020-12-04', 'yellow'],
    ]);
  });

  it('measures the gap in whole days × 24 h', () => {
    expect(gapHours('2020-12-02', '2020-12-03')).toBe(0);
    expect(gapHours('2020-12-02', '2020-12-04')).toBe(24);
    expect(gapHours('2020-12-31', '2021-01-03')).toBe(48);
  });

  const spec: fc.Arbitrary<DaySpec> = fc.integer({ min: 0, max: 499 });
  it('property: merging never changes the recommended level, only the spans', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('2019' as const, '2024' as const),
        fc.integer({ min: 0, max: 120 }),
        (specs, edition, gap) => {
          const merged = grade(edition, specs, { mergeGapHours: gap });
          const plain = grade(edition, specs, { mergeGapHours: 0 });
          expect(merged.level).toBe(plain.level);
          expect(merged.episodes.length).toBeLessThanOrEqual(plain.episodes.length);
          for (let i = 1; i < merged.episodes.length; i++) {
            const a = merged.episodes[i - 1]!;
            const b = merged.episodes[i]!;
            expect(a.to < b.from).toBe(true);
            expect(gapHours(a.to, b.from)).toBeGreaterThanOrEqual(gap);
          }
          for (const e of merged.episodes)
            expect(levelRank(e.level)).toBe(
              Math.max(...e.parts.map((p) => levelRank(p.thresholdLevel))),
            );
        },
      ),
    );
  });
});

describe('lead time', () => {
  it('counts the days from the issue date to the episode start against the required lead', () => {
    const specs = [100, 100, 100, 201, 201];
    const on = (issued: string, requiredLeadDays = 3) =>
      grade('2024', specs, { requiredLeadDays }, { issued });
    expect(on('2020-12-01')).toMatchObject({ from: '2020-12-04', leadDays: 3, leadShort: false });
    expect(on('2020-12-02')).toMatchObject({ leadDays: 2, leadShort: true });
    expect(on('2020-12-02').reason).toContain('提前 2 天，少于要求的 3 天');
    expect(on('2020-12-02', 1)).toMatchObject({ leadDays: 2, leadShort: false });
    expect(on('2020-12-05')).toMatchObject({ leadDays: -1, leadShort: true });
  });

  it('is unknown without an issue date, and not judged when nothing is recommended', () => {
    expect(grade('2024', [201, 201])).toMatchObject({ leadDays: null, leadShort: null });
    expect(grade('2024', [201, 201]).notes).toContain('未给出预报发布日期，无法计算提前量');
    expect(grade('2024', [100], {}, { issued: '2020-11-30' })).toMatchObject({
      level: 'none',
      leadDays: null,
      leadShort: null,
    });
  });
});

describe('gradeForecast', () => {
  it('refuses days that are not consecutive (validate the forecast first)', () => {
    const f = forecastOf([201, 201]);
    f.days[1]!.date = '2020-12-03';
    const s = resolveWarningRules(NATIONAL_WARNING_SETTINGS, '2020-12-01', '2024');
    expect(() => gradeForecast(f, s)).toThrow(/consecutive/);
    expect(() => gradeForecast({ ...f, days: [] }, s)).toThrow(RangeError);
  });
});

describe('the recommended episode', () => {
  it('is the one with the highest level, the earliest on ties', () => {
    const g = grade('2024', [201, 100, 100, 201, 201, 100, 100, 201, 201]);
    expect(g.episodes.map((e) => e.level)).toEqual(['yellow', 'orange', 'orange']);
    expect(g).toMatchObject({ level: 'orange', from: '2020-12-04', to: '2020-12-05' });
  });

  it('says why nothing is recommended', () => {
    const g = grade('2019', [150, 201, 180]);
    expect(g).toMatchObject({ level: 'none', response: 'none', from: null, to: null, basis: null });
    expect(g.reason).toBe('预报期内未达到任何预警启动条件（日AQI最高 201，12月2日）');
  });

  it('flags episodes cut by the forecast window', () => {
    const g = grade('2024', [201, 201, 100, 100, 201]);
    expect(g.episodes.map((e) => [e.openStart, e.openEnd])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(g.notes).toContain('12月1日至12月2日 的过程从预报首日开始，可能此前已经开始');
  });

  it('gives the reason as text and as data', () => {
    const g = grade('2024', [100, 100, 215, 230, 120]);
    expect(g.reason).toBe(
      '12月3日、12月4日 日AQI>200（48小时） → 橙色预警（II级），依据 环大气〔2024〕6号 橙色：日AQI>200持续48小时及以上',
    );
    expect(g.basis).toEqual({
      level: 'orange',
      conditionId: '2024.orange.a',
      source: '环大气〔2024〕6号 橙色：日AQI>200持续48小时及以上',
      verified: true,
      layer: null,
      matches: [{ op: '>', aqi: 200, hours: 48, dates: ['2020-12-03', '2020-12-04'] }],
    });
    expect(g.episodes[0]?.peak).toEqual({ aqi: 230, date: '2020-12-04' });
  });
});
