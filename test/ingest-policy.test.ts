/**
 * What the listener refuses and how it protects itself: unknown MN and wrong PW (rejected, or
 * quarantined when configured), bad frames, bad DataTime, the per-device rate limit, and
 * backpressure (a slowed writer pauses the sockets). Connection limits: ingest-connections.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { systemClock } from '../src/clock.ts';
import { createDevice } from '../src/devices/device-service.ts';
import type { IngestSink } from '../src/ingest/hj212/ingest-sink.ts';
import { storeSink } from '../src/ingest/hj212/sink-factory.ts';
import { replayQuarantine } from '../src/ingest/hj212/quarantine-replay.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  errorCode as code,
  frame,
  MN_AIR,
  MN_CEMS,
  PW,
  seedDevices,
  sleep,
  startTestIngest,
  T0,
  TestClient,
  upload,
  WHO,
} from './ingest-support.ts';

const HOUR = 3_600_000;
const UNKNOWN = 'FFFF00000000000000000001';

describe.each(dialectsUnderTest())('HJ 212 refusals and limits on %s', (dialect) => {
  let t: TestStore;
  let archiveDir: string;
  const running: Hj212Ingest[] = [];
  const start = async (opts: Parameters<typeof startTestIngest>[1]) => {
    const i = await startTestIngest(t.db, opts);
    running.push(i);
    return i;
  };
  const count = async (table: 'device_values' | 'quarantine') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    archiveDir = mkdtempSync(join(tmpdir(), 'lantian-archive-'));
  });
  afterAll(async () => {
    for (const i of running) await i.stop();
    await t?.cleanup();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  it('rejects unknown MNs, wrong passwords, bad frames and bad DataTime: logged, counted, archived, not stored', async () => {
    const ingest = await start({ archive: { dir: archiveDir, retentionDays: 0 } });
    const c = await TestClient.open(ingest.port);
    const before = await count('device_values');
    await c.write(frame(upload(UNKNOWN, '2061', T0, { a34004: { Avg: 1 } })));
    await c.write(frame(upload(MN_AIR, '2061', T0, { a34004: { Avg: 1 } }, { pw: '999999' })));
    await c.write(Buffer.from('garbage without a header\r\n'));
    const bad = frame(upload(MN_AIR, '2061', T0, { a34004: { Avg: 1 } }));
    bad[bad.length - 3] = bad[bad.length - 3] === 0x30 ? 0x31 : 0x30; // break the CRC
    await c.write(bad);
    await c.write(
      frame(
        upload(
          MN_AIR,
          '2061',
          T0,
          { a34004: { Avg: 1 } },
          {
            cp: [
              ['DataTime', '20241399000000'],
              ['a34004-Avg', '1'],
            ],
          },
        ),
      ),
    );
    await sleep(200);
    // Only the bad-DataTime upload is answered (per the standard, so it is not resent forever).
    expect(c.received.map((a) => a.cn)).toEqual(['9014']);
    await ingest.drain();
    expect(await count('device_values')).toBe(before);
    const s = ingest.status();
    expect(s.totals.rejectedBy).toMatchObject({
      unknown_device: 1,
      bad_password: 1,
      bad_header: 1,
      crc_mismatch: 1,
      bad_data_time: 1,
    });
    expect(s.perMinute.at(-1)!.rejected).toMatchObject({ unknown_device: 1 });
    const recent = ingest.rejections();
    expect(recent.map((r) => r.reason)).toEqual([
      'bad_data_time',
      'crc_mismatch',
      'bad_header',
      'bad_password',
      'unknown_device',
    ]);
    expect(recent[4]).toMatchObject({ mn: UNKNOWN, raw: expect.stringContaining('MN=' + UNKNOWN) });
    expect(ingest.rejections({ mn: MN_AIR }).map((r) => r.reason)).toEqual([
      'bad_data_time',
      'crc_mismatch', // its MN is read from the bytes
      'bad_password',
    ]);
    await ingest.stop();
    const lines = readdirSync(archiveDir).flatMap((d) =>
      readdirSync(join(archiveDir, d)).flatMap((f) =>
        readFileSync(join(archiveDir, d, f), 'latin1')
          .trimEnd()
          .split('\n'),
      ),
    );
    expect(lines.map((l) => l.split('\t')[3])).toEqual([
      'unknown_device',
      'bad_password',
      'bad_header',
      'crc_mismatch',
      'bad_data_time',
    ]);
    expect(lines[1]!.split('\t')[2]).toBe(MN_AIR);
    expect(await count('quarantine')).toBe(0);
    c.close();
  });

  it('quarantines unknown-device and bad-password packets when configured', async () => {
    const ingest = await start({ unknownDevice: 'quarantine' });
    const c = await TestClient.open(ingest.port);
    await c.write(frame(upload(UNKNOWN, '2061', T0, { a34004: { Avg: 1 } })));
    await c.write(frame(upload(MN_AIR, '2011', T0, { a34004: { Rtd: 1 } }, { pw: 'nope' })));
    await sleep(100);
    await ingest.drain();
    expect(c.received).toHaveLength(0);
    const q = await t.db.kysely.selectFrom('quarantine').selectAll().orderBy('id').execute();
    expect(q.map((r) => [r.mn, r.reason, r.cn])).toEqual([
      [UNKNOWN, 'unknown_device', '2061'],
      [MN_AIR, 'bad_password', '2011'],
    ]);
    expect(q[0]!.raw).toMatch(/^##\d{4}QN=.*\\r\\n$/);
    expect(ingest.status().totals.quarantined).toBe(2);
    c.close();

    // Assignment: once the MN is registered, its quarantined packets go into the store.
    expect(await code(replayQuarantine(t.db, systemClock, UNKNOWN, WHO))).toBe(
      'LT_ERR_DEVICE_NOT_FOUND',
    );
    await createDevice(
      t.db,
      systemClock,
      {
        mn: UNKNOWN,
        kind: 'outlet',
        target: 'DA009',
        password: PW,
        edition: 'auto',
        crc: 'standard',
        intervalS: 60,
      },
      WHO,
    );
    const r = await replayQuarantine(t.db, systemClock, UNKNOWN, WHO);
    expect(r).toEqual({ mn: UNKNOWN, packets: 1, stored: 1, values: 1, refused: {} });
    const still = await replayQuarantine(t.db, systemClock, MN_AIR, WHO);
    expect(still).toMatchObject({ packets: 1, stored: 0, refused: { bad_password: 1 } });
    const left = await t.db.kysely.selectFrom('quarantine').select(['mn', 'reason']).execute();
    expect(left).toEqual([{ mn: MN_AIR, reason: 'bad_password' }]);
    const dev = await t.db.kysely
      .selectFrom('devices')
      .select('id')
      .where('mn', '=', UNKNOWN)
      .executeTakeFirstOrThrow();
    const stored = await t.db.kysely
      .selectFrom('device_values')
      .selectAll()
      .where('device_id', '=', dev.id)
      .execute();
    expect(stored).toMatchObject([{ cn: 2061, code: 'a34004', avg: 1, data_time: T0 }]);
    expect((await listAudit(t.db, { action: 'device.quarantine_replay' })).length).toBe(2);
  });

  it('rejects packets beyond the per-device rate limit', async () => {
    const ingest = await start({ rateLimit: { perSecond: 2, burst: 5 } });
    const c = await TestClient.open(ingest.port);
    const base = T0 + 20_000 * HOUR;
    await c.write(
      Buffer.concat(
        Array.from({ length: 20 }, (_, i) =>
          frame(upload(MN_CEMS, '2051', base + i * 60_000, { a21026: { Avg: i } }, { st: '31' })),
        ),
      ),
    );
    await c.waitFor(5);
    await sleep(100);
    expect(c.received.length).toBeGreaterThanOrEqual(5);
    expect(c.received.length).toBeLessThanOrEqual(6);
    expect(ingest.status().totals.rejectedBy['rate_limited']).toBe(20 - c.received.length);
    c.close();
  });

  it('closes idle connections and refuses frames longer than the maximum', async () => {
    const ingest = await start({ idleTimeoutMs: 300, maxFrameLength: 200 });
    const c = await TestClient.open(ingest.port);
    const long = frame(
      upload(
        MN_CEMS,
        '2051',
        T0,
        Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a0100${i}`, { Avg: i }])),
        { st: '31' },
      ),
    );
    expect(long.length).toBeGreaterThan(212);
    await c.write(long);
    await c.waitFor(1, 2000); // returns when the idle connection is closed
    expect(c.closed).toBe(true);
    expect(c.received).toHaveLength(0);
    expect(ingest.status().totals.rejectedBy['bad_length']).toBe(1);
  });

  it('stops reading sockets while the write queue is above its high-water mark', async () => {
    let release: () => void = () => undefined;
    const gate = () => new Promise<void>((r) => (release = r));
    let gated = true;
    const real = await storeSink(t.db);
    const slow: IngestSink = {
      async write(b) {
        if (gated) await gate();
        return real.write(b);
      },
      close: () => real.close?.() ?? Promise.resolve(),
    };
    const ingest = await start({
      sink: slow,
      queueHighWater: 10,
      queueLowWater: 5,
      rateLimit: { perSecond: 0, burst: 1 },
    });
    const c = await TestClient.open(ingest.port);
    const base = T0 + 15_000 * HOUR;
    const all = Array.from({ length: 200 }, (_, i) =>
      frame(upload(MN_CEMS, '2051', base + i * 60_000, { a21026: { Avg: i } }, { st: '31' })),
    );
    for (const f of all) c.socket.write(f);
    await sleep(300);
    const s = ingest.status();
    expect(s.queue.underPressure).toBe(true);
    expect(s.connections.paused).toBe(1);
    expect(s.totals.packets).toBeLessThan(200); // the rest waits in the socket, unread
    expect(c.received).toHaveLength(0);
    gated = false;
    release();
    const acks = await c.waitFor(200, 20_000);
    expect(acks).toHaveLength(200);
    expect(ingest.status().connections.paused).toBe(0);
    expect(ingest.status().queue.underPressure).toBe(false);
    c.close();
  });
});
