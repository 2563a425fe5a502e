/**
 * The HJ 212 listener over real sockets: frames split at every byte offset and glued many to a
 * write, acks only after COMMIT, HJ/T 212-2005 / HJ 212-2017 / HJ 212-2025 devices, a Modbus-CRC
 * device, and idempotent re-sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSink } from '../src/ingest/hj212/ingest-sink.ts';
import { storeSink } from '../src/ingest/hj212/sink-factory.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { serialize } from '../src/protocols/hj212/index.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  frame,
  MN_2005,
  MN_2025,
  MN_AIR,
  MN_CEMS,
  MN_MODBUS,
  seedDevices,
  sleep,
  startTestIngest,
  T0,
  TestClient,
  upload,
} from './ingest-support.ts';

const HOUR = 3_600_000;

describe.each(dialectsUnderTest())('HJ 212 listener on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  let realSink: IngestSink;
  let delayMs = 0;
  let committedAt: number[] = [];

  const values = async (mn: string) => {
    const dev = await t.db.kysely
      .selectFrom('devices')
      .select('id')
      .where('mn', '=', mn)
      .executeTakeFirstOrThrow();
    return t.db.kysely
      .selectFrom('device_values')
      .selectAll()
      .where('device_id', '=', dev.id)
      .orderBy('data_time')
      .orderBy('code')
      .execute();
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    realSink = await storeSink(t.db);
    // A sink that can be slowed down, and that notes when each batch committed.
    const sink: IngestSink = {
      async write(b) {
        if (delayMs > 0) await sleep(delayMs);
        const r = await realSink.write(b);
        committedAt.push(Date.now());
        return r;
      },
      close: () => realSink.close?.() ?? Promise.resolve(),
    };
    ingest = await startTestIngest(t.db, { sink, rateLimit: { perSecond: 0, burst: 1 } });
  });
  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
  });

  it('recovers every frame when the stream is split at every byte offset', async () => {
    const c = await TestClient.open(ingest.port);
    const base = T0 + 1000 * HOUR;
    let n = 0;
    const first = frame(upload(MN_AIR, '2061', base, { a34004: { Avg: 35, Flag: 'N' } }));
    const len = first.length * 2;
    for (let k = 1; k < len; k++) {
      const a = frame(upload(MN_AIR, '2061', base + k * HOUR, { a34004: { Avg: k, Flag: 'N' } }));
      const b = frame(
        upload(
          MN_CEMS,
          '2051',
          base + k * 60_000,
          { a21026: { Avg: k, Min: 0, Max: k + 1, Flag: 'N' } },
          { st: '31' },
        ),
      );
      const stream = Buffer.concat([a, b]);
      await c.write(stream.subarray(0, Math.min(k, stream.length - 1)));
      await sleep(1);
      await c.write(stream.subarray(Math.min(k, stream.length - 1)));
      n += 2;
    }
    const acks = await c.waitFor(n, 20_000);
    expect(acks).toHaveLength(n);
    expect(acks.every((p) => p.cn === '9014' && p.st === '91')).toBe(true);
    expect((await values(MN_AIR)).filter((r) => r.data_time > base)).toHaveLength(len - 1);
    expect((await values(MN_CEMS)).filter((r) => r.data_time > base)).toHaveLength(len - 1);
    expect(ingest.status().totals.rejected).toBe(0);
    c.close();
  });

  it('acknowledges 500 frames glued into one write, each once, in order', async () => {
    const c = await TestClient.open(ingest.port);
    const base = T0 + 5000 * HOUR;
    const packets = Array.from({ length: 500 }, (_, i) =>
      upload(
        MN_CEMS,
        '2051',
        base + i * 60_000,
        { a21026: { Avg: i, Flag: 'N' }, a21002: { Avg: i / 2, Flag: 'N' } },
        { st: '31' },
      ),
    );
    await c.write(Buffer.concat(packets.map((p) => frame(p))));
    const acks = await c.waitFor(500, 20_000);
    expect(acks.map((a) => a.qn)).toEqual(packets.map((p) => p.qn));
    expect((await values(MN_CEMS)).filter((r) => r.data_time >= base)).toHaveLength(1000);
    c.close();
  });

  it('sends the ack only after the data are committed', async () => {
    const c = await TestClient.open(ingest.port);
    delayMs = 300;
    committedAt = [];
    const dt = T0 + 9000 * HOUR;
    const sentAt = Date.now();
    await c.write(
      frame(upload(MN_CEMS, '2051', dt, { a34013: { Avg: 8.5, Flag: 'N' } }, { st: '31' })),
    );
    await sleep(150);
    expect(c.received).toHaveLength(0); // transaction still open: no ack yet
    const [ack] = await c.waitFor(1);
    const ackAt = Date.now();
    delayMs = 0;
    expect(ack).toMatchObject({ cn: '9014' });
    expect(ackAt - sentAt).toBeGreaterThanOrEqual(300);
    expect(committedAt.length).toBeGreaterThan(0);
    expect(committedAt[0]!).toBeLessThanOrEqual(ackAt);
    // When the ack arrived, the row was there.
    expect((await values(MN_CEMS)).find((r) => r.data_time === dt)).toMatchObject({
      code: 'a34013',
      avg: 8.5,
      flag: 'N',
    });
    c.close();
  });

  it('speaks HJ/T 212-2005, HJ 212-2017 and HJ 212-2025, answering in the device edition', async () => {
    const c = await TestClient.open(ingest.port);
    const dt = T0 + 9100 * HOUR;
    // 2005: no QN, Flag=1 (ack requested, version bits 0), 2005 codes; response carries QN in CP.
    await c.write(
      serialize({
        st: '31',
        cn: '2051',
        pw: '000000',
        mn: MN_2005,
        flag: 1,
        cp: [
          ['DataTime', '20240301080000'],
          ['02-Avg', '12.5'],
          ['02-Flag', 'N'],
          ['S01-Avg', '9.1'],
        ],
      }),
    );
    // 2025: Flag=9 (version 2, ack).
    await c.write(
      frame(upload(MN_2025, '2051', dt, { a21026: { Avg: 3 } }, { flag: 9, st: '31' })),
    );
    // 2017 without ack: stored, nothing sent back.
    await c.write(
      frame(upload(MN_CEMS, '2051', dt, { a21026: { Avg: 4 } }, { flag: 4, st: '31' })),
    );
    const acks = await c.waitFor(2);
    await sleep(50);
    expect(acks).toHaveLength(2);
    expect(acks[0]).toMatchObject({ cn: '9014', version: '2005', flag: 0, qn: undefined });
    expect(acks[1]).toMatchObject({ cn: '9014', flag: 8, version: '2025' });
    const v2005 = await values(MN_2005);
    expect(v2005.map((r) => [r.code, r.avg])).toEqual([
      ['a19001', 9.1],
      ['a21026', 12.5],
    ]);
    expect(v2005[0]!.data_time).toBe(Date.UTC(2024, 2, 1, 0, 0, 0));
    expect((await values(MN_CEMS)).find((r) => r.data_time === dt)?.avg).toBe(4);
    c.close();
  });

  it('checks a Modbus-CRC device with its own variant and answers with it', async () => {
    const c = await TestClient.open(ingest.port, 'modbus');
    const dt = T0 + 9200 * HOUR;
    await c.write(
      frame(upload(MN_MODBUS, '2051', dt, { a21026: { Avg: 5 } }, { st: '31' }), 'modbus'),
    );
    const [ack] = await c.waitFor(1);
    expect(ack).toMatchObject({ cn: '9014', mn: MN_MODBUS });
    const before = ingest.status().totals.rejectedBy['crc_mismatch'] ?? 0;
    await c.write(
      frame(
        upload(MN_MODBUS, '2051', dt + 60_000, { a21026: { Avg: 6 } }, { st: '31' }),
        'standard',
      ),
    );
    await sleep(100);
    expect(ingest.status().totals.rejectedBy['crc_mismatch']).toBe(before + 1);
    expect((await values(MN_MODBUS)).map((r) => r.avg)).toEqual([5]);
    c.close();
  });

  it('stores each part of a split message on arrival and acknowledges each part', async () => {
    const c = await TestClient.open(ingest.port);
    const dt = T0 + 9400 * HOUR;
    const part = (pno: number, code: string) =>
      frame(
        upload(
          MN_CEMS,
          '2051',
          dt,
          { [code]: { Avg: pno, Flag: 'N' } },
          { st: '31', flag: 7, pnum: 2, pno },
        ),
      );
    await c.write(part(1, 'a21026'));
    const [first] = await c.waitFor(1);
    expect(first).toMatchObject({ cn: '9014' }); // part 1 acknowledged before part 2 was sent
    await c.write(part(2, 'a21002'));
    await c.waitFor(2);
    expect(
      (await values(MN_CEMS)).filter((r) => r.data_time === dt).map((r) => [r.code, r.avg]),
    ).toEqual([
      ['a21002', 2],
      ['a21026', 1],
    ]);
    expect(ingest.status().totals.splitComplete).toBe(1);
    c.close();
  });

  it('stores a re-sent packet once and acknowledges each copy; a correction replaces the value', async () => {
    const c = await TestClient.open(ingest.port);
    const dt = T0 + 9300 * HOUR;
    const p = upload(MN_CEMS, '2051', dt, { a21026: { Avg: 11, Flag: 'N' } }, { st: '31' });
    await c.write(frame(p));
    await c.waitFor(1);
    await c.write(Buffer.concat([frame(p), frame(p)]));
    await c.waitFor(3);
    expect((await values(MN_CEMS)).filter((r) => r.data_time === dt)).toHaveLength(1);
    await c.write(
      frame(upload(MN_CEMS, '2051', dt, { a21026: { Avg: 12, Flag: 'N' } }, { st: '31' })),
    );
    await c.waitFor(4);
    expect((await values(MN_CEMS)).filter((r) => r.data_time === dt).map((r) => r.avg)).toEqual([
      12,
    ]);
    expect(c.received).toHaveLength(4);
    c.close();
  });
});
