/**
 * The store on every dialect under test: migrations, the registry, idempotent reading upserts and
 * the daily roll-up of HJ 663 validity rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeStationDays } from '../src/air/daily-rollup.ts';
import { stationDailyRecords } from '../src/air/daily-repo.ts';
import { withReadingTransaction, type ReadingRow } from '../src/air/reading-writer.ts';
import { countReadings, stationReadings } from '../src/air/reading-repo.ts';
import { findRegion, regionSubtree, upsertRegions } from '../src/air/region-repo.ts';
import { registerRegion, registerStations } from '../src/air/registry-service.ts';
import { fixedClock } from '../src/clock.ts';
import { migrateToLatest } from '../src/store/db.ts';
import { dateStartEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const clock = fixedClock(Date.UTC(2026, 10, 28));
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

describe.each(dialectsUnderTest())('store on %s', (dialect) => {
  let t: TestStore;
  let stationId: number;
  let sourceId: number;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await registerRegion(t.db, clock, {
      adcode: '130400',
      name: '邯郸市',
      parentAdcode: null,
      level: 'city',
    });
    await registerRegion(t.db, clock, {
      adcode: '130403',
      name: '丛台区',
      parentAdcode: '130400',
      level: 'county',
    });
    const ids = await registerStations(t.db, clock, [
      {
        code: 'T1',
        name: '测试站',
        regionAdcode: '130403',
        kind: '国控',
        lon: 114.5,
        lat: 36.6,
        pollutants: ['PM2.5', 'O3', 'co'],
      },
    ]);
    stationId = ids.get('T1')!;
    const src = await t.db.kysely
      .insertInto('data_sources')
      .values({ kind: 'test', name: 't', detail: null, created_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    sourceId = src.id;
  });
  afterAll(async () => t?.cleanup());

  it('runs migrations once: a second run applies nothing', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('keeps the region tree and normalises pollutant names of stations', async () => {
    expect((await regionSubtree(t.db, '130400')).map((r) => r.adcode)).toEqual([
      '130400',
      '130403',
    ]);
    await upsertRegions(
      t.db,
      [{ adcode: '130403', name: '丛台区（改）', parentAdcode: '130400', level: 'county' }],
      1,
    );
    expect((await findRegion(t.db, '130403'))?.name).toBe('丛台区（改）');
    const s = await t.db.kysely
      .selectFrom('stations')
      .selectAll()
      .where('code', '=', 'T1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(s.pollutants)).toEqual(['PM2.5', 'O3', 'CO']);
  });

  it('refuses bad registry input with stable codes and stores nothing', async () => {
    await expect(
      registerRegion(t.db, clock, {
        adcode: '13040',
        name: 'x',
        parentAdcode: null,
        level: 'city',
      }),
    ).rejects.toMatchObject({ code: 'LT_ERR_BAD_ADCODE' });
    await expect(
      registerRegion(t.db, clock, {
        adcode: '130499',
        name: 'x',
        parentAdcode: '999999',
        level: 'county',
      }),
    ).rejects.toMatchObject({ code: 'LT_ERR_REGION_NOT_FOUND' });
    await expect(
      registerStations(t.db, clock, [
        {
          code: 'T2',
          name: 'x',
          regionAdcode: '130403',
          kind: '火星',
          lon: 500,
          lat: 0,
          pollutants: ['PM2.5'],
        },
      ]),
    ).rejects.toMatchObject({ code: 'LT_ERR_BAD_REQUEST' });
    expect(
      await t.db.kysely
        .selectFrom('stations')
        .select('code')
        .where('code', '=', 'T2')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('upserts readings idempotently and reports only real changes', async () => {
    const h0 = dateStartEpoch(TZ, '2020-01-01');
    const rows: ReadingRow[] = [0, 1, 2].map((i) => ({
      hour: h0 + i * HOUR,
      stationId,
      pollutant: 'PM2.5',
      value: 10 + i,
      flag: 'N',
      sourceId,
    }));
    expect(await withReadingTransaction(t.db, (w) => w.upsert(rows))).toBe(3);
    expect(await withReadingTransaction(t.db, (w) => w.upsert(rows))).toBe(0);
    const changed = rows.map((r, i) =>
      i === 1 ? { ...r, value: 99 } : i === 2 ? { ...r, flag: 'D' } : r,
    );
    expect(await withReadingTransaction(t.db, (w) => w.upsert(changed))).toBe(2);
    const back = await stationReadings(t.db, stationId, h0, h0 + 3 * HOUR);
    expect(back.map((r) => [r.value, r.flag])).toEqual([
      [10, 'N'],
      [99, 'N'],
      [12, 'D'],
    ]);
  });

  it('rolls a transaction back completely when the writer fails', async () => {
    const before = await countReadings(t.db);
    const h0 = dateStartEpoch(TZ, '2020-02-01');
    await expect(
      withReadingTransaction(t.db, async (w) => {
        await w.upsert([
          { hour: h0, stationId, pollutant: 'PM2.5', value: 1, flag: null, sourceId },
        ]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countReadings(t.db)).toBe(before);
  });

  it('rolls hours up into valid and invalid days by HJ 663 counts and data flags', async () => {
    const day = (d: string) => dateStartEpoch(TZ, d);
    const rows: ReadingRow[] = [];
    // 2020-03-01: 20 valid PM2.5 hours (valid day, mean 20); 2020-03-02: 19 valid + 5 flagged D (invalid).
    for (let h = 0; h < 20; h++)
      rows.push({
        hour: day('2020-03-01') + h * HOUR,
        stationId,
        pollutant: 'PM2.5',
        value: 20,
        flag: 'N',
        sourceId,
      });
    for (let h = 0; h < 24; h++)
      rows.push({
        hour: day('2020-03-02') + h * HOUR,
        stationId,
        pollutant: 'PM2.5',
        value: 50,
        flag: h < 19 ? 'N' : 'D',
        sourceId,
      });
    // O3 on 03-01: 24 hours, peak 200 at 14:00 → MDA8 over the 17 windows.
    for (let h = 0; h < 24; h++)
      rows.push({
        hour: day('2020-03-01') + h * HOUR,
        stationId,
        pollutant: 'O3',
        value: h === 14 ? 200 : 40,
        flag: null,
        sourceId,
      });
    await withReadingTransaction(t.db, (w) => w.upsert(rows));
    expect(
      await recomputeStationDays(
        t.db,
        { id: stationId, timeZone: TZ },
        '2020-03-01',
        '2020-03-02',
        clock.now(),
      ),
    ).toBe(2);
    const recs = (await stationDailyRecords(t.db, [stationId], '2020-03-01', '2020-03-02')).get(
      stationId,
    )!;
    expect(recs[0]).toMatchObject({
      date: '2020-03-01',
      'PM2.5': 20,
      O3_1h: 200,
      O3_8h: 60,
      CO: null,
    });
    expect(recs[1]).toMatchObject({ date: '2020-03-02', 'PM2.5': null });
    const raw = await t.db.kysely
      .selectFrom('station_daily')
      .select(['day', 'pm2_5_n', 'o3_8h_n'])
      .where('station_id', '=', stationId)
      .where('day', '>=', '2020-03-01')
      .orderBy('day')
      .execute();
    expect(raw.map((r) => [r.day, r.pm2_5_n, r.o3_8h_n])).toEqual([
      ['2020-03-01', 20, 17],
      ['2020-03-02', 19, 0],
    ]);
  });
});
