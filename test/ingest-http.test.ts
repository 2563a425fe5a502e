/**
 * Live status over HTTP with a running listener: connections, last packet per device, packets
 * and rejections per minute, queue depth, silent devices; the recent rejections; a device's
 * recent packets and values; the quarantine.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  frame,
  MN_AIR,
  MN_CEMS,
  seedDevices,
  sleep,
  T0,
  TestClient,
  upload,
  WHO,
  appWithIngest,
} from './ingest-support.ts';

describe.each(dialectsUnderTest())('ingest status API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let ingest: Hj212Ingest;
  let token = '';
  const clock = {
    t: Date.now(),
    now(): number {
      return this.t;
    },
  };
  const get = async (url: string) => {
    const r = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: r.statusCode, body: r.json() };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    const u = await createUser(t.db, systemClock, WHO, {
      username: 'eco',
      role: 'department',
      department: '生态环境局',
      password: 'Lantian-test-2024',
    });
    token = (await createToken(t.db, systemClock, WHO, u.id, 'status', null)).token;
    ingest = await startHj212Ingest(
      { db: t.db, clock },
      {
        host: '127.0.0.1',
        port: 0,
        archive: false,
        unknownDevice: 'quarantine',
        rateLimit: { perSecond: 0, burst: 1 },
        commitDelayMs: 2,
      },
    );
    app = await appWithIngest(t.db, ingest);
  });
  afterAll(async () => {
    await app?.close();
    await ingest?.stop();
    await t?.cleanup();
  });

  it('shows connections, last packets, counters, rejections, recent values and silent devices', async () => {
    const c = await TestClient.open(ingest.port);
    await c.write(
      frame(
        upload(MN_AIR, '2061', T0, {
          a34004: { Avg: 35, Flag: 'N' },
          a21026: { Avg: 7, Flag: 'N' },
        }),
      ),
    );
    await c.write(frame(upload(MN_AIR, '2011', T0 + 30_000, { a34004: { Rtd: 36, Flag: 'N' } })));
    await c.write(frame(upload('FFFF00000000000000000009', '2011', T0, { a34004: { Rtd: 1 } })));
    await c.write(Buffer.from('##9999\r\n'));
    await c.waitFor(2);
    await sleep(50);
    await ingest.drain();

    const s = await get('/api/ingest/status');
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      running: true,
      port: ingest.port,
      unknownDevice: 'quarantine',
      connections: { open: 1, paused: 0 },
      queue: { depth: 0, underPressure: false },
      totals: {
        packets: 2,
        values: 3,
        acks: 2,
        rejected: 2,
        quarantined: 1,
        rejectedBy: { unknown_device: 1, bad_length: 1 },
      },
    });
    const air = s.body.devices.list.find((d: { mn: string }) => d.mn === MN_AIR);
    expect(air).toMatchObject({
      connected: true,
      lastCn: '2011',
      packets: 2,
      silent: false,
      target: '1011A',
    });
    expect(s.body.perMinute.at(-1)).toMatchObject({
      packets: 2,
      acks: 2,
      rejected: { unknown_device: 1, bad_length: 1 },
    });
    expect(s.body.ackLatencyMs.samples).toBe(2);

    const rej = await get('/api/ingest/rejections?reason=unknown_device');
    expect(rej.body).toHaveLength(1);
    expect(rej.body[0]).toMatchObject({ reason: 'unknown_device', mn: 'FFFF00000000000000000009' });

    const recent = await get(`/api/devices/${MN_AIR}/recent?limit=5`);
    expect(recent.body.ingestRunning).toBe(true);
    expect(
      recent.body.packets.map((p: { cn: string; status: string }) => [p.cn, p.status]),
    ).toEqual([
      ['2011', 'ok'],
      ['2061', 'ok'],
    ]);
    expect(recent.body.values.map((v: { cn: string; code: string }) => [v.cn, v.code])).toEqual([
      ['2011', 'a34004'],
      ['2061', 'a21026'],
      ['2061', 'a34004'],
    ]);

    const q = await get('/api/ingest/quarantine');
    expect(q.body).toHaveLength(1);
    expect(q.body[0]).toMatchObject({ reason: 'unknown_device', cn: '2011' });

    // Ten minutes later the CEMS logger (60 s interval) has been silent for more than 2×60 s.
    clock.t += 10 * 60_000;
    const later = await get('/api/ingest/status?devices=silent');
    expect(later.body.devices.list.map((d: { mn: string }) => d.mn)).toEqual([MN_CEMS]);
    expect(later.body.devices.silent).toBe(1);
    c.close();
  });
});
