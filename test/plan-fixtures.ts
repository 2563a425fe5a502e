/**
 * Constructed data for the plan tests: a test city T市 (990000) with five units whose daily
 * figures are chosen so that targets, pace, projections, rankings and notices are known by hand.
 *
 *   unit          stations (role)                       PM2.5 2019 | 2020 (every day)
 *   990001 甲县   S1 省控, N1 国控 (assessment)            50 | 40
 *   990002 乙县   S2 省控, N2 国控 (assessment)            50 | 50
 *   990003 丙县   S3 省控 (assessment)                     60 | 50, no data in March and April 2020
 *   990004 丁县   S4 省控 (assessment)                     no valid value at all (rows of nulls)
 *   990005 戊区   M5 微站 (micro), R5 对照点 (reference)    999 | 999 — must never count
 *
 * Other pollutants every day: SO2 10, NO2 20, PM10 40, CO 0.5, O3 MDA8 60, O3 max 1-h 80, so
 * every day is good (AQI ≤ 100) and the composite index is 1.738095… + PM2.5/35.
 */
import { createDataSource } from '../src/imports/import-log.ts';
import { upsertRegions } from '../src/air/region-repo.ts';
import { upsertStations } from '../src/air/station-repo.ts';
import { withReadingTransaction } from '../src/air/reading-writer.ts';
import { eachLocalDate } from '../src/standards/index.ts';
import type { Db } from '../src/store/db.ts';
import { localToEpoch } from '../src/time/zoned-time.ts';
import type { PlanDocumentInput } from '../src/plan/plan-document.ts';

export const CITY = '990000';
export const JIA = '990001';
export const YI = '990002';
export const BING = '990003';
export const DING = '990004';
export const WU = '990005';

/** The tables of the monthly report, in order (the workbook's sheets, the JSON's tables). */
export const MONTHLY_TABLES = [
  '月度排名',
  '季度排名',
  '年累计排名',
  '改善幅度排名',
  '时序进度',
  '主城区对比',
  '通知建议',
  '说明',
];

/** The test plan (year 2020, a leap year). */
export function testPlan(over: Partial<PlanDocumentInput> = {}): PlanDocumentInput {
  return {
    id: 't-2020',
    name: 'T市2020年测试方案',
    year: 2020,
    baseYear: 2019,
    city: {
      adcode: CITY,
      name: 'T市',
      target: { pm25: 45, pm25ReductionPct: 10, goodRatePct: 80 },
    },
    mainCity: {
      name: '主城区',
      members: [JIA],
      baseline: { pm25: 45, verified: false, source: 'test' },
    },
    units: [
      { adcode: JIA, name: '甲县', target: { pm25: 45, goodDays: 300, heavyDays: 10 } },
      {
        adcode: YI,
        name: '乙县',
        target: { pm25: 45, goodDays: 300, heavyDays: 10 },
        baseline: { pm25: 50, verified: false, source: 'test' },
      },
      { adcode: BING, name: '丙县', target: { pm25: 52, goodDays: 250, heavyDays: 10 } },
      { adcode: DING, name: '丁县', target: { pm25: 50, goodDays: 250, heavyDays: 10 } },
      { adcode: WU, name: '戊区', target: { pm25: 50, goodDays: 250, heavyDays: 10 } },
    ],
    rules: {
      ranking: { bottomCount: 2 },
      notices: { summons: { offScale: { minHours: 24, consecutive: true } } },
    },
    ...over,
  };
}

/** Registers the regions and stations; returns station code → id. */
export async function seedRegions(db: Db): Promise<Map<string, number>> {
  await upsertRegions(
    db,
    [
      { adcode: CITY, name: 'T市', parentAdcode: null, level: 'city' },
      { adcode: JIA, name: '甲县', parentAdcode: CITY, level: 'county' },
      { adcode: YI, name: '乙县', parentAdcode: CITY, level: 'county' },
      { adcode: BING, name: '丙县', parentAdcode: CITY, level: 'county' },
      { adcode: DING, name: '丁县', parentAdcode: CITY, level: 'county' },
      { adcode: WU, name: '戊区', parentAdcode: CITY, level: 'zone' },
    ],
    0,
  );
  const st = (code: string, region: string, kind: string, role = 'assessment') => ({
    code,
    name: code,
    regionAdcode: region,
    kind,
    role,
    lon: null,
    lat: null,
    pollutants: ['PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3'],
  });
  return upsertStations(
    db,
    [
      st('S1', JIA, '省控'),
      st('N1', JIA, '国控'),
      st('S2', YI, '省控'),
      st('N2', YI, '国控'),
      st('S3', BING, '省控'),
      st('S4', DING, '省控'),
      st('M5', WU, '微站', 'micro'),
      st('R5', WU, '其他', 'reference'),
    ],
    0,
  );
}

/** Writes station-day rows with the fixed pollutants and the given PM2.5 (null = invalid day). */
export async function writeDays(
  db: Db,
  stationId: number,
  dates: readonly string[],
  pm25: (d: string) => number | null,
): Promise<void> {
  const rows = dates.map((day) => {
    const v = pm25(day);
    const ok = v !== null;
    return {
      station_id: stationId,
      day,
      so2: ok ? 10 : null,
      no2: ok ? 20 : null,
      pm10: ok ? 40 : null,
      pm2_5: v,
      co: ok ? 0.5 : null,
      o3_1h: ok ? 80 : null,
      o3_8h: ok ? 60 : null,
      so2_n: ok ? 24 : 3,
      no2_n: ok ? 24 : 3,
      pm10_n: ok ? 24 : 3,
      pm2_5_n: ok ? 24 : 3,
      co_n: ok ? 24 : 3,
      o3_1h_n: ok ? 24 : 3,
      o3_8h_n: ok ? 17 : 0,
      computed_at: 0,
    };
  });
  for (let i = 0; i < rows.length; i += 300)
    await db.kysely
      .insertInto('station_daily')
      .values(rows.slice(i, i + 300))
      .execute();
}

/** Seeds regions, stations and the daily data of 2019 and 2020 (through 30 November). */
export async function seedDailyData(db: Db): Promise<Map<string, number>> {
  const ids = await seedRegions(db);
  const y2019 = eachLocalDate('2019-01-01', '2019-12-31');
  const y2020 = eachLocalDate('2020-01-01', '2020-11-30');
  const id = (c: string) => ids.get(c)!;
  for (const s of ['S1', 'N1']) {
    await writeDays(db, id(s), y2019, () => 50);
    await writeDays(db, id(s), y2020, () => 40);
  }
  for (const s of ['S2', 'N2']) {
    await writeDays(db, id(s), [...y2019, ...y2020], () => 50);
  }
  await writeDays(db, id('S3'), y2019, () => 60);
  await writeDays(
    db,
    id('S3'),
    y2020.filter((d) => !d.startsWith('2020-03') && !d.startsWith('2020-04')),
    () => 50,
  );
  await writeDays(db, id('S4'), y2020, () => null);
  for (const s of ['M5', 'R5']) await writeDays(db, id(s), [...y2019, ...y2020], () => 999);
  return ids;
}

/** Hourly PM2.5 of 600 µg/m³ at one station for `hours` hours from local midnight of `date`. */
export async function writeOffScaleHours(
  db: Db,
  stationId: number,
  date: string,
  hours: number,
): Promise<void> {
  const source = await createDataSource(db, 'test', 'off-scale', null, 0);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const start = localToEpoch('Asia/Shanghai', y, m, d);
  await withReadingTransaction(db, (w) =>
    w.upsert(
      Array.from({ length: hours }, (_, h) => ({
        hour: start + h * 3_600_000,
        stationId,
        pollutant: 'PM2.5',
        value: 600,
        flag: null,
        sourceId: source,
      })),
    ),
  );
}
