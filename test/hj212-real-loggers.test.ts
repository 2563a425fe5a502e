/**
 * Real data loggers that deviate from HJ 212-2017 in ways seen in field captures, over real TCP
 * sockets: short MNs and long passwords, frames without CR LF, rejections that still name the
 * MN, clocks that run ahead.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hj212ConfigFromEnv } from '../src/ingest/hj212/ingest-config.ts';
import { resolveIngestOptions } from '../src/ingest/hj212/ingest-options.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { DEFAULT_MAX_FRAME_LENGTH } from '../src/protocols/hj212/index.ts';
import type { Dialect } from '../src/store/dialect.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { updateDevice } from '../src/devices/device-service.ts';
import {
  frame,
  MN_AIR,
  seedDevices,
  sleep,
  startTestIngest,
  TestClient,
  upload,
  WHO,
} from './ingest-support.ts';

const LONG_PW = '0123456789ABCDEF01234567';
const MN_SHORT = 'LB4200001';
const MN_SHORTER = 'SD000001';

/** An upload of `n` parameters (a 1,500-byte frame for n = 40, as multi-parameter loggers send). */
function bigUpload(mn: string, n: number, at: number, pw = LONG_PW) {
  const items: Record<string, Record<string, string>> = {};
  for (let i = 0; i < n; i++) items[`a${String(10000 + i)}`] = { Rtd: '12.345', Flag: 'N' };
  return upload(mn, '2011', at, items, { pw });
}

describe('one maximum frame length everywhere', () => {
  it('is the same default in the codec, the listener, its environment and hj212 parse', () => {
    expect(DEFAULT_MAX_FRAME_LENGTH).toBe(9999);
    expect(resolveIngestOptions({}).maxFrameLength).toBe(DEFAULT_MAX_FRAME_LENGTH);
    expect(hj212ConfigFromEnv({}).maxFrameLength).toBe(DEFAULT_MAX_FRAME_LENGTH);
  });

  it('lets hj212 parse read a real 1,500-byte frame with its default settings', () => {
    const f = frame(bigUpload(MN_SHORT, 46, Date.UTC(2024, 2, 1)));
    expect(f.length).toBeGreaterThan(1500);
    const r = spawnSync(process.execPath, ['bin/lantian', 'hj212', 'parse'], {
      input: f,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, mn: MN_SHORT });
  }, 60_000);
});

describe.each(dialectsUnderTest())('real data loggers on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const base = { kind: 'outlet', password: LONG_PW, edition: 'auto', crc: 'standard' };
    await seedDevices(t.db, [
      { ...base, mn: MN_SHORT, target: 'DA900', intervalS: 60 },
      { ...base, mn: MN_SHORTER, target: 'DA901', intervalS: 60 },
    ]);
    ingest = await startTestIngest(t.db);
  });
  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
  });

  it('acknowledges loggers with 8- and 9-character MNs and a 24-hex-digit password', async () => {
    const c = await TestClient.open(ingest.port);
    const now = Date.now() - 60_000;
    for (const mn of [MN_SHORT, MN_SHORTER]) {
      await c.write(frame(upload(mn, '2011', now, { a34004: { Rtd: 12 } }, { pw: LONG_PW })));
    }
    const acks = await c.waitFor(2);
    c.close();
    expect(acks.map((a) => [a.cn, a.mn])).toEqual([
      ['9014', MN_SHORT],
      ['9014', MN_SHORTER],
    ]);
  });

  it('acknowledges a frame without CR LF at once, and both of two frames glued without it', async () => {
    const c = await TestClient.open(ingest.port);
    const bare = (b: Buffer) => b.subarray(0, b.length - 2);
    const at = Date.now() - 120_000;
    await c.write(
      bare(frame(upload(MN_SHORT, '2011', at, { a34004: { Rtd: 1 } }, { pw: LONG_PW }))),
    );
    expect((await c.waitFor(1, 3000)).map((a) => a.cn)).toEqual(['9014']);
    const two = Buffer.concat([
      bare(frame(upload(MN_SHORT, '2011', at + 1000, { a34004: { Rtd: 2 } }, { pw: LONG_PW }))),
      bare(frame(upload(MN_SHORT, '2011', at + 2000, { a34004: { Rtd: 3 } }, { pw: LONG_PW }))),
    ]);
    await c.write(two);
    expect((await c.waitFor(3, 3000)).length).toBe(3);
    c.close();
  });

  it('demands CR LF from a device whose line end is set to crlf', async () => {
    await updateDevice(t.db, { now: () => Date.now() }, MN_SHORTER, { lineEnd: 'crlf' }, WHO);
    await ingest.refreshDevices();
    const c = await TestClient.open(ingest.port);
    const at = Date.now() - 180_000;
    const f1 = frame(upload(MN_SHORTER, '2011', at, { a34004: { Rtd: 1 } }, { pw: LONG_PW }));
    await c.write(f1.subarray(0, f1.length - 2));
    await sleep(400);
    expect(c.received).toEqual([]);
    await c.write(
      frame(upload(MN_SHORTER, '2011', at + 1000, { a34004: { Rtd: 2 } }, { pw: LONG_PW })),
    );
    await c.waitFor(1, 3000);
    await sleep(100);
    c.close();
    expect(c.received).toHaveLength(1);
    expect(ingest.rejections({ reason: 'bad_trailer' }).length).toBeGreaterThan(0);
    await updateDevice(t.db, { now: () => Date.now() }, MN_SHORTER, { lineEnd: 'any' }, WHO);
    await ingest.refreshDevices();
  });
});

/** A store with the test devices and a listener over it, for the tests of the describe block. */
function seededIngest(dialect: Dialect): { t: TestStore; ingest: Hj212Ingest } {
  const s = {} as { t: TestStore; ingest: Hj212Ingest };
  beforeAll(async () => {
    s.t = await openTestStore(dialect);
    await seedDevices(s.t.db);
    s.ingest = await startTestIngest(s.t.db);
  });
  afterAll(async () => {
    await s.ingest?.stop();
    await s.t?.cleanup();
  });
  return s;
}

describe.each(dialectsUnderTest())('rejections name the MN on %s', (dialect) => {
  const run = seededIngest(dialect);

  it('reads the MN of crc_mismatch, bad_field and bad_trailer rejections', async () => {
    const mn = MN_AIR;
    const at = Date.now() - 60_000;
    const good = frame(upload(mn, '2011', at, { a34004: { Rtd: 1 } })).toString('latin1');
    const crcBad = good.replace(
      /[0-9A-F]{4}\r\n$/,
      (m) => (m.startsWith('0') ? '1' : '0') + m.slice(1),
    );
    const fieldBad = frame(upload(mn, '2011', at, { a34004: { Rtd: 1 } }, { st: 'XYZ' }));
    const trailerBad = good.replace(/[0-9A-F]{4}\r\n$/, 'ZZZZ\r\n');
    const c = await TestClient.open(run.ingest.port);
    await c.write(
      Buffer.concat([Buffer.from(crcBad, 'latin1'), fieldBad, Buffer.from(trailerBad, 'latin1')]),
    );
    await c.write(frame(upload(mn, '2011', at + 1000, { a34004: { Rtd: 2 } })));
    await c.waitFor(1, 3000);
    c.close();
    const kept = run.ingest.rejections({ mn });
    expect(kept.map((r) => r.reason).sort()).toEqual(['bad_field', 'bad_trailer', 'crc_mismatch']);
  });
});

describe.each(dialectsUnderTest())('a logger whose clock runs ahead on %s', (dialect) => {
  const run = seededIngest(dialect);

  it('gets its reply, has its skew shown and raised as a problem, and nothing is stored', async () => {
    const ahead = Date.now() + 25 * 3_600_000;
    const c = await TestClient.open(run.ingest.port);
    await c.write(frame(upload(MN_AIR, '2011', ahead, { a34004: { Rtd: 30 } })));
    const acks = await c.waitFor(1, 3000);
    c.close();
    expect(acks.map((a) => a.cn)).toEqual(['9014']);
    const s = run.ingest.status().devices.list.find((d) => d.mn === MN_AIR)!;
    expect(s.clockSkewS).toBeGreaterThan(25 * 3600 - 60);
    expect(s.clockSkewS).toBeLessThan(25 * 3600 + 60);
    expect(s.problems).toContain('clock_skew');
    expect(run.ingest.rejections({ mn: MN_AIR, reason: 'bad_data_time' })).toHaveLength(1);
    const stored = await run.t.db.kysely.selectFrom('device_values').select('code').execute();
    expect(stored).toEqual([]);
  });
});
