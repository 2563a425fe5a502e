/**
 * A truck that disconnects, reconnects and reissues ends with no duplicate and no missing second
 * (issue 11, "What must show"), with the reconnected stream cut into small TCP writes at every
 * kind of offset and garbage between frames: in the minute masks and counts, and in the 1-Hz
 * detail read back from the archive (which holds the reissued frames as well).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { encodeMessage } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { startTruckListener, type TruckListener } from '../src/trucks/listener/server.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { readVehicleDetail } from '../src/trucks/detail/vehicle-detail.ts';
import { findVehicle } from '../src/trucks/vehicle-repo.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  openTestArchive,
  seedTrucks,
  seedVehicles,
  sleep,
  Terminal,
  TODAY,
  VIN_HJ,
} from './trucks-support.ts';

// 08:00:40 today: the 25 seconds span two minutes (40–59 and 0–4).
const BASE = Date.parse(`${TODAY}T08:00:40+08:00`);
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
  let store: Awaited<ReturnType<typeof openTestArchive>>;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedTrucks(t.db);
    await seedVehicles(t.db);
    store = await openTestArchive();
    listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive: store.archive },
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
    await store?.cleanup();
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
    const v = (await findVehicle(t.db.kysely, VIN_HJ))!;
    const rows = await readVehicleDetail(store.archive, v, TODAY);
    expect(rows.map((r) => (r.record_time - BASE) / 1000)).toEqual(
      Array.from({ length: 25 }, (_, s) => s),
    );
    expect(rows.filter((r) => r.command === 3).map((r) => r.speed)).toEqual(
      Array.from({ length: 8 }, (_, k) => 12 + k),
    );
    // The archive holds 12 + 12 + 5 data frames (8–11 twice); the detail counts each second once.
    const archived = await store.archive.readVehicleDay(v.id, TODAY);
    expect(archived.length).toBe(2 + 12 + 12 + 5);
    const minutes = await t.db.kysely
      .selectFrom('truck_minutes')
      .selectAll()
      .where('vehicle_id', '=', v.id)
      .orderBy('minute')
      .execute();
    expect(minutes.map((m) => [m.seen_lo, m.seen_hi, m.records, m.reissued])).toEqual([
      [0, 0xfffff << 10, 20, 8], // seconds 40–59 of the first minute; 12–19 reissued
      [0b11111, 0, 5, 0], // seconds 0–4 of the next
    ]);
    expect(minutes.reduce((n, m) => n + m.speed_sum, 0)).toBe((24 * 25) / 2);
    const st = await t.db.kysely.selectFrom('truck_status').selectAll().executeTakeFirstOrThrow();
    expect(Number(st.records)).toBe(25);
    expect(Number(st.last_record_time)).toBe(BASE + 24_000);
    b.close();
  });
});
