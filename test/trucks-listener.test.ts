/**
 * The GB 17691 / HJ 1239 terminal listener over real TCP sockets, with frames built by the
 * codec's serializer: replies per mode only after the frames are archived and the minutes
 * committed, records read back from the archive with invalid readings as null and the raw frame
 * kept, reissues deduplicated (minute masks and the detail reader), unknown VINs refused, counted
 * and quarantined, codec refusals counted, and the connection bounds.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import {
  encodeMessage,
  type DataStreamBlock,
  type Gb17691MessageInput,
  type Layout,
} from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { startTruckListener, type TruckListener } from '../src/trucks/listener/server.ts';
import { DEFAULT_TRUCKS_CONFIG, type TrucksConfig } from '../src/trucks/trucks-config.ts';
import type { TruckArchive } from '../src/trucks/archive/truck-archive.ts';
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
  VIN_GB,
  VIN_HJ,
  VIN_OTHER,
} from './trucks-support.ts';

// Collected today (the archive files frames by the day they were received).
const T0 = `${TODAY}T08:30:00+08:00`;
const at = (k: number) => `${TODAY}T08:30:${String(k).padStart(2, '0')}+08:00`;

function config(over: Partial<TrucksConfig['listener']> = {}): TrucksConfig {
  return {
    ...DEFAULT_TRUCKS_CONFIG,
    listener: {
      ...DEFAULT_TRUCKS_CONFIG.listener,
      host: '127.0.0.1',
      port: 0,
      commitDelayMs: 2,
      ...over,
    },
  };
}

const login = (vin: string, serial = 1): Buffer =>
  encodeMessage({
    kind: 'login',
    command: 0x01,
    vin,
    time: T0,
    serial,
    iccid: '89860000000000000001',
  });
const logout = (vin: string, serial = 1): Buffer =>
  encodeMessage({ kind: 'logout', command: 0x04, vin, time: at(59), serial });
const calibrate = (vin: string): Buffer =>
  encodeMessage({ kind: 'time-calibration', command: 0x05, vin });

/** A real-time (or reissue) frame of `n` one-second data-stream blocks. */
function realtime(
  vin: string,
  layout: Layout,
  n: number,
  opts: {
    command?: 0x02 | 0x03;
    first?: number;
    over?: (k: number) => Partial<DataStreamBlock>;
  } = {},
): Buffer {
  const first = opts.first ?? 0;
  const blocks = Array.from({ length: n }, (_, i) => {
    const k = first + i;
    return streamBlock(
      layout === 'hj1239' ? at(k) : at(first),
      layout === 'gb-serial-per-block' ? k : null,
      {
        speed: 30 + k,
        ...(opts.over?.(k) ?? {}),
      },
    );
  });
  const m: Gb17691MessageInput = {
    kind: opts.command === 0x03 ? 'reissue' : 'realtime',
    command: opts.command ?? 0x02,
    vin,
    layout,
    sendTime: layout === 'hj1239' ? at(first + n) : at(first),
    serial: layout === 'gb-serial-per-block' ? null : 1,
    blocks,
    signature: null,
  };
  return encodeMessage(m);
}

describe.each(dialectsUnderTest())('truck listener on %s', (dialect) => {
  let t: TestStore;
  let listener: TruckListener;
  let store: Awaited<ReturnType<typeof openTestArchive>>;
  const records = async (vin: string) => {
    const v = await findVehicle(t.db.kysely, vin);
    return v ? readVehicleDetail(store.archive, v, TODAY) : [];
  };
  const minute = async (vin: string) => {
    const v = (await findVehicle(t.db.kysely, vin))!;
    return t.db.kysely
      .selectFrom('truck_minutes')
      .selectAll()
      .where('vehicle_id', '=', v.id)
      .where('minute', '=', Date.parse(T0))
      .executeTakeFirst();
  };
  const status = (vin: string) =>
    t.db.kysely
      .selectFrom('truck_status as s')
      .innerJoin('truck_vehicles as v', 'v.id', 's.vehicle_id')
      .selectAll('s')
      .where('v.vin', '=', vin)
      .executeTakeFirst();

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedTrucks(t.db);
    await seedVehicles(t.db);
    store = await openTestArchive();
    listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive: store.archive },
      config(),
    );
  });
  afterAll(async () => {
    await listener?.stop();
    await store?.cleanup();
    await t?.cleanup();
  });

  it('answers an HJ-mode login and stores real-time records with nulls and the raw frame', async () => {
    const term = await Terminal.open(listener.port);
    term.send(login(VIN_HJ));
    const [ack] = await term.waitReplies(1);
    expect(ack).toEqual({ command: 1, vin: VIN_HJ, data: '' });
    expect((await status(VIN_HJ))?.last_login_at).not.toBeNull();
    expect(listener.isConnected(VIN_HJ)).toBe(true);

    // Second 3 has an invalid (all-0xFF) downstream NOx and reagent level.
    const frame = realtime(VIN_HJ, 'hj1239', 10, {
      over: (k) => (k === 3 ? { noxDownstream: null, reagent: null } : {}),
    });
    term.send(frame);
    const replies = await term.waitReplies(2);
    expect(replies[1]).toEqual({ command: 2, vin: VIN_HJ, data: '' });
    const rows = await records(VIN_HJ);
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => Number(r.record_time))).toEqual(
      Array.from({ length: 10 }, (_, k) => Date.parse(at(k))),
    );
    expect(rows[0]).toMatchObject({
      type: 2,
      command: 2,
      speed: 30,
      nox_upstream: 50,
      nox_downstream: 0,
      scr_inlet_temp: 82,
      scr_outlet_temp: 65,
      reagent: 80,
      rpm: 1600,
      torque: 65,
      fuel_flow: 10,
      air_flow: 200,
      lon: 116.57744,
      lat: 39.895464,
      fix_valid: 1,
      mileage: 7688,
    });
    expect([rows[3]!.nox_downstream, rows[3]!.reagent]).toEqual([null, null]);
    const v = (await findVehicle(t.db.kysely, VIN_HJ))!;
    const archived = await store.archive.readVehicleDay(v.id, TODAY);
    expect(archived.map((f) => Buffer.from(f.bytes).toString('hex'))).toContain(
      frame.toString('hex'),
    );
    expect(await status(VIN_HJ)).toMatchObject({
      records: 10,
      last_record_time: Date.parse(at(9)),
      last_speed: 39,
      last_lon: 116.57744,
    });

    // Reissue of the same seconds plus two new ones: answered, stored once.
    term.send(realtime(VIN_HJ, 'hj1239', 12, { command: 0x03 }));
    term.send(calibrate(VIN_HJ));
    const more = await term.waitReplies(4);
    expect(more[2]).toMatchObject({ command: 3 });
    expect(more[3]).toMatchObject({ command: 5 });
    const calibrated = Date.parse((more[3] as { time: string }).time);
    expect(Math.abs(calibrated - Date.now())).toBeLessThan(5000);
    const after = await records(VIN_HJ);
    expect(after).toHaveLength(12);
    expect(after.filter((r) => r.command === 3).map((r) => Number(r.record_time))).toEqual([
      Date.parse(at(10)),
      Date.parse(at(11)),
    ]);
    expect((await status(VIN_HJ))?.records).toBe(12);
    const m = await minute(VIN_HJ);
    expect(m).toMatchObject({ seen_lo: 0xfff, seen_hi: 0, records: 12, reissued: 2 });
    expect(m!.nox_down_n).toBe(11); // second 3's downstream NOx was invalid

    term.send(logout(VIN_HJ));
    const all = await term.waitReplies(5);
    expect(all[4]).toMatchObject({ command: 4 });
    expect(listener.isConnected(VIN_HJ)).toBe(false);
    expect((await status(VIN_HJ))?.last_logout_at).not.toBeNull();
    term.close();
  });

  it('does not answer a GB-mode terminal except time calibration; ten blocks under one time stay ten', async () => {
    const term = await Terminal.open(listener.port);
    term.send(login(VIN_GB));
    term.send(realtime(VIN_GB, 'gb-serial-first', 10));
    term.send(realtime(VIN_GB, 'gb-serial-first', 10, { command: 0x03 }));
    term.send(calibrate(VIN_GB));
    const replies = await term.waitReplies(1);
    await listener.drain();
    await sleep(100);
    expect(replies.map((r) => r.command)).toEqual([5]);
    const rows = await records(VIN_GB);
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(rows.map((r) => Number(r.record_time)))).toEqual(new Set([Date.parse(T0)]));
    expect(rows.map((r) => r.speed)).toEqual(Array.from({ length: 10 }, (_, k) => 30 + k));
    // One record group (ten blocks under the frame's second): counted once, the reissue skipped.
    expect(await minute(VIN_GB)).toMatchObject({ seen_lo: 1, records: 10, reissued: 0 });
    term.close();
  });

  it('refuses unknown VINs without an answer, counts and quarantines them; keeps the connection', async () => {
    const term = await Terminal.open(listener.port);
    const before = listener.snapshot().rejections['unknown_vin'] ?? 0;
    term.send(login(VIN_OTHER));
    term.send(realtime(VIN_OTHER, 'hj1239', 3));
    // A frame with a wrong BCC is refused too; the valid frame after it still gets through.
    const broken = Buffer.from(calibrate(VIN_HJ));
    broken[broken.length - 1] = broken[broken.length - 1]! ^ 0xff;
    term.send(Buffer.concat([broken, calibrate(VIN_HJ)]));
    const replies = await term.waitReplies(1);
    await listener.drain();
    expect(replies.map((r) => [r.command, r.vin])).toEqual([[5, VIN_HJ]]);
    const snap = listener.snapshot();
    expect(snap.rejections['unknown_vin']).toBe(before + 2);
    expect(snap.rejections['bcc_mismatch']).toBeGreaterThanOrEqual(1);
    expect(listener.recentRejections(5).map((r) => r.reason)).toContain('unknown_vin');
    const q = await t.db.kysely
      .selectFrom('truck_quarantine')
      .selectAll()
      .where('vin', '=', VIN_OTHER)
      .executeTakeFirstOrThrow();
    expect([q.reason, Number(q.frames)]).toEqual(['unknown_vin', 2]);
    expect(term.closed).toBe(false);
    expect(await records(VIN_OTHER)).toHaveLength(0);
    term.close();
  });

  it('keeps a frame whose block has no valid time, stores its dated blocks, counts the other', async () => {
    const term = await Terminal.open(listener.port);
    const frame = encodeMessage({
      kind: 'realtime',
      command: 0x02,
      vin: VIN_HJ,
      layout: 'hj1239',
      sendTime: at(42),
      serial: 9,
      blocks: [streamBlock(at(40)), { ...streamBlock(at(41)), time: null }],
      signature: null,
    });
    term.send(frame);
    await term.waitReplies(1);
    const rows = (await records(VIN_HJ)).filter((r) => Number(r.record_time) >= Date.parse(at(40)));
    expect(rows.map((r) => Number(r.record_time))).toEqual([Date.parse(at(40))]);
    expect(listener.snapshot().rejections['block_bad_time']).toBe(1);
    const v = (await findVehicle(t.db.kysely, VIN_HJ))!;
    const kept = (await store.archive.readVehicleDay(v.id, TODAY)).filter(
      (f) => Buffer.from(f.bytes).toString('hex') === frame.toString('hex'),
    );
    expect(kept).toHaveLength(1);
    term.close();
  });

  it('answers only after the data are committed', async () => {
    const term = await Terminal.open(listener.port);
    let release: () => Promise<void>;
    if (dialect === 'sqlite') {
      const other = new BetterSqlite3(t.env['LANTIAN_DB']!);
      other.exec('begin exclusive');
      release = async () => {
        other.exec('commit');
        other.close();
      };
    } else {
      const client = await t.db.pg!.connect();
      await client.query('begin');
      await client.query('lock table truck_minutes in access exclusive mode');
      release = async () => {
        await client.query('commit');
        client.release();
      };
    }
    term.send(realtime(VIN_HJ, 'hj1239', 2, { first: 20 }));
    await sleep(800);
    expect(term.replies).toHaveLength(0);
    await release();
    await term.waitReplies(1, 15_000);
    expect((await records(VIN_HJ)).some((r) => Number(r.record_time) === Date.parse(at(21)))).toBe(
      true,
    );
    term.close();
  }, 30_000);
});

describe('truck listener bounds', () => {
  let t: TestStore;
  let archive: TruckArchive;
  let store: Awaited<ReturnType<typeof openTestArchive>>;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await seedTrucks(t.db);
    await seedVehicles(t.db);
    store = await openTestArchive();
    archive = store.archive;
  });
  afterAll(async () => {
    await store?.cleanup();
    await t?.cleanup();
  });

  it('refuses connections over the per-address cap and closes idle ones', async () => {
    const listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive },
      config({ maxPerAddress: 2, idleTimeoutMs: 400 }),
    );
    try {
      const a = await Terminal.open(listener.port);
      const b = await Terminal.open(listener.port);
      const c = await Terminal.open(listener.port);
      await c.waitClosed(2000);
      expect(listener.snapshot().connectionsRefused).toBe(1);
      expect(listener.snapshot().connections).toBe(2);
      // Idle: a and b are closed by the server after the timeout; a slot frees up.
      await a.waitClosed(3000);
      await b.waitClosed(3000);
      const d = await Terminal.open(listener.port);
      d.send(calibrate(VIN_HJ));
      expect((await d.waitReplies(1))[0]?.command).toBe(5);
      d.close();
    } finally {
      await listener.stop();
    }
  });

  it('on stop, stores and answers what it received before closing', async () => {
    const listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive },
      config({ commitDelayMs: 1000 }),
    );
    const term = await Terminal.open(listener.port);
    for (let k = 0; k < 3; k++) term.send(realtime(VIN_HJ, 'hj1239', 1, { first: 50 + k }));
    while (listener.snapshot().framesAccepted < 3) await sleep(10);
    expect(term.replies).toHaveLength(0); // still waiting for the group commit
    await listener.stop();
    await term.waitReplies(3);
    await term.waitClosed();
    const v = (await findVehicle(t.db.kysely, VIN_HJ))!;
    const n = (await readVehicleDetail(archive, v, TODAY)).filter(
      (r) => r.record_time >= Date.parse(at(50)),
    );
    expect(n).toHaveLength(3);
    const m = await t.db.kysely
      .selectFrom('truck_minutes')
      .select('seen_hi')
      .where('vehicle_id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(m.seen_hi).toBe(0b111 << 20); // seconds 50–52
  });

  it('bounds the quarantine to the configured number of VINs, still counting the rest', async () => {
    const listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive },
      config({ quarantineVins: 1 }),
    );
    try {
      const term = await Terminal.open(listener.port);
      term.send(login('LSVAM41Z5F2000003'));
      term.send(login('LSVAM41Z7F2000004'));
      await sleep(200);
      await listener.drain();
      expect(listener.snapshot().rejections['unknown_vin']).toBe(2);
      const rows = await t.db.kysely.selectFrom('truck_quarantine').select('vin').execute();
      expect(rows).toHaveLength(1);
      term.close();
    } finally {
      await listener.stop();
    }
  });
});
