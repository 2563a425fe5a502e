/**
 * The Handan 2020 plan kept as data (data/plans/handan-2020/): every row of the annex transcribed
 * from the seed, the 20 units and their codes, the city targets, the main city, the base-year
 * inputs marked UNVERIFIED; and `plan load` through the region registry on every dialect.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { findRegion } from '../src/air/region-repo.ts';
import { fixedClock } from '../src/clock.ts';
import { readPlanFolder } from '../src/plan/plan-files.ts';
import { loadPlan } from '../src/plan/plan-loader.ts';
import { getVersion } from '../src/plan/plan-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

/** The plan folder in this repository (the test never reads anything outside it). */
const DIR = join(import.meta.dirname, '..', 'data', 'plans', 'handan-2020');
/** The files of the folder (data/plans/handan-2020/README.md). */
const FILES = ['plan.json', 'units.csv', 'targets.csv', 'baseline-2019.csv', 'stations.csv'];

/**
 * The annex 《2020年各县（市、区）空气质量改善目标》 of 邯气领〔2020〕1号 as printed: name, PM2.5
 * target (µg/m³), good days, good-day rate (%), heavy-pollution-day ceiling. Transcribed here from
 * the printed plan, independently of data/plans/handan-2020/targets.csv, so that a change to the
 * data files that departs from the plan fails.
 */
const ANNEX: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ['丛台区', 58, 190, 52.1, 24],
  ['邯山区', 58, 190, 52.1, 24],
  ['开发区', 58, 190, 52.1, 24],
  ['复兴区', 60, 190, 52.1, 24],
  ['冀南新区', 58, 190, 52.1, 24],
  ['永年区', 59, 200, 54.8, 24],
  ['磁县', 60, 190, 52.1, 24],
  ['武安市', 58, 190, 52.1, 24],
  ['峰峰矿区', 59, 190, 52.1, 24],
  ['肥乡区', 58, 190, 52.1, 24],
  ['临漳县', 57, 204, 55.7, 24],
  ['鸡泽县', 58, 191, 52.2, 24],
  ['大名县', 56, 211, 57.7, 24],
  ['馆陶县', 55, 190, 52.1, 24],
  ['曲周县', 55, 195, 53.3, 22],
  ['广平县', 57, 190, 52.1, 24],
  ['邱县', 57, 211, 57.7, 22],
  ['成安县', 55, 194, 53.0, 24],
  ['魏县', 57, 192, 52.5, 19],
  ['涉县', 50, 300, 82.2, 12],
];

/** Fails loudly, naming the file, when a fixture of the repository is missing. */
function requireFixtures(dir: string, files: readonly string[]): void {
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0)
    throw new Error(
      `fixture missing from the repository: ${missing.map((f) => join(dir, f)).join(', ')}`,
    );
}

describe('the Handan 2020 plan as data', () => {
  requireFixtures(DIR, FILES);
  const { document: doc, stations } = readPlanFolder(DIR);

  it('has every file of the plan folder, and says which one is missing', () => {
    expect(() => requireFixtures(DIR, FILES)).not.toThrow();
    expect(() => requireFixtures(DIR, [...FILES, 'annex-2.csv'])).toThrow(
      /fixture missing from the repository: .*annex-2\.csv/,
    );
  });
  const unit = (name: string) => doc.units.find((u) => u.name === name)!;

  it('has the 20 units of the annex, in its order, with their codes', () => {
    expect(doc.units).toHaveLength(20);
    expect(doc.units.map((u) => u.name)).toEqual([
      '丛台区',
      '邯山区',
      '开发区',
      '复兴区',
      '冀南新区',
      '永年区',
      '磁县',
      '武安市',
      '峰峰矿区',
      '肥乡区',
      '临漳县',
      '鸡泽县',
      '大名县',
      '馆陶县',
      '曲周县',
      '广平县',
      '邱县',
      '成安县',
      '魏县',
      '涉县',
    ]);
    expect(unit('开发区')).toMatchObject({
      adcode: '130471',
      level: 'zone',
      fullName: '邯郸经济技术开发区',
    });
    expect(unit('冀南新区')).toMatchObject({ adcode: '130473', level: 'zone' });
    expect(unit('开发区').marker).toMatchObject({ verified: false });
    expect(unit('永年区').adcode).toBe('130408');
    expect(unit('武安市').adcode).toBe('130481');
    expect(doc.units.filter((u) => u.level === 'county')).toHaveLength(18);
    expect(new Set(doc.units.map((u) => u.adcode)).size).toBe(20);
  });

  it('transcribes the annex rows exactly', () => {
    const t = (name: string) => unit(name).target;
    expect(t('丛台区')).toEqual({ pm25: 58, goodDays: 190, goodRatePct: 52.1, heavyDays: 24 });
    expect(t('复兴区')).toEqual({ pm25: 60, goodDays: 190, goodRatePct: 52.1, heavyDays: 24 });
    expect(t('永年区')).toEqual({ pm25: 59, goodDays: 200, goodRatePct: 54.8, heavyDays: 24 });
    expect(t('临漳县')).toEqual({ pm25: 57, goodDays: 204, goodRatePct: 55.7, heavyDays: 24 });
    expect(t('曲周县')).toEqual({ pm25: 55, goodDays: 195, goodRatePct: 53.3, heavyDays: 22 });
    expect(t('邱县')).toEqual({ pm25: 57, goodDays: 211, goodRatePct: 57.7, heavyDays: 22 });
    expect(t('魏县')).toEqual({ pm25: 57, goodDays: 192, goodRatePct: 52.5, heavyDays: 19 });
    expect(t('涉县')).toEqual({ pm25: 50, goodDays: 300, goodRatePct: 82.2, heavyDays: 12 });
    // Every row of the annex as printed, against the data files.
    expect(doc.units.map((u) => u.name)).toEqual(ANNEX.map(([name]) => name));
    expect(doc.units.map((u) => u.target)).toEqual(
      ANNEX.map(([, pm25, goodDays, goodRatePct, heavyDays]) => ({
        pm25,
        goodDays,
        goodRatePct,
        heavyDays,
      })),
    );
  });

  it('keeps the annex as printed although its rates mix 365- and 366-day years', () => {
    // 190/365 = 52.05 % → 52.1 (as printed); 190/366 = 51.9 %. 204/366 = 55.7 % (as printed);
    // 204/365 = 55.9 %. The plan's day counts are the targets; the rates are kept as printed.
    const by = (days: number) =>
      doc.units
        .filter((u) => {
          const t = u.target;
          return Math.round((t.goodDays! / days) * 1000) / 10 === t.goodRatePct;
        })
        .map((u) => u.name);
    expect(by(365)).toContain('涉县');
    expect(by(366)).toContain('临漳县');
    expect(by(365).length + by(366).length).toBeGreaterThanOrEqual(20);
  });

  it('has the city targets, the main city and the base year as marked inputs', () => {
    expect(doc.city).toMatchObject({ adcode: '130400', name: '邯郸市', parentAdcode: '130000' });
    expect(doc.city.target).toMatchObject({
      pm25: 60,
      pm25ReductionPct: 8,
      goodRatePct: 52.1,
      goodDays: null,
      heavyDays: null,
    });
    expect(doc.mainCity!.members).toEqual(['130402', '130403', '130404', '130471']);
    // 60 / (1 − 8 %) = 65.2 → 65: derived, not published.
    expect(doc.city.baseline).toMatchObject({ pm25: 65, verified: false, source: 'derived' });
    expect(doc.units.every((u) => u.baseline.pm25 === null && !u.baseline.verified)).toBe(true);
    expect(doc.mainCity!.baseline.pm25).toBeNull();
    expect(doc.rules.mainCityRule.enabled).toBe(true);
    expect(stations.map((s) => s.code)).toEqual(['1047A', '1048A', '1049A', '1050A']);
  });
});

describe.each(dialectsUnderTest())('plan load on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lantian-plans-'));
    cpSync(DIR, join(dir, 'handan-2020'), { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('registers the regions, the stations and the plan, once', async () => {
    const first = await loadPlan(t.db, fixedClock(1), { actor: 'cli:test' }, 'handan-2020', {
      plansDir: dir,
    });
    expect(first).toMatchObject({ action: 'created', regions: 22, stations: 4 });
    expect(first.plan).toMatchObject({ version: 1, status: 'published' });
    expect(await findRegion(t.db, '130471')).toMatchObject({
      name: '邯郸经济技术开发区',
      level: 'zone',
      parent_adcode: '130400',
    });
    expect(await findRegion(t.db, '130400')).toMatchObject({
      level: 'city',
      parent_adcode: '130000',
    });
    const again = await loadPlan(t.db, fixedClock(2), { actor: 'cli:test' }, 'handan-2020', {
      plansDir: dir,
    });
    expect(again.action).toBe('unchanged');
  });

  it('turns changed files into a new published version and leaves the old one as it was', async () => {
    const path = join(dir, 'handan-2020', 'targets.csv');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('20,涉县,50,300,82.2,12', '20,涉县,49,300,82.2,12'),
    );
    const r = await loadPlan(t.db, fixedClock(3), { actor: 'cli:test' }, 'handan-2020', {
      plansDir: dir,
    });
    expect(r).toMatchObject({ action: 'new-version', plan: { version: 2, status: 'published' } });
    expect(r.plan.document.units.find((u) => u.name === '涉县')!.target.pm25).toBe(49);
    const v1 = await getVersion(t.db, 'handan-2020', 1);
    expect(v1.document.units.find((u) => u.name === '涉县')!.target.pm25).toBe(50);
    const actions = (await listAudit(t.db, { actionPrefix: 'plan.' }))
      .map((a) => a.action)
      .reverse();
    expect(actions).toEqual([
      'plan.create',
      'plan.publish',
      'plan.draft',
      'plan.replace',
      'plan.publish',
    ]);
  });
});
