/**
 * A truck that disconnects, reconnects and reissues ends with no duplicate and no missing second
 * (issue 11, "What must show"), with the reconnected stream cut into small TCP writes at every
 * kind of offset and garbage between frames.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { encodeMessage } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { startTruckListener, type TruckListener } from '../src/trucks/listener/server.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { seedTrucks, seedVehicles, sleep, Terminal, VIN_HJ } from './trucks-support.ts';

const BASE = Date.parse('2024-05-01T08:00:00+08:00');
const iso = (s: number) =>
  new Date(BASE + s * 1000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

/** One frame per second, HJ 1239 layout. */
const second = (s: number, command: 0x02 | 0x03) =>
  encodeMessage({
    kind: command === 0x02 ? 'realtime' : 'reissue',
    command,
    vin: VIN_HJ,
    layout: 'hj1239',
    sendTime: iso(s),
    serial: s + 1,
    blocks: [streamBlock(iso(s), null, { speed: s })],
    signature: null,
  });

describe.each(dialectsUnderTest())('disconnect, reconnect and reissue on %s', (dialect) => {
  let t: TestStore;
  let listener: TruckListener;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedTrucks(t.db);
    await seedVehicles(t.db);
    listener = await startTruckListener(
      { db: t.db, clock: systemClock },
      {
        ...DEFAULT_TRUCKS_CONFIG,
        listener: {
          ...DEFAULT_TRUCKS_CONFIG.listener,
          host: '127.0.0.1',
          port: 0,
          commitDelayMs: 2,
        },
      },
    );
  });
  afterAll(async () => {
    await listener?.stop();
    await t?.cleanup();
  });

  it('stores every second exactly once', async () => {
    const login = encodeMessage({
      kind: 'login',
      command: 0x01,
      vin: VIN_HJ,
      time: iso(0),
      serial: 1,
      iccid: '89860000000000000001',
    });
    // Connection 1: seconds 0–11 live, then the link drops.
    const a = await Terminal.open(listener.port);
    a.send(login);
    for (let s = 0; s <= 11; s++) a.send(second(s, 0x02));
    await a.waitReplies(13);
    a.close();
    // Seconds 12–19 pass offline. Connection 2: login, live 20–24 interleaved with a reissue of
    // 8–19 (8–11 were already stored), cut into 1–7-byte writes with garbage between frames.
    const frames: Buffer[] = [login];
    for (let k = 0; k < 12; k++) {
      frames.push(second(8 + k, 0x03));
      if (k < 5) frames.push(second(20 + k, 0x02));
    }
    const garbage = Buffer.from('AT+CSQ\r\n##\x00\xff', 'latin1');
    const stream = Buffer.concat(frames.flatMap((f, i) => (i % 3 === 2 ? [garbage, f] : [f])));
    const b = await Terminal.open(listener.port);
    let seed = 7;
    for (let at = 0; at < stream.length;) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const n = 1 + (seed % 7);
      b.send(stream.subarray(at, at + n));
      at += n;
      if (seed % 4 === 0) await sleep(1);
    }
    const replies = await b.waitReplies(frames.length, 10_000);
    expect(replies).toHaveLength(frames.length);
    await listener.drain();
    const rows = await t.db.kysely
      .selectFrom('truck_records')
      .select(['record_time', 'command', 'speed'])
      .orderBy('record_time')
      .execute();
    expect(rows.map((r) => (Number(r.record_time) - BASE) / 1000)).toEqual(
      Array.from({ length: 25 }, (_, s) => s),
    );
    expect(rows.filter((r) => r.command === 3).map((r) => r.speed)).toEqual(
      Array.from({ length: 8 }, (_, k) => 12 + k),
    );
    const st = await t.db.kysely.selectFrom('truck_status').selectAll().executeTakeFirstOrThrow();
    expect(Number(st.records)).toBe(25);
    expect(Number(st.last_record_time)).toBe(BASE + 24_000);
    b.close();
  });
});
