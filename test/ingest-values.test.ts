/**
 * Impossible values (issue 15): a registered air station sends PM2.5 −500 and 1e308, SO2 −10 and
 * PM10 `0x10` among normal hours. They are acknowledged and stored as received, marked invalid
 * with a reason, and never reach the hourly readings, the station-day or the public daily AQI;
 * the device's values API says which are invalid and why. Real socket, real database, real HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationHourly } from '../src/air/readings-service.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { hj212ConfigFromEnv } from '../src/ingest/hj212/ingest-config.ts';
import { replayQuarantine } from '../src/ingest/hj212/quarantine-replay.ts';
import { escapeRaw } from '../src/ingest/hj212/raw-escape.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  errorCode,
  frame,
  MN_AIR,
  seedDevices,
  startTestIngest,
  STATION,
  TestClient,
  upload,
  WHO,
  appWithIngest,
} from './ingest-support.ts';

const DAY = Date.UTC(2024, 4, 1, -8); // 2024-05-01 00:00 Beijing
const HOUR = 3_600_000;

describe.each(dialectsUnderTest())('implausible HJ 212 values on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  let app: FastifyInstance;
  let token = '';

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    const u = await createUser(t.db, systemClock, WHO, {
      username: 'office',
      role: 'city-admin',
      password: 'Lantian-test-2024',
    });
    token = (await createToken(t.db, systemClock, WHO, u.id, 'values', null)).token;
    ingest = await startTestIngest(t.db, { rateLimit: { perSecond: 0, burst: 1 } });
    app = await appWithIngest(t.db, ingest);
  });
  afterAll(async () => {
    await app?.close();
    await ingest?.stop();
    await t?.cleanup();
  });

  it('stores them marked invalid, keeps them out of readings and AQI, and says why', async () => {
    const bad: Record<number, Record<string, Record<string, string>>> = {
      0: { a34004: { Avg: '-500', Flag: 'N' } },
      1: { a34004: { Avg: '1e308', Flag: 'N' } },
      2: { a21026: { Avg: '-10', Flag: 'N' } },
      3: { a34002: { Avg: '0x10', Flag: 'N' } },
    };
    const frames = [];
    for (let h = 0; h < 24; h++) {
      frames.push(
        frame(
          upload(MN_AIR, '2061', DAY + h * HOUR, {
            a34004: { Avg: '40', Flag: 'N' },
            a34002: { Avg: '80', Flag: 'N' },
            a21026: { Avg: '8', Flag: 'N' },
            a21004: { Avg: '30', Flag: 'N' },
            a21005: { Avg: '0.8', Flag: 'N' },
            a05024: { Avg: '60', Flag: 'N' },
            ...bad[h],
          }),
        ),
      );
    }
    const c = await TestClient.open(ingest.port);
    await c.write(Buffer.concat(frames));
    // Acknowledged: the packets are stored (the logger must not resend them forever).
    expect(await c.waitFor(24)).toHaveLength(24);
    c.close();
    await ingest.drain();
    await ingest.flushRollup();

    // Hourly readings: the invalid hours are missing, the rest of those packets is there.
    const h = await stationHourly(t.db, STATION, '2024-05-01', '2024-05-01');
    const hours = (p: string) => h.series[p]!.map((r) => new Date(r.time).getTime());
    expect(hours('PM2.5')).not.toContain(DAY);
    expect(hours('PM2.5')).not.toContain(DAY + HOUR);
    expect(h.series['PM2.5']).toHaveLength(22);
    expect(h.series['SO2']).toHaveLength(23);
    expect(h.series['PM10']).toHaveLength(23);
    expect(h.series['NO2']).toHaveLength(24);
    expect(Math.min(...h.series['PM2.5']!.map((r) => r.value))).toBe(40);

    // The public daily AQI is built from the valid hours only.
    const aqi = await app.inject({
      method: 'GET',
      url: `/api/stations/${STATION}/aqi/daily?from=2024-05-01&to=2024-05-01`,
    });
    expect(aqi.statusCode).toBe(200);
    const day = aqi.json().days[0];
    expect(day.concentrations).toMatchObject({ 'PM2.5': 40, SO2: 8, PM10: 80 });
    expect(day.aqi).toBeLessThan(100);

    // The device's values: stored as received, with the reason.
    const r = await app.inject({
      method: 'GET',
      url: `/api/devices/${MN_AIR}/recent?limit=200`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.statusCode).toBe(200);
    const values = r.json().values as Array<{
      dataTime: number;
      code: string;
      avg: number | null;
      invalid: Array<{ field: string; text: string; reason: string; detail: string }>;
    }>;
    const at = (hour: number, code: string) =>
      values.find((v) => v.dataTime === DAY + hour * HOUR && v.code === code)!;
    expect(at(0, 'a34004')).toMatchObject({
      avg: null,
      invalid: [{ field: 'Avg', text: '-500', reason: 'below_min' }],
    });
    expect(at(1, 'a34004')).toMatchObject({
      avg: null,
      invalid: [{ field: 'Avg', text: '1e308', reason: 'not_decimal' }],
    });
    expect(at(2, 'a21026')).toMatchObject({
      avg: null,
      invalid: [{ field: 'Avg', text: '-10', reason: 'below_min' }],
    });
    expect(at(3, 'a34002')).toMatchObject({
      avg: null,
      invalid: [{ field: 'Avg', text: '0x10', reason: 'not_decimal' }],
    });
    expect(at(3, 'a34002').invalid[0]!.detail).toContain('十进制');
    expect(at(4, 'a34004')).toMatchObject({ avg: 40, invalid: [] });
  });

  it('takes the ranges from configuration, and refuses a bad one with a stable code', async () => {
    const c = hj212ConfigFromEnv({
      LANTIAN_HJ212_PLAUSIBLE_RANGES: '{"station":{"PM10":{"max":500}}}',
    });
    expect(c.plausibleRanges?.station['PM10']).toEqual({ min: 0, max: 500 });
    expect(c.plausibleRanges?.station['PM2.5']).toEqual({ min: 0, max: 30_000 });
    const bad = (v: string) =>
      errorCode(
        Promise.resolve().then(() => hj212ConfigFromEnv({ LANTIAN_HJ212_PLAUSIBLE_RANGES: v })),
      );
    expect(await bad('{"station":{"XYZ":{"max":1}}}')).toBe('LT_ERR_BAD_CONFIG');
    expect(await bad('{"station":{"PM10":{"min":5,"max":1}}}')).toBe('LT_ERR_BAD_CONFIG');
    expect(await bad('not json')).toBe('LT_ERR_BAD_CONFIG');
  });

  it('applies the configured ranges when quarantined packets are replayed', async () => {
    const at = DAY + 30 * HOUR;
    const raw = frame(upload(MN_AIR, '2061', at, { a34002: { Avg: '60', Flag: 'N' } }));
    await t.db.kysely
      .insertInto('quarantine')
      .values({
        received_at: Date.now(),
        peer: '127.0.0.1:1',
        mn: MN_AIR,
        reason: 'bad_password',
        st: '22',
        cn: '2061',
        raw: escapeRaw(raw),
      })
      .execute();
    const ranges = hj212ConfigFromEnv({
      LANTIAN_HJ212_PLAUSIBLE_RANGES: '{"station":{"PM10":{"max":50}}}',
    }).plausibleRanges;
    const r = await replayQuarantine(t.db, systemClock, MN_AIR, WHO, ranges);
    expect(r.stored).toBe(1);
    const row = await t.db.kysely
      .selectFrom('device_values')
      .select(['avg', 'extra'])
      .where('data_time', '=', at)
      .where('code', '=', 'a34002')
      .executeTakeFirstOrThrow();
    expect(row.avg).toBeNull();
    expect(JSON.parse(row.extra!)).toEqual({ Avg: '60', 'Avg.invalid': 'above_max' });
  });
});
