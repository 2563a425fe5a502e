/**
 * Progress, rankings, the main-city check and notices of a constructed plan (test/plan-fixtures.ts)
 * on every dialect, with every expected figure computed by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { fixedClock } from '../src/clock.ts';
import { mainCityChecks } from '../src/plan/main-city-service.ts';
import {
  generateNotices,
  noticeCandidates,
  noticesOf,
  readableNotices,
  transitionNotice,
} from '../src/plan/notice-service.ts';
import type { Principal } from '../src/auth/principal.ts';
import { createPlan } from '../src/plan/plan-service.ts';
import { planProgress, type SubjectProgress } from '../src/plan/progress-service.ts';
import { planRanking } from '../src/plan/ranking-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  BING,
  DING,
  JIA,
  WU,
  YI,
  seedDailyData,
  testPlan,
  writeOffScaleHours,
} from './plan-fixtures.ts';

const who = { actor: 'tester' };
// Composite index of the fixed pollutants: 10/60 + 20/40 + 40/70 + 0.5/4 + 60/160.
const BASE = 10 / 60 + 20 / 40 + 40 / 70 + 0.5 / 4 + 60 / 160;
const ci = (pm25: number) => Math.round((BASE + pm25 / 35) * 100) / 100;

describe.each(dialectsUnderTest())('plan progress, rankings and notices on %s', (dialect) => {
  let t: TestStore;
  let ids: Map<string, number>;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    ids = await seedDailyData(t.db);
    await createPlan(t.db, fixedClock(1), who, testPlan(), { publish: true });
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const subject = (subjects: SubjectProgress[], key: string) =>
    subjects.find((s) => s.key === key)!;

  it('reports progress against the clock on 30 November 2020 (335 of 366 days)', async () => {
    const p = await planProgress(t.db, 't-2020', '2020-11-30');
    expect(p.pace).toMatchObject({ elapsedDays: 335, yearDays: 366, remainingDays: 31 });
    expect(p.editions).toMatchObject({
      aqi: 'HJ633-2012',
      assessment: 'HJ663-2013',
      limits: 'GB3095-2012',
    });
    const jia = subject(p.subjects, JIA);
    // 甲县: 40 every day; 2019: 50 → change −20 %; seasonal profile flat → projected 40 ≤ 45.
    expect(jia).toMatchObject({
      state: 'ok',
      stations: ['N1', 'S1'],
      status: 'on_track',
      primaryMethod: 'seasonal',
    });
    expect(jia.pm25).toMatchObject({
      soFar: 40,
      lastYearSamePeriod: 50,
      changePct: -20,
      status: 'on_track',
    });
    expect(jia.pm25.projected).toBeCloseTo(40, 10);
    // Same ratio: 50 × 40/50 = 40; linear: 40.
    expect(jia.projections.map((x) => [x.method, x.pm25])).toEqual([
      ['seasonal', expect.closeTo(40, 10)],
      ['same-ratio', expect.closeTo(40, 10)],
      ['linear', 40],
    ]);
    // Every day good: 335 so far; pace 300 × 335/366; projected 335 + 31 = 366.
    expect(jia.goodDays).toMatchObject({
      soFar: 335,
      target: 300,
      projected: 366,
      status: 'on_track',
    });
    expect(jia.goodDays.expectedByPace).toBeCloseTo((300 * 335) / 366, 10);
    expect(jia.heavyDays).toMatchObject({ used: 0, ceiling: 10, status: 'on_track' });
    expect(jia.heavyDays.expectedByPace).toBeCloseTo((10 * 335) / 366, 10);

    // 乙县: 50 both years; plan baseline 50 → required (45 − 50)/50 = −10 %, achieved 0 %;
    // projected 50 > 45 × 1.05 → off track.
    const yi = subject(p.subjects, YI);
    expect(yi.pm25).toMatchObject({
      soFar: 50,
      changePct: 0,
      requiredChangePct: -10,
      baseline: 50,
      baselineSource: 'plan',
      status: 'off_track',
    });
    expect(yi.status).toBe('off_track');

    // 丙县: no data in March and April: 335 − 31 − 30 = 274 valid days; no plan baseline →
    // measured 2019 mean 60 → required (52 − 60)/60 = −13.33 %; achieved (50 − 60)/60 = −16.67 %.
    const bing = subject(p.subjects, BING);
    expect(bing.ytd).toMatchObject({ validDays: 274, pm25: 50, countRuleMet: false });
    expect(bing.pm25).toMatchObject({
      baseline: 60,
      baselineSource: 'data',
      requiredChangePct: -13.33,
      changePct: -16.67,
      status: 'on_track',
    });
    // Seasonal good-day shares are 1 every month: ρ = 274/274 → 274 + 31 = 305 ≥ 250.
    expect(bing.goodDays).toMatchObject({ soFar: 274, projected: 305, status: 'on_track' });

    // 丁县: a station whose days are all invalid; 戊区: only micro and reference stations.
    expect(subject(p.subjects, DING)).toMatchObject({
      state: 'no_data',
      status: 'no_data',
      stations: ['S4'],
    });
    expect(subject(p.subjects, DING).pm25.soFar).toBeNull();
    expect(subject(p.subjects, WU)).toMatchObject({
      state: 'no_station',
      status: 'no_data',
      stations: [],
    });

    // The city on its national-control points N1 (40) and N2 (50): 45; required −10 % (the
    // plan's own −10 %), achieved (45 − 50)/50 = −10 %.
    const city = p.subjects.find((s) => s.kind === 'city')!;
    expect(city).toMatchObject({ stations: ['N1', 'N2'], state: 'ok' });
    expect(city.pm25).toMatchObject({
      soFar: 45,
      changePct: -10,
      requiredChangePct: -10,
      baselineSource: 'plan-percent',
    });
    // The city has a rate target (80 %): pace 0.8 × 366 × 335/366 = 268.
    expect(city.goodDays.expectedByPace).toBeCloseTo(268, 10);
    const main = p.subjects.find((s) => s.kind === 'main-city')!;
    expect(main).toMatchObject({ stations: ['N1'], status: 'no_target' });
  });

  it('handles 29 February of the leap year', async () => {
    const p = await planProgress(t.db, 't-2020', '2020-02-29');
    expect(p.pace).toMatchObject({ elapsedDays: 60, remainingDays: 306 });
    const jia = subject(p.subjects, JIA);
    // Same period last year: 1 January – 28 February 2019 (59 days, all 50).
    expect(jia.lastYearSamePeriod).toMatchObject({ to: '2019-02-28', validDays: 59, pm25: 50 });
    expect(jia.goodDays.soFar).toBe(60);
    const r = await planRanking(t.db, 't-2020', '2020-02-29');
    expect(r.previousPeriod).toMatchObject({ from: '2019-01-01', to: '2019-02-28' });
  });

  it('ranks the month with ties, unranked units without data, 后十 and the editions used', async () => {
    const r = await planRanking(t.db, 't-2020', '2020-11');
    expect(r.editions).toMatchObject({
      aqi: 'HJ633-2012',
      assessment: 'HJ663-2013',
      compositeIndex: '2018',
    });
    const row = (a: string) => r.rows.find((x) => x.adcode === a)!;
    // 甲 40 → 2.88; 乙 and 丙 50 → 3.17 (tied); 2019: 甲 3.17, 乙 3.17, 丙 60 → 3.45.
    expect(row(JIA).figures.compositeIndex).toBe(ci(40));
    expect(ci(40)).toBe(2.88);
    expect(row(YI).figures.compositeIndex).toBe(3.17);
    expect(row(BING).previous.compositeIndex).toBe(3.45);
    expect([
      row(JIA).ranks.compositeIndex,
      row(YI).ranks.compositeIndex,
      row(BING).ranks.compositeIndex,
    ]).toEqual([1, 2, 2]);
    expect([row(JIA).ranks.pm25, row(YI).ranks.pm25, row(BING).ranks.pm25]).toEqual([1, 2, 2]);
    // All days good: 100 % for the three → all rank 1.
    expect([row(JIA).ranks.goodRate, row(YI).ranks.goodRate, row(BING).ranks.goodRate]).toEqual([
      1, 1, 1,
    ]);
    // Changes: 甲 (2.88 − 3.17)/3.17 = −9.15 %, 丙 (3.17 − 3.45)/3.45 = −8.12 %, 乙 0 %.
    expect([
      row(JIA).ranks.compositeChangePct,
      row(BING).ranks.compositeChangePct,
      row(YI).ranks.compositeChangePct,
    ]).toEqual([-9.15, -8.12, 0]);
    expect([
      row(JIA).ranks.compositeChange,
      row(BING).ranks.compositeChange,
      row(YI).ranks.compositeChange,
    ]).toEqual([1, 2, 3]);
    // 后十 with bottomCount 2: the tied worst pair 乙 and 丙.
    expect(
      r.rows
        .filter((x) => x.ranks.bottom)
        .map((x) => x.name)
        .sort(),
    ).toEqual(['丙县', '乙县']);
    // Never ranked as zero.
    for (const a of [DING, WU]) {
      expect(row(a).ranks).toMatchObject({
        compositeIndex: null,
        pm25: null,
        goodRate: null,
        bottom: false,
      });
      expect(row(a).figures.compositeIndex).toBeNull();
    }
    expect(row(DING).state).toBe('no_data');
    expect(row(WU).state).toBe('no_station');
    expect(row(JIA).pm25Category).toEqual({ name: '良', color: '#FFFF00' });
    // Quarter and year to date: 丙 misses March and April, so its Q2 ranking is on May and June.
    const q2 = await planRanking(t.db, 't-2020', '2020-Q2');
    expect(q2.rows.find((x) => x.adcode === BING)!.figures).toMatchObject({
      validDays: 61,
      countRuleMet: false,
    });
    const ytd = await planRanking(t.db, 't-2020', '2020-11-30');
    expect(ytd.rows.find((x) => x.adcode === JIA)!.ranks.compositeIndex).toBe(1);
  });

  it('flags each month a unit dirtier than the main city in 2019 is not below it', async () => {
    const m = await mainCityChecks(t.db, 't-2020', '2020-11');
    // Main city = 甲县's national point N1: 40 in November; plan baseline 45.
    expect(m.mainCity).toMatchObject({
      stations: ['N1'],
      monthPm25: 40,
      baselinePm25: 45,
      baselineSource: 'plan',
    });
    const u = (a: string) => m.units.find((x) => x.adcode === a)!;
    expect(m.units.map((x) => x.adcode)).not.toContain(JIA);
    // 乙: plan baseline 50 > 45 → applies; 50 ≥ 40 → flagged.
    expect(u(YI)).toMatchObject({
      applies: true,
      flagged: true,
      marginPm25: 10,
      baselineSource: 'plan',
    });
    // 丙: measured 2019 mean 60 > 45 → applies; flagged.
    expect(u(BING)).toMatchObject({
      baselinePm25: 60,
      baselineSource: 'data',
      applies: true,
      flagged: true,
    });
    // 丁: no data at all → unknown, never flagged.
    expect(u(DING)).toMatchObject({ applies: null, flagged: null, monthPm25: null });
  });

  it('generates the notices of November with the figures that triggered them', async () => {
    // 72 hours of PM2.5 600 at S2 (乙县) from 10 November: the trailing 24-h mean needs 20 of 24
    // hours, so it is 600 (> 500, off the scale) from hour 19 until 4 hours after the data stop
    // (hour 75: 20 values left in the window) → hours 19–75 = 57.
    await writeOffScaleHours(t.db, ids.get('S2')!, '2020-11-10', 72);
    const c = await noticeCandidates(t.db, 't-2020', '2020-11');
    expect(c.offScale.get(YI)).toEqual({ hours: 57, longestRun: 57, triggered: true });
    expect(c.offScale.get(JIA)).toEqual({ hours: 0, longestRun: 0, triggered: false });
    expect(c.drafts.map((d) => `${d.kind}:${d.unitAdcode}`)).toEqual([
      'warning_letter:990002',
      'summons:990002',
      'bulletin:990000',
    ]);
    const warn = c.drafts[0]!;
    expect(warn.triggers).toHaveLength(1);
    expect(warn.triggers[0]).toMatchObject({
      code: 'pm25_improvement_behind',
      figures: { changePct: 0, requiredChangePct: -10, baseline: 50 },
    });
    const summons = c.drafts[1]!;
    expect(summons.triggers.map((x) => x.code)).toEqual(['target_off_track', 'aqi_off_scale']);
    expect(summons.triggers[1]!.figures).toMatchObject({ hours: 57, longestRun: 57, minHours: 24 });
    expect(c.drafts[2]!.body).toContain('未参与排名（无有效数据或无考核站点）：丁县、戊区');

    const saved = await generateNotices(t.db, fixedClock(10), who, 't-2020', '2020-11');
    expect(saved.map((n) => [n.kind, n.status, n.action])).toEqual([
      ['warning_letter', 'draft', 'created'],
      ['summons', 'draft', 'created'],
      ['bulletin', 'draft', 'created'],
    ]);
    const letter = saved[0]!;
    await expect(
      transitionNotice(t.db, fixedClock(11), who, letter.id, 'issued'),
    ).rejects.toMatchObject({ code: 'LT_ERR_NOTICE_TRANSITION' });
    await transitionNotice(t.db, fixedClock(12), who, letter.id, 'reviewed');
    await transitionNotice(t.db, fixedClock(13), who, letter.id, 'issued');
    await expect(
      transitionNotice(t.db, fixedClock(14), who, letter.id, 'responded'),
    ).rejects.toMatchObject({ code: 'LT_ERR_BAD_REQUEST' });
    const done = await transitionNotice(
      t.db,
      fixedClock(15),
      { actor: '乙县' },
      letter.id,
      'responded',
      '已制定整改方案',
    );
    expect(done).toMatchObject({
      status: 'responded',
      response: '已制定整改方案',
      respondedBy: '乙县',
      issuedAt: 13,
      reviewedAt: 12,
    });
    // Generating again keeps the answered letter and refreshes nothing that did not change.
    const again = await generateNotices(t.db, fixedClock(20), who, 't-2020', '2020-11');
    expect(again.map((n) => n.action)).toEqual(['kept', 'kept', 'kept']);
    expect(again[0]!.status).toBe('responded');
    // A county sees its own notices and the bulletin once issued: here only 乙's answered letter
    // (the summons and the bulletin are still drafts).
    const county = (regionAdcode: string): Principal => ({
      userId: 1,
      username: regionAdcode,
      displayName: regionAdcode,
      role: 'county',
      regionAdcode,
      via: 'session',
      mustChangePassword: false,
    });
    expect((await noticesOf(t.db, 't-2020', {})).length).toBe(3);
    const seen = async (adcode: string) =>
      (await readableNotices(t.db, county(adcode), 't-2020', {})).map((n) => n.kind).sort();
    expect(await seen(JIA)).toEqual([]);
    expect(await seen(YI)).toEqual(['warning_letter']);
    const audit = await listAudit(t.db, { actionPrefix: 'notice.' });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'notice.create',
      'notice.create',
      'notice.create',
      'notice.review',
      'notice.issue',
      'notice.respond',
    ]);
  });
});
