/**
 * Heavy-truck frames on JetStream (docs/scale.md, "Trucks on JetStream"), with real processes, a
 * real NATS and a real PostgreSQL: `serve --role ingest` takes the truck simulator's terminals
 * and publishes every accepted frame to the OBD stream (subjects `<prefix>.<VIN>.<command>`),
 * answering only after JetStream acknowledged; `serve --role writer` stores the stream into the
 * archive and PostgreSQL. The writer is killed with SIGKILL twice mid-run and restarted: once at
 * random, once while its transaction waits on a table lock the test holds — after its archive
 * append, before its COMMIT — so that the restarted writer gets messages whose frames are
 * already archived. At the end every answered frame must be in the archive exactly once (no frame
 * at all twice), the minute masks in PostgreSQL must hold exactly the seconds of the archived
 * frames, each minute and vehicle counting each second once, and the stream must hold exactly
 * one message per archived frame, on per-VIN subjects.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { Gb17691Decoder } from '../src/protocols/gb17691/index.ts';
import { beijingDay } from '../src/trucks/archive/beijing-slot.ts';
import { openTruckArchive, type ArchivedFrame } from '../src/trucks/archive/truck-archive.ts';
import { minuteOf, secondSeen } from '../src/trucks/minutes/minute-summary.ts';
import { messageRows } from '../src/trucks/record-rows.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import type { AckedTruckFrame } from '../src/trucks/simulator/truck-driver.ts';
import { readFileSync } from 'node:fs';
import {
  freshStream,
  killAll,
  NATS_URL,
  privateSchema,
  runLantian,
  startNode,
  type Node,
} from './support/scale-nodes.ts';

const VEHICLES = 24;
const DURATION_S = 40;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Seconds (epoch ms) of the data-stream blocks of a raw frame. */
function streamSeconds(raw: Buffer): number[] {
  const [e] = new Gb17691Decoder({ vinCheckDigit: 'off' }).push(raw);
  if (!e?.ok || (e.message.kind !== 'realtime' && e.message.kind !== 'reissue')) return [];
  return messageRows(e.message, DEFAULT_TRUCKS_CONFIG.rules)
    .rows.filter((r) => r.type === 0x02)
    .map((r) => Math.floor(r.record_time / 1000) * 1000);
}

const popcount = (n: number): number => {
  let c = 0;
  for (let x = n >>> 0; x; x &= x - 1) c++;
  return c;
};

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

describe('heavy-truck frames through JetStream', () => {
  const nodes: Node[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const dir = mkdtempSync(join(tmpdir(), 'lantian-scale-trucks-'));
  afterAll(async () => {
    killAll(nodes);
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'stores every answered truck frame exactly once across writer kills',
    { timeout: 300_000 },
    async () => {
      const schema = await privateSchema();
      cleanups.push(() => schema.drop());
      const stream = freshStream();
      const tag = stream.LANTIAN_NATS_STREAM!.slice('LT_TEST_'.length);
      const obdStream = `LT_TEST_OBD_${tag}`;
      const prefix = `lttest${tag}.obd`;
      const nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
      const jsm = await jetstreamManager(nc);
      cleanups.push(async () => {
        for (const s of [stream.LANTIAN_NATS_STREAM!, obdStream])
          await jsm.streams.delete(s).catch(() => undefined);
        await nc.close();
      });
      const archiveDir = join(dir, 'archive');
      mkdirSync(archiveDir);
      const env = {
        DATABASE_URL: schema.url,
        LANTIAN_NATS_URL: NATS_URL,
        ...stream,
        LANTIAN_NATS_OBD_STREAM: obdStream,
        LANTIAN_NATS_OBD_SUBJECT_PREFIX: prefix,
        LANTIAN_NATS_OBD_CONSUMER: 'obd-writers',
        LANTIAN_NATS_OBD_STREAM_MAX_AGE_S: '3600',
        LANTIAN_NATS_OBD_STREAM_MAX_BYTES: String(256 * 2 ** 20),
        LANTIAN_TRUCKS_ARCHIVE_DIR: archiveDir,
        LANTIAN_LOG_LEVEL: 'warn',
        // A killed writer's messages come again after 2 s.
        LANTIAN_WRITER_ACK_WAIT_S: '2',
        LANTIAN_WRITER_BATCH: '50',
      };
      await runLantian(
        ['region', 'add', '--adcode', '130400', '--name', '邯郸市', '--level', 'city'],
        env,
        dir,
      );
      await runLantian(
        [
          'region',
          'add',
          '--adcode',
          '130402',
          '--name',
          '邯山区',
          '--parent',
          '130400',
          '--level',
          'county',
        ],
        env,
        dir,
      );
      const fleet = ['--vehicles', String(VEHICLES), '--layout', 'hj', '--seed', '7'];
      await runLantian(['simulate-trucks', ...fleet, '--register', 'trucks.csv'], env, dir);
      await runLantian(['trucks', 'vehicle', 'import', 'trucks.csv'], env, dir);

      const writer = async (): Promise<{ node: Node; metricsPort: number }> => {
        const n = startNode(['serve', '--role', 'writer', '--metrics-port', '0'], env, dir);
        nodes.push(n);
        const [, port] = await n.waitFor(/指标与健康检查端口 (\d+)/);
        await n.waitFor(/写入节点运行中/);
        return { node: n, metricsPort: Number(port) };
      };
      let w = await writer();
      const ingest = startNode(
        [
          'serve',
          '--role',
          'ingest',
          '--metrics-port',
          '0',
          '--hj212-port',
          '0',
          '--trucks-port',
          '0',
        ],
        env,
        dir,
      );
      nodes.push(ingest);
      const [, truckPort] = await ingest.waitFor(/重型车终端监听端口 (\d+)/);
      await ingest.waitFor(/接入节点已启动/);

      const sim = startNode(
        [
          'simulate-trucks',
          ...fleet,
          '--target',
          `127.0.0.1:${truckPort}`,
          '--duration',
          String(DURATION_S),
          '--faulty-share',
          '0.1',
          '--tamper-share',
          '0.2',
          '--disconnect-prob',
          '0.05',
          '--progress',
          '0',
          '--acked-log',
          'acked.jsonl',
        ],
        env,
        dir,
      );
      nodes.push(sim);

      // A kill at random.
      await sleep(9000);
      w.node.child.kill('SIGKILL');
      await w.node.exited;
      w = await writer();

      // A kill between the archive append and the COMMIT: the writer's status upsert waits on
      // this lock (its reads and the minute upserts do not).
      await sleep(6000);
      const lock = await schema.pool.connect();
      try {
        await lock.query('begin');
        await lock.query('lock table truck_status in exclusive mode');
        for (let i = 0; ; i++) {
          const r = await schema.pool.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity
            where wait_event_type = 'Lock' and query ilike '%truck_status%' and pid <> pg_backend_pid()`,
          );
          if (Number(r.rows[0]!.n) > 0) break;
          if (i > 200) throw new Error('the writer never waited on the lock');
          await sleep(50);
        }
        w.node.child.kill('SIGKILL');
        await w.node.exited;
      } finally {
        await lock.query('commit');
        lock.release();
      }
      w = await writer();

      expect(await sim.exited).toBe(0);
      // Everything published is written and acknowledged.
      for (let i = 0; ; i++) {
        const c = await jsm.consumers.info(obdStream, 'obd-writers');
        if (c.num_pending === 0 && c.num_ack_pending === 0) break;
        if (i > 300) throw new Error(`writer lags: ${JSON.stringify(c)}`);
        await sleep(200);
      }
      // The restarted writer met frames of the killed one in the archive and did not append them.
      expect(
        await metric(w.metricsPort, 'lantian_writer_obd_archive_skipped_total'),
      ).toBeGreaterThan(0);
      for (const n of [w.node, ingest]) {
        n.child.kill('SIGTERM');
        expect(await n.exited).toBe(0);
      }

      const acked = readFileSync(join(dir, 'acked.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as AckedTruckFrame);
      expect(acked.filter((a) => a.command === 0x02).length).toBeGreaterThan(VEHICLES * 2);

      // The archive: every answered frame once, no frame twice.
      const vehicles = (
        await schema.pool.query<{ id: number; vin: string }>('select id, vin from truck_vehicles')
      ).rows;
      const archive = await openTruckArchive(archiveDir, {
        retentionDays: 30,
        readOnly: true,
        maintenanceIntervalMs: 0,
      });
      const days = [...new Set([beijingDay(Date.now() - 300_000), beijingDay(Date.now())])];
      const archived = new Map<number, ArchivedFrame[]>();
      const count = new Map<string, number>();
      for (const v of vehicles) {
        const frames: ArchivedFrame[] = [];
        for (const day of days) frames.push(...(await archive.readVehicleDay(v.id, day)));
        archived.set(v.id, frames);
        for (const f of frames) {
          const hex = Buffer.from(f.bytes).toString('hex');
          count.set(hex, (count.get(hex) ?? 0) + 1);
        }
      }
      await archive.close();
      expect([...count.values()].filter((n) => n !== 1)).toEqual([]);
      expect(acked.filter((a) => count.get(a.hex) !== 1)).toEqual([]);

      // PostgreSQL: the minute masks hold exactly the seconds of the archived frames, once each.
      const minutes = (
        await schema.pool.query<{
          vehicle_id: number;
          minute: string;
          seen_lo: number;
          seen_hi: number;
          records: number;
        }>('select vehicle_id, minute, seen_lo, seen_hi, records from truck_minutes')
      ).rows;
      const minuteOfKey = new Map(minutes.map((m) => [`${m.vehicle_id}:${Number(m.minute)}`, m]));
      const status = new Map(
        (
          await schema.pool.query<{ vehicle_id: number; records: string }>(
            'select vehicle_id, records from truck_status',
          )
        ).rows.map((s) => [s.vehicle_id, Number(s.records)]),
      );
      let seconds = 0;
      for (const [id, frames] of archived) {
        const set = new Set(frames.flatMap((f) => streamSeconds(Buffer.from(f.bytes))));
        for (const t of set) {
          const m = minuteOfKey.get(`${id}:${minuteOf(t)}`);
          expect(m && secondSeen(m, (t - minuteOf(t)) / 1000), `vehicle ${id} second ${t}`).toBe(
            true,
          );
        }
        const mine = minutes.filter((m) => m.vehicle_id === id);
        const masked = mine.reduce((n, m) => n + popcount(m.seen_lo) + popcount(m.seen_hi), 0);
        expect(masked).toBe(set.size);
        // HJ 1239 layout: one data-stream block per second, so records = seconds, once each.
        expect(mine.every((m) => m.records === popcount(m.seen_lo) + popcount(m.seen_hi))).toBe(
          true,
        );
        expect(status.get(id) ?? 0).toBe(set.size);
        seconds += set.size;
      }
      expect(seconds).toBeGreaterThan(VEHICLES * 20);

      // The stream: per-VIN subjects, one message per archived frame.
      const info = await jsm.streams.info(obdStream, { subjects_filter: '>' });
      const subjects = info.state.subjects ?? {};
      const vinOf = new Map(vehicles.map((v) => [v.id, v.vin]));
      const expected = new Map<string, number>();
      for (const [id, frames] of archived)
        for (const f of frames) {
          const s = `${prefix}.${vinOf.get(id)}.${f.bytes[2]!.toString(16).toUpperCase().padStart(2, '0')}`;
          expected.set(s, (expected.get(s) ?? 0) + 1);
        }
      expect(
        Object.keys(subjects).every((s) => /\.LSM[A-Z0-9]{14}\.(0[1-6]|quarantine)$/.test(s)),
      ).toBe(true);
      expect(new Set(Object.keys(subjects).map((s) => s.split('.').at(-2))).size).toBe(VEHICLES);
      expect(subjects).toEqual(Object.fromEntries(expected));
    },
  );
});
