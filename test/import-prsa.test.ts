/**
 * The Beijing PRSA data for 2016, imported on every dialect, must reproduce what Beijing's 2016
 * environmental bulletin published (《2016北京市环境状况公报》: PM2.5 73, PM10 92, SO2 10, NO2 48
 * µg/m³; CO 24-h P95 3.2 mg/m³; O3 MDA8 P90 199 µg/m³; 198 good days (优 68, 良 130); 39 heavy
 * days) as closely as its 12 national-control stations allow — the bulletin averages the city's
 * full network of 35 stations.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeStationDays } from '../src/air/daily-rollup.ts';
import { assessRegion, type RegionAssessment } from '../src/air/assessment-service.ts';
import { regionDailyAqi } from '../src/air/daily-aqi-service.ts';
import { regionHourlyAqi, stationHourlyAqi } from '../src/air/hourly-aqi-service.ts';
import { fixedClock } from '../src/clock.ts';
import { listImportIssues } from '../src/imports/import-log.ts';
import { iaqi } from '../src/standards/index.ts';
import { importPrsa } from '../src/imports/prsa-import.ts';
import type { ImportSummary } from '../src/imports/import-summary.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const FIXTURE = 'test/fixtures/prsa-2016';

const HEAD =
  '"No","year","month","day","hour","PM2.5","PM10","SO2","NO2","CO","O3","TEMP","PRES","DEWP","RAIN","wd","WSPM","station"';

/** Two days of Dongsi with PM2.5 = `pm` at every hour except one changed value. */
function miniFile(dir: string, changedHourValue: number): void {
  const rows = [HEAD];
  let no = 1;
  for (const day of [1, 2]) {
    for (let h = 0; h < 24; h++) {
      const pm = day === 2 && h === 5 ? changedHourValue : 40;
      rows.push(`${no++},2017,1,${day},${h},${pm},60,5,30,800,50,0,1020,-10,0,"N",1,"Dongsi"`);
    }
  }
  writeFileSync(join(dir, 'PRSA_Data_Dongsi_20170101-20170102.csv'), rows.join('\n') + '\n');
}

describe.each(dialectsUnderTest())('PRSA re-import of a corrected file on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-prsa-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('writes only the changed reading and recomputes only the days around it', async () => {
    miniFile(dir, 40);
    const first = await importPrsa(t.db, dir);
    expect(first).toMatchObject({ readings: 48 * 6, written: 48 * 6, stationDays: 2 });
    miniFile(dir, 400);
    const second = await importPrsa(t.db, dir);
    expect(second).toMatchObject({ written: 1, unchanged: 48 * 6 - 1 });
    // The changed hour (2017-01-02 05:00 Beijing) lies in UTC day 2017-01-01, which spans the
    // local dates 01-01 and 01-02: both are recomputed, nothing else.
    expect(second.stationDays).toBe(2);
    const day2 = await assessRegion(t.db, '110101', '2017-01-02', '2017-01-02');
    expect(day2.exact['PM2.5']!['mean']).toBeCloseTo((23 * 40 + 400) / 24, 10);
    const third = await importPrsa(t.db, dir);
    expect(third).toMatchObject({ written: 0, stationDays: 0 });
  });
});

describe.each(dialectsUnderTest())('PRSA blank cells on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-prsa-blank-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('stores no SO2 for Aotizhongxin 2013-03-04 02:00 (a single space) and logs it', async () => {
    // Lines 74–78 of PRSA_Data_Aotizhongxin_20130301-20170228.csv as published.
    const rows = [
      HEAD,
      '73,2013,3,4,0,42,83,51,86,1300,4,7.7,1015.7,-11.1,0,"N",2.6,"Aotizhongxin"',
      '74,2013,3,4,1,49,80,39,64,1000,25,8.2,1016.7,-11.7,0,"N",2.8,"Aotizhongxin"',
      '75,2013,3,4,2,34,62, ,14,300,68,8.1,1016.7,-11.8,0,"N",4.3,"Aotizhongxin"',
      '76,2013,3,4,3,12,34,6,12,NA,77,7.2,1016.9,-11.6,0,"N",2.8,"Aotizhongxin"',
      '77,2013,3,4,4,7,18,14,NA,400,42,6,1018,-11.6,0,"NNW",1,"Aotizhongxin"',
    ];
    writeFileSync(
      join(dir, 'PRSA_Data_Aotizhongxin_20130304-20130304.csv'),
      rows.join('\n') + '\n',
    );
    const s = await importPrsa(t.db, dir, { clock: fixedClock(0) });
    expect(s.readings).toBe(5 * 6 - 3);
    expect(s.issues).toEqual({ LT_WARN_MISSING: 3 });
    const logged = await listImportIssues(t.db, s.sourceId);
    expect(logged.map((i) => [i.line, i.field, i.code])).toEqual([
      [4, 'SO2', 'LT_WARN_MISSING'],
      [5, 'CO', 'LT_WARN_MISSING'],
      [6, 'NO2', 'LT_WARN_MISSING'],
    ]);
    const so2 = await t.db.kysely
      .selectFrom('readings')
      .select(['hour', 'value'])
      .where('pollutant', '=', 'SO2')
      .orderBy('hour')
      .execute();
    // 02:00 Beijing = 18:00 UTC of the day before: no row, and certainly no 0.
    expect(so2.map((r) => [Number(r.hour), r.value])).toEqual([
      [Date.UTC(2013, 2, 3, 16), 51],
      [Date.UTC(2013, 2, 3, 17), 39],
      [Date.UTC(2013, 2, 3, 19), 6],
      [Date.UTC(2013, 2, 3, 20), 14],
    ]);
  });
});

describe.each(dialectsUnderTest())('PRSA import on %s', (dialect) => {
  let t: TestStore;
  let first: ImportSummary;
  let a: RegionAssessment;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    first = await importPrsa(t.db, FIXTURE, { clock: fixedClock(0) });
    a = await assessRegion(t.db, '110000', '2016-01-01', '2016-12-31');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('loads 12 stations in 8 districts of 北京市 and reports every missing value with file and line', async () => {
    expect(first.files).toHaveLength(12);
    expect(first.files.every((f) => f.rows === 8784)).toBe(true);
    const stations = await t.db.kysely
      .selectFrom('stations')
      .select(['code', 'region_adcode', 'kind'])
      .orderBy('code')
      .execute();
    expect(stations).toHaveLength(12);
    expect(new Set(stations.map((s) => s.region_adcode)).size).toBe(8);
    expect(stations.every((s) => s.kind === '国控')).toBe(true);
    // 12 × 8784 × 6 values, less the NA ones.
    expect(first.readings + (first.issues['LT_WARN_MISSING'] ?? 0)).toBe(12 * 8784 * 6);
    expect(first.written).toBe(first.readings);
    const logged = await listImportIssues(t.db, first.sourceId, 100_000);
    expect(logged).toHaveLength(first.issues['LT_WARN_MISSING']!);
    expect(logged[0]).toMatchObject({
      file: expect.stringMatching(/^PRSA_Data_/),
      line: expect.any(Number),
      code: 'LT_WARN_MISSING',
    });
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importPrsa(t.db, FIXTURE, { clock: fixedClock(1) });
    expect(again.written).toBe(0);
    expect(again.unchanged).toBe(first.readings);
    const n = await t.db.kysely
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(first.readings);
  });

  it('reproduces the 2016 bulletin: CO P95, O3 P90, SO2 and the day counts exactly', () => {
    expect(a.edition).toMatchObject({
      aqi: 'HJ633-2012',
      assessment: 'HJ663-2013',
      limits: 'GB3095-2012',
    });
    expect(a.stations).toHaveLength(12);
    expect(a.pollutants['CO']!['p95']).toBe(3.2);
    expect(a.pollutants['O3_8h']!['p90']).toBe(199);
    expect(a.pollutants['SO2']!['mean']).toBe(10);
    expect(a.days.good).toBe(198);
    expect(a.days.heavy).toBe(39);
    expect(a.days.total).toBe(366);
  });

  it('counts only complete city-days: 2016-03-15 (no O3 8-h) and 2016-09-07 (one station) are out', async () => {
    expect(a.days).toMatchObject({ total: 366, valid: 363, incompleteCounted: 0 });
    expect(a.days.excluded).toMatchObject({
      total: 3,
      byReason: { no_data: 1, missing_indicator: 2, too_few_stations: 0 },
    });
    expect(a.days.excluded.days.map((d) => [d.date, d.reason])).toEqual([
      ['2016-03-15', 'missing_indicator'],
      ['2016-09-06', 'no_data'],
      ['2016-09-07', 'missing_indicator'],
    ]);
    const sept7 = a.days.excluded.days[2]!;
    // One station of twelve had an O3 8-h mean; nothing else anywhere.
    expect(sept7.missing).toMatchObject({ O3_8h: 'too_few_stations', 'PM2.5': 'no_value' });
    expect(a.days.excluded.days[0]).toMatchObject({
      missing: { O3_8h: 'no_value' },
      partialAqi: 178,
    });
    expect(a.rules).toEqual({
      minStationShare: 0.5,
      incompleteAqi: 'withhold',
      countIncompleteDays: false,
    });
    const daily = await regionDailyAqi(t.db, '110000', '2016-09-07', '2016-09-07');
    expect(daily.days[0]).toMatchObject({ aqi: null, category: null, complete: false });
    expect(daily.days[0]!.concentrations.O3_8h).toBeNull();
    const march = await regionDailyAqi(t.db, '110000', '2016-03-15', '2016-03-15');
    expect(march.days[0]).toMatchObject({ aqi: null, partialAqi: 178, missing: ['O3_8h'] });
  });

  it('gives the old figures back only when the rules are configured so', async () => {
    const loose = await assessRegion(t.db, '110000', '2016-01-01', '2016-12-31', {
      rules: {
        minStationShare: 0,
        missingData: { 'HJ633-2012': 'publish-above-100', 'HJ633-2026': 'publish-above-100' },
        countIncompleteDays: { 'HJ663-2013': true, 'HJ663-2026': true },
      },
    });
    expect(loose.days).toMatchObject({ valid: 365, good: 198, heavy: 39, incompleteCounted: 2 });
    expect(loose.days.byLevel['轻度污染']).toBe(a.days.byLevel['轻度污染'] + 1);
  });

  it('stays within a few µg/m³ of the bulletin for the annual means of the 35-station network', () => {
    expect(Math.abs(a.pollutants['PM2.5']!['mean']! - 73)).toBeLessThanOrEqual(2);
    expect(Math.abs(a.pollutants['PM10']!['mean']! - 92)).toBeLessThanOrEqual(4);
    expect(Math.abs(a.pollutants['NO2']!['mean']! - 48)).toBeLessThanOrEqual(3);
    expect(Math.abs(a.days.byLevel['优'] - 68)).toBeLessThanOrEqual(2);
    expect(Math.abs(a.days.byLevel['良'] - 130)).toBeLessThanOrEqual(2);
  });

  it('derives the composite index and attainment from the same statistics', () => {
    const p = a.pollutants;
    const expected =
      p['SO2']!['mean']! / 60 +
      p['NO2']!['mean']! / 40 +
      p['PM10']!['mean']! / 70 +
      p['PM2.5']!['mean']! / 35 +
      p['CO']!['p95']! / 4 +
      p['O3_8h']!['p90']! / 160;
    expect(a.compositeIndex).toBeCloseTo(expected, 2);
    expect(a.attainment.meets).toBe(false);
    expect(a.attainment.byPollutant['SO2']).toBe(true);
    expect(a.attainment.byPollutant['PM2.5']).toBe(false);
  });

  it('gives the daily AQI series with primary pollutants, one edition per day', async () => {
    const r = await regionDailyAqi(t.db, '110000', '2016-12-16', '2016-12-21');
    expect(r.days).toHaveLength(6);
    // The December 2016 red-alert episode: heavy pollution driven by PM2.5.
    expect(r.days.filter((d) => (d.aqi ?? 0) > 200).length).toBeGreaterThanOrEqual(4);
    expect(r.days.every((d) => d.edition === 'HJ633-2012')).toBe(true);
    const heavy = r.days.find((d) => (d.aqi ?? 0) > 300)!;
    expect(heavy.primary).toEqual(['PM2.5']);
    expect(heavy.category).toBe('严重污染');
  });

  it('gives the hourly AQI from the stored hours: 24-h moving means reach into the day before', async () => {
    const r = await stationHourlyAqi(t.db, '1003A', '2016-12-19', '2016-12-19');
    expect(r.hours).toHaveLength(24);
    const noon = r.hours[12]!;
    expect(noon.time).toBe('2016-12-19T12:00:00+08:00');
    // Independently: the 24 PM2.5 hours ending with 12:00–13:00 start at 2016-12-18 13:00.
    const station = await t.db.kysely
      .selectFrom('stations')
      .select('id')
      .where('code', '=', '1003A')
      .executeTakeFirstOrThrow();
    const pm = await t.db.kysely
      .selectFrom('readings')
      .select('value')
      .where('station_id', '=', station.id)
      .where('pollutant', '=', 'PM2.5')
      .where('hour', '>=', Date.UTC(2016, 11, 18, 5))
      .where('hour', '<=', Date.UTC(2016, 11, 19, 4))
      .execute();
    expect(pm.length).toBeGreaterThanOrEqual(20);
    const mean = pm.reduce((x, p) => x + p.value, 0) / pm.length;
    expect(noon.concentrations['PM2.5_24h']).toBeCloseTo(mean, 9);
    expect(noon.iaqi['PM2.5_24h']).toBe(iaqi('PM2.5_24h', mean, 'HJ633-2012').value);
    expect(noon.edition).toBe('HJ633-2012');
    const fixed = await stationHourlyAqi(t.db, '1003A', '2016-12-19', '2016-12-19', 'HJ633-2026');
    expect(fixed.hours[12]!.edition).toBe('HJ633-2026');
    expect(Object.keys(fixed.hours[12]!.iaqi)).toContain('PM2.5_1h');
    const city = await regionHourlyAqi(t.db, '110000', '2016-12-19', '2016-12-19');
    expect(city.stations).toHaveLength(12);
    expect(city.hours[12]!.aqi).toBeGreaterThan(200);
    await expect(stationHourlyAqi(t.db, '1003A', '2016-01-01', '2016-06-30')).rejects.toMatchObject(
      { code: 'LT_ERR_BAD_RANGE' },
    );
  });

  it('assesses a district on its own stations', async () => {
    const chaoyang = await assessRegion(t.db, '110105', '2016-01-01', '2016-12-31');
    expect(chaoyang.stations).toEqual(['1005A', '1011A']);
    await expect(assessRegion(t.db, '110000', '2019-01-01', '2019-12-31')).rejects.toMatchObject({
      code: 'LT_ERR_NO_DATA',
    });
    await expect(assessRegion(t.db, '999999', '2016-01-01', '2016-12-31')).rejects.toMatchObject({
      code: 'LT_ERR_REGION_NOT_FOUND',
    });
  });

  it('computes the same station-days from the parsed files as from the store', async () => {
    const station = await t.db.kysely
      .selectFrom('stations')
      .select('id')
      .where('code', '=', '1003A')
      .executeTakeFirstOrThrow();
    const read = () =>
      t.db.kysely
        .selectFrom('station_daily')
        .selectAll()
        .where('station_id', '=', station.id)
        .orderBy('day')
        .execute();
    const fromFiles = await read();
    await recomputeStationDays(
      t.db,
      { id: station.id, timeZone: 'Asia/Shanghai' },
      '2016-01-01',
      '2016-12-31',
      0,
    );
    const fromStore = await read();
    expect(fromStore.length).toBe(fromFiles.length);
    const strip = (rows: typeof fromFiles) => rows.map(({ computed_at: _c, ...rest }) => rest);
    expect(strip(fromStore)).toEqual(strip(fromFiles));
  });

  it('refuses a directory that is not there', async () => {
    await expect(importPrsa(t.db, 'test/fixtures/nope')).rejects.toMatchObject({
      code: 'LT_ERR_FILE_NOT_FOUND',
    });
  });
});
