/**
 * Air-station hourly uploads (ST=22, CN 2061) feed the hourly readings (hour = DataTime, the
 * interval start) and the station's daily statistics; units are converted per device; late
 * corrections are recomputed; real-time data stay out of the hourly readings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationHourly } from '../src/air/readings-service.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  frame,
  PW,
  seedDevices,
  sleep,
  startTestIngest,
  STATION,
  TestClient,
  upload,
} from './ingest-support.ts';

const MN_PM_MG = 'A1B2C3D4E5F60000000000A1';
const DAY = Date.UTC(2024, 2, 1, -8); // 2024-03-01 00:00 Beijing
const HOUR = 3_600_000;
const pm = (h: number) => 30 + h; // µg/m³

describe.each(dialectsUnderTest())('air-station hourly data on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  let c: TestClient;

  const daily = () =>
    t.db.kysely
      .selectFrom('station_daily')
      .selectAll()
      .where('day', '=', '2024-03-01')
      .executeTakeFirst();

  beforeAll(async () => {
    t = await openTestStore(dialect);
    // This station's logger sends PM in mg/m³ (docs/standards/hj212.md §1.10), declared by an
    // alias.
    await seedDevices(t.db, [
      {
        mn: MN_PM_MG,
        kind: 'station',
        target: STATION,
        password: PW,
        edition: 'auto',
        crc: 'standard',
        intervalS: 3600,
        aliases: { a34004: { pollutant: 'PM2.5', unit: 'mg/m3' }, a34002: { unit: 'mg/m3' } },
      },
    ]);
    ingest = await startTestIngest(t.db, { rateLimit: { perSecond: 0, burst: 1 } });
    c = await TestClient.open(ingest.port);
  });
  afterAll(async () => {
    c?.close();
    await ingest?.stop();
    await t?.cleanup();
  });

  it('stores 24 hourly uploads as readings at the hour start and computes the station-day', async () => {
    const frames = [];
    for (let h = 0; h < 24; h++) {
      frames.push(
        frame(
          upload(MN_PM_MG, '2061', DAY + h * HOUR, {
            a34004: {
              Avg: (pm(h) / 1000).toFixed(3),
              Min: '0.001',
              Max: '0.2',
              Flag: h === 5 ? 'D' : 'N',
            },
            a34002: { Avg: '0.080', Flag: 'N' },
            a21026: { Avg: 8, Flag: 'N' },
            a21004: { Avg: 30, Flag: 'N' },
            a21005: { Avg: 0.9, Flag: 'N' },
            a05024: { Avg: 40 + h, Flag: 'N' },
            a01001: { Avg: 12.5 },
          }),
        ),
      );
    }
    // One real-time packet: stored as device values, never as an hourly reading.
    frames.push(
      frame(
        upload(MN_PM_MG, '2011', DAY + 3 * HOUR + 30_000, { a34004: { Rtd: '0.999', Flag: 'N' } }),
      ),
    );
    await c.write(Buffer.concat(frames));
    await c.waitFor(25);
    await ingest.flushRollup();

    const h = await stationHourly(t.db, STATION, '2024-03-01', '2024-03-01');
    expect(h.series['PM2.5']).toHaveLength(24);
    expect(h.series['PM2.5']![0]).toMatchObject({
      time: '2024-03-01T00:00:00+08:00',
      value: 30,
      flag: 'N',
    });
    expect(h.series['PM2.5']![3]!.value).toBe(33); // not the real-time 999
    expect(h.series['PM2.5']![5]).toMatchObject({ value: 35, flag: 'D' });
    expect(h.series['PM10']![0]!.value).toBe(80);
    expect(h.series['CO']![0]!.value).toBe(0.9);
    expect(Object.keys(h.series).sort()).toEqual(['CO', 'NO2', 'O3', 'PM10', 'PM2.5', 'SO2']);

    const d = await daily();
    const valid = Array.from({ length: 24 }, (_, i) => i).filter((i) => i !== 5);
    expect(d).toMatchObject({
      so2: 8,
      no2: 30,
      pm10: 80,
      pm2_5_n: 23,
      so2_n: 24,
      co_n: 24,
      o3_1h: 63,
    });
    expect(d!.co).toBeCloseTo(0.9, 9);
    expect(d!.pm2_5).toBeCloseTo(valid.reduce((s, i) => s + pm(i), 0) / 23, 9);
  });

  it('accepts a late correction and recomputes the day it touches', async () => {
    await c.write(
      frame(upload(MN_PM_MG, '2061', DAY + 5 * HOUR, { a34004: { Avg: '0.135', Flag: 'N' } })),
    );
    await c.waitFor(26);
    await sleep(20);
    await ingest.flushRollup();
    const d = await daily();
    expect(d!.pm2_5_n).toBe(24);
    const sum = Array.from({ length: 24 }, (_, i) => (i === 5 ? 135 : pm(i))).reduce(
      (a, b) => a + b,
      0,
    );
    expect(d!.pm2_5).toBeCloseTo(sum / 24, 9);
    const dv = await t.db.kysely
      .selectFrom('device_values')
      .select(['cn', 'code', 'rtd', 'avg', 'flag'])
      .where('data_time', '=', DAY + 5 * HOUR)
      .where('code', '=', 'a34004')
      .execute();
    expect(dv).toEqual([{ cn: 2061, code: 'a34004', rtd: null, avg: 135, flag: 'N' }]);
    expect(ingest.status().rollup.stationDaysWritten).toBeGreaterThanOrEqual(2);
  });
});
