/**
 * Real data: the Beijing PRSA stations of 2015 and 2016 (test/fixtures/prsa-2015, prsa-2016) rank
 * Beijing's eight districts with the same machinery as the Handan plan, by month and by year.
 *
 * The expected figures were computed by hand from the fixture CSVs, independently of Lantian
 * (a short script: hourly values → daily means with ≥ 20 hours → district daily mean over its
 * stations → period mean; CO p95 of daily means in mg/m³; O3 p90 of daily MDA8 with ≥ 14 valid
 * 8-h windows of ≥ 6 hours; percentiles k = 1 + (n − 1)p; concentrations rounded half-even to
 * integers, CO to 1 dp; I = SO2/60 + NO2/40 + PM10/70 + PM2.5/35 + CO/4 + O3/160, 2 dp):
 *
 * December 2016   PM2.5 PM10 SO2 NO2  CO  O3   index   Dec 2015 index  change
 *   怀柔区           91   111   8   51  5.2  68   7.32     8.68        −15.67 %
 *   昌平区          103   116  15   63  4.5  59   7.92     9.06        −12.58 %
 *   顺义区          118   130  20   70  5.4  70   9.10    10.14        −10.26 %
 *   海淀区          127   147  20   91  6.7  67  10.43    10.57         −1.32 %
 *   石景山区        134   164  17   83  6.5  50  10.47    11.47         −8.72 %
 *   朝阳区          139   156  19   84  6.1  64  10.54    11.41         −7.62 %
 *   西城区          150   167  20   88  6.5  55  11.17    11.32         −1.33 %
 *   东城区          147   183  16   83  6.9  59  11.25    11.14         +0.99 %
 * e.g. 怀柔区: 8/60 + 51/40 + 111/70 + 91/35 + 5.2/4 + 68/160 = 0.133 + 1.275 + 1.586 + 2.6 +
 * 1.3 + 0.425 = 7.319 → 7.32; change (7.32 − 8.68)/8.68 = −15.67 %.
 *
 * Year 2016 PM2.5 (mean of valid district days): 昌平区 60.79 → 61, 怀柔区 61.59 → 62,
 * 顺义区 71.11 → 71, 海淀区 71.56 → 72, 朝阳区 75.05 → 75, 东城区 76.92 → 77, 石景山区 77.58 → 78,
 * 西城区 77.88 → 78 (石景山区 and 西城区 tie on the published integer: both rank 7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.ts';
import { importPrsa } from '../src/imports/prsa-import.ts';
import { createPlan } from '../src/plan/plan-service.ts';
import { planRanking, type PlanRanking } from '../src/plan/ranking-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

/** A plan for Beijing's eight districts (targets are test values, not Beijing's). */
export function beijingPlan() {
  const districts: Array<[string, string]> = [
    ['110101', '东城区'],
    ['110102', '西城区'],
    ['110105', '朝阳区'],
    ['110107', '石景山区'],
    ['110108', '海淀区'],
    ['110113', '顺义区'],
    ['110114', '昌平区'],
    ['110116', '怀柔区'],
  ];
  return {
    id: 'beijing-2016',
    name: '北京市2016年各区空气质量排名（测试）',
    year: 2016,
    baseYear: 2015,
    city: { adcode: '110000', name: '北京市', target: { pm25: 70, goodRatePct: 55 } },
    mainCity: { name: '城六区', members: ['110101', '110102', '110105', '110107', '110108'] },
    units: districts.map(([adcode, name]) => ({
      adcode,
      name,
      target: { pm25: 70, goodDays: 200, heavyDays: 30 },
    })),
    rules: { ranking: { bottomCount: 3 } },
  };
}

describe.each(dialectsUnderTest())(
  'Beijing districts ranked by the plan machinery on %s',
  (dialect) => {
    let t: TestStore;
    let dec: PlanRanking;
    beforeAll(async () => {
      t = await openTestStore(dialect);
      await importPrsa(t.db, 'test/fixtures/prsa-2015', { clock: fixedClock(0) });
      await importPrsa(t.db, 'test/fixtures/prsa-2016', { clock: fixedClock(0) });
      await createPlan(t.db, fixedClock(0), { actor: 'test' }, beijingPlan(), { publish: true });
      dec = await planRanking(t.db, 'beijing-2016', '2016-12');
    }, 300_000);
    afterAll(async () => t?.cleanup());

    const byRank = (r: PlanRanking) =>
      [...r.rows].sort((a, b) => a.ranks.compositeIndex! - b.ranks.compositeIndex!);

    it('pins December 2016: composite index, statistics, ranks and the change against December 2015', () => {
      expect(
        byRank(dec).map((x) => [
          x.name,
          x.figures.compositeIndex,
          x.figures.pm25,
          x.ranks.compositeIndex,
        ]),
      ).toEqual([
        ['怀柔区', 7.32, 91, 1],
        ['昌平区', 7.92, 103, 2],
        ['顺义区', 9.1, 118, 3],
        ['海淀区', 10.43, 127, 4],
        ['石景山区', 10.47, 134, 5],
        ['朝阳区', 10.54, 139, 6],
        ['西城区', 11.17, 150, 7],
        ['东城区', 11.25, 147, 8],
      ]);
      const hr = dec.rows.find((x) => x.name === '怀柔区')!;
      expect(hr.figures).toMatchObject({
        pm10: 111,
        so2: 8,
        no2: 51,
        co: 5.2,
        o3: 68,
        pm25Days: 31,
      });
      expect(hr.previous.compositeIndex).toBe(8.68);
      expect(hr.ranks.compositeChangePct).toBe(-15.67);
      expect(dec.rows.find((x) => x.name === '东城区')!.ranks.compositeChangePct).toBe(0.99);
      // PM2.5 ranking differs from the index ranking: 东城区 (147) is cleaner than 西城区 (150).
      expect(dec.rows.find((x) => x.name === '东城区')!.ranks.pm25).toBe(7);
      expect(dec.rows.find((x) => x.name === '西城区')!.ranks.pm25).toBe(8);
      // Improvement: 怀柔 −15.67, 昌平 −12.58, 顺义 −10.26, 石景山 −8.72, 朝阳 −7.62, 西城 −1.33,
      // 海淀 −1.32, 东城 +0.99.
      expect(
        [...dec.rows]
          .sort((a, b) => a.ranks.compositeChange! - b.ranks.compositeChange!)
          .map((x) => x.name),
      ).toEqual(['怀柔区', '昌平区', '顺义区', '石景山区', '朝阳区', '西城区', '海淀区', '东城区']);
      // 后十 with bottomCount 3: the three worst by the index.
      expect(
        dec.rows
          .filter((x) => x.ranks.bottom)
          .map((x) => x.name)
          .sort(),
      ).toEqual(['东城区', '朝阳区', '西城区'].sort());
      expect(dec.editions).toMatchObject({
        aqi: 'HJ633-2012',
        assessment: 'HJ663-2013',
        limits: 'GB3095-2012',
      });
    });

    it('pins the 2016 PM2.5 ranking with its tie', async () => {
      const y = await planRanking(t.db, 'beijing-2016', '2016');
      const pm = [...y.rows].sort(
        (a, b) => a.ranks.pm25! - b.ranks.pm25! || a.name.localeCompare(b.name),
      );
      expect(pm.map((x) => [x.name, x.figures.pm25, x.ranks.pm25])).toEqual([
        ['昌平区', 61, 1],
        ['怀柔区', 62, 2],
        ['顺义区', 71, 3],
        ['海淀区', 72, 4],
        ['朝阳区', 75, 5],
        ['东城区', 77, 6],
        ['石景山区', 78, 7],
        ['西城区', 78, 7],
      ]);
      expect(y.rows.find((x) => x.name === '怀柔区')!.figures.compositeIndex).toBe(5.54);
      expect(y.rows.find((x) => x.name === '怀柔区')!.ranks.compositeIndex).toBe(1);
    });
  },
);
