/**
 * Power over HJ 212: a logger that reports only power (registered as an outlet-kind device, its
 * bare outlet becoming the enterprise's `power` outlet) sends real-time uploads with vendor codes
 * over a real socket; the projector turns the stored device values of the mapped codes into power
 * readings (× factor), idempotently and from its watermark on; the line states follow.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { createDevice } from '../src/devices/device-service.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { DEFAULT_POWER_CONFIG } from '../src/sources/power/power-config.ts';
import { projectPower } from '../src/sources/power/power-projector.ts';
import { lineStates } from '../src/sources/power/state-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { frame, startTestIngest, TestClient, upload } from './ingest-support.ts';
import {
  COKE,
  seedSources,
  signedInApp,
  STEEL,
  WHO,
  type Seeded,
} from './sources-power-support.ts';

const MN = 'PWR13048100000000000001';
const PW = '123456';
const H = 3_600_000;

describe.each(dialectsUnderTest())('power readings over HJ 212 on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  let app: FastifyInstance;
  let call: Awaited<ReturnType<typeof signedInApp>>['call'];
  let ids: Seeded;
  // Whole hours two and three hours ago: inside the projector's look-back.
  const hour0 = Math.floor(Date.now() / H) * H - 3 * H;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    ids = await seedSources(t.db, systemClock.now());
    await createDevice(
      t.db,
      systemClock,
      {
        mn: MN,
        kind: 'outlet',
        target: 'STEEL-PWR',
        password: PW,
        crc: 'standard',
        edition: '2017',
        intervalS: 60,
      },
      WHO,
    );
    ingest = await startTestIngest(t.db);
    ({ app, call } = await signedInApp(t.db, systemClock));
  });
  afterAll(async () => {
    await app?.close();
    await ingest?.stop();
    await t?.cleanup();
  });

  it('maps the logger to meters and makes its bare outlet a power outlet of the enterprise', async () => {
    const url = `/api/sources/enterprises/${STEEL}/power/meters`;
    const p1 = await call('city', 'POST', url, {
      code: 'P1',
      name: '主抽风机',
      role: 'production',
      line: 'SJ1',
      deviceMn: MN,
      deviceCode: 'e10001',
      factor: 0.001, // the logger sends W
      runningKw: 100,
    });
    expect(p1.status).toBe(201);
    const t1 = await call('city', 'POST', url, {
      code: 'T1',
      name: '脱硫循环泵',
      role: 'treatment',
      facility: 'TL1',
      deviceMn: MN,
      deviceCode: 'e10002',
      runningKw: 20,
    });
    expect(t1.status).toBe(201);
    const again = await call('city', 'POST', url, {
      code: 'T9',
      name: '重复',
      role: 'treatment',
      facility: 'CC1',
      deviceMn: MN,
      deviceCode: 'e10002',
      runningKw: 20,
    });
    expect(again.body.code).toBe('LT_ERR_POWER_DEVICE_TAKEN');
    const other = await call('city', 'POST', `/api/sources/enterprises/${COKE}/power/meters`, {
      code: 'X',
      name: '焦炉',
      role: 'production',
      line: 'SJ1',
      deviceMn: MN,
      deviceCode: 'e10009',
      runningKw: 1,
    });
    // the logger's outlet is now the steel works': the coking plant cannot map it
    expect(other.body.code).toBe('LT_ERR_POWER_DEVICE_TAKEN');
    const outlet = await t.db.kysely
      .selectFrom('outlets')
      .select(['kind', 'enterprise_id', 'must_report'])
      .where('code', '=', 'STEEL-PWR')
      .executeTakeFirstOrThrow();
    expect(outlet).toEqual({ kind: 'power', enterprise_id: ids.steel, must_report: 0 });
  });

  it('projects uploads received over a socket into readings, idempotently', async () => {
    const client = await TestClient.open(ingest.port);
    const frames: Buffer[] = [];
    // hour0: both run; hour0+1h: the pump stops (1 kW) while the fan runs (800 000 W)
    for (let h = 0; h < 2; h++)
      for (const m of [0, 15, 30, 45]) {
        const time = hour0 + h * H + m * 60_000;
        frames.push(
          frame(
            upload(
              MN,
              '2011',
              time,
              {
                e10001: { Rtd: 800_000, Flag: 'N' },
                e10002: { Rtd: h === 0 ? 55 : 1, Flag: 'N' },
                e10003: { Rtd: 7 }, // not mapped: stays in device_values only
              },
              { st: '31', pw: PW },
            ),
          ),
        );
      }
    await client.write(Buffer.concat(frames));
    const acks = await client.waitFor(frames.length);
    expect(acks).toHaveLength(frames.length);
    const first = await projectPower(t.db, systemClock, DEFAULT_POWER_CONFIG);
    expect(first).toMatchObject({ meters: 2, values: 16, written: 16 });
    const rows = await t.db.kysely
      .selectFrom('power_readings')
      .selectAll()
      .orderBy('meter_id')
      .orderBy('time')
      .execute();
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatchObject({ time: hour0, kw: 800, origin: 'hj212', kwh: null });
    expect(rows.slice(8).map((r) => r.kw)).toEqual([55, 55, 55, 55, 1, 1, 1, 1]);
    // nothing new since the watermark (values of its 30 s overlap are read again): nothing written
    expect(await projectPower(t.db, systemClock, DEFAULT_POWER_CONFIG)).toMatchObject({
      written: 0,
    });
    // a re-run from a chosen instant reads everything again and changes nothing
    expect(await projectPower(t.db, systemClock, DEFAULT_POWER_CONFIG, hour0)).toMatchObject({
      values: 16,
      written: 0,
    });
    // a late upload for hour0+2h is picked up by the next run
    await client.write(
      frame(
        upload(
          MN,
          '2011',
          hour0 + 2 * H,
          { e10001: { Rtd: 900_000 }, e10002: { Rtd: 0 } },
          {
            st: '31',
            pw: PW,
          },
        ),
      ),
    );
    await client.waitFor(frames.length + 1);
    client.close();
    expect(await projectPower(t.db, systemClock, DEFAULT_POWER_CONFIG)).toMatchObject({
      written: 2,
    });
    const lines = await lineStates(
      t.db.kysely,
      ids.steel,
      hour0,
      hour0 + 3 * H,
      DEFAULT_POWER_CONFIG.rules,
    );
    expect(lines.map((l) => l.code)).toEqual(['SJ1']);
    // the dust facility CC1 has no meter: treatment is the desulphurisation meter alone
    expect(lines[0]!.hours.map((s) => [s.production, s.treatment])).toEqual([
      [true, true],
      [true, false],
      [true, false],
    ]);
  });
});
