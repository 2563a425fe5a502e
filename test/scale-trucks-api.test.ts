/**
 * Trucks on a split deployment (docs/scale.md, "Trucks on JetStream"), with real processes, a
 * real NATS and a real PostgreSQL: the truck simulator at a `serve --role ingest` node, a
 * `serve --role writer` node storing the truck stream into the archive directory, and a
 * `serve --role api` node started before any frame was archived, on the same directory. The api
 * node runs no truck listener, and its recent-records route of every simulated vehicle returns
 * exactly what the writer's archive holds (all of it appended after the api started: a view
 * loaded once at start would show nothing); while the api answers, no file or directory of the
 * archive is created, removed or changed.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { openStore } from '../src/store/db.ts';
import { openTruckArchive } from '../src/trucks/archive/truck-archive.ts';
import { readRecentRecords } from '../src/trucks/detail/vehicle-detail.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { WHO } from './ingest-support.ts';
import {
  freshStream,
  killAll,
  NATS_URL,
  privateSchema,
  runLantian,
  startNode,
  type Node,
} from './support/scale-nodes.ts';

const VEHICLES = 8;
const DURATION_S = 25;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every file and directory under `dir` with its size and mtime. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      out[relative(dir, p)] = `${s.size}:${s.mtimeMs}`;
      if (s.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

interface RecordKey {
  time: number;
  type: number;
  seq: number;
}

describe('trucks on a split deployment: the api node reads the writer’s archive', () => {
  const nodes: Node[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const dir = mkdtempSync(join(tmpdir(), 'lantian-scale-trucks-api-'));
  afterAll(async () => {
    killAll(nodes);
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'serves the records the writer archived, without a listener and without writing',
    { timeout: 240_000 },
    async () => {
      const schema = await privateSchema();
      cleanups.push(() => schema.drop());
      const stream = freshStream();
      const tag = stream.LANTIAN_NATS_STREAM!.slice('LT_TEST_'.length);
      const obdStream = `LT_TEST_OBD_${tag}`;
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
        LANTIAN_NATS_OBD_SUBJECT_PREFIX: `lttest${tag}.obd`,
        LANTIAN_NATS_OBD_CONSUMER: 'obd-writers',
        LANTIAN_NATS_OBD_STREAM_MAX_AGE_S: '3600',
        LANTIAN_NATS_OBD_STREAM_MAX_BYTES: String(256 * 2 ** 20),
        LANTIAN_TRUCKS_ARCHIVE_DIR: archiveDir,
        LANTIAN_LOG_LEVEL: 'warn',
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
      const fleet = ['--vehicles', String(VEHICLES), '--layout', 'hj', '--seed', '11'];
      await runLantian(['simulate-trucks', ...fleet, '--register', 'trucks.csv'], env, dir);
      await runLantian(['trucks', 'vehicle', 'import', 'trucks.csv'], env, dir);
      const db = await openStore({ databaseUrl: schema.url });
      let token: string;
      try {
        const u = await createUser(db, systemClock, WHO, {
          username: 'truck-admin',
          role: 'city-admin',
          password: 'Lantian-test-2024',
        });
        token = (await createToken(db, systemClock, WHO, u.id, 'test', null)).token;
      } finally {
        await db.close();
      }

      const writer = startNode(['serve', '--role', 'writer', '--metrics-port', '0'], env, dir);
      nodes.push(writer);
      await writer.waitFor(/写入节点运行中/, 60_000);
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
      const [, truckPort] = await ingest.waitFor(/重型车终端监听端口 (\d+)/, 60_000);
      await ingest.waitFor(/接入节点已启动/);
      // The api node starts on an archive directory that holds nothing yet.
      expect(readdirSync(archiveDir)).toEqual([]);
      const api = startNode(['serve', '--role', 'api', '--port', '0'], env, dir);
      nodes.push(api);
      const base = (await api.waitFor(/蓝天已启动：(http:\/\/localhost:\d+)/, 60_000))[1]!;
      expect(api.output()).not.toMatch(/重型车终端监听端口/);

      const headers = { authorization: `Bearer ${token}` };
      const records = async (vin: string): Promise<RecordKey[]> => {
        const res = await fetch(`${base}/api/trucks/vehicles/${vin}/records?limit=1000`, {
          headers,
        });
        expect(res.status, await res.clone().text()).toBe(200);
        const body = (await res.json()) as { records: RecordKey[] };
        return body.records.map((r) => ({ time: r.time, type: r.type, seq: r.seq }));
      };
      const vehicles = (
        await schema.pool.query<{ id: number; vin: string; layout: string }>(
          'select id, vin, layout from truck_vehicles order by id',
        )
      ).rows;
      expect(vehicles.length).toBe(VEHICLES);

      const sim = startNode(
        [
          'simulate-trucks',
          ...fleet,
          '--target',
          `127.0.0.1:${truckPort}`,
          '--duration',
          String(DURATION_S),
          '--progress',
          '0',
        ],
        env,
        dir,
      );
      nodes.push(sim);
      // Mid-run: the api already shows what the writer appended since the api started.
      await sleep((DURATION_S / 2) * 1000);
      const midRun = (await Promise.all(vehicles.map((v) => records(v.vin)))).flat().length;
      expect(midRun).toBeGreaterThan(0);
      expect(await sim.exited).toBe(0);
      for (let i = 0; ; i++) {
        const c = await jsm.consumers.info(obdStream, 'obd-writers');
        if (c.num_pending === 0 && c.num_ack_pending === 0) break;
        if (i > 300) throw new Error(`writer lags: ${JSON.stringify(c)}`);
        await sleep(200);
      }
      for (const n of [writer, ingest]) {
        n.child.kill('SIGTERM');
        expect(await n.exited).toBe(0);
      }

      // The api's reads leave the archive directory exactly as the writer left it.
      const before = listing(archiveDir);
      expect(Object.keys(before).length).toBeGreaterThan(1);
      const served = new Map<number, RecordKey[]>();
      for (const v of vehicles) served.set(v.id, await records(v.vin));
      for (const v of vehicles) expect(await records(v.vin)).toEqual(served.get(v.id));
      expect(listing(archiveDir)).toEqual(before);

      // What the api served is what the writer's archive holds.
      const archive = await openTruckArchive(archiveDir, {
        retentionDays: 30,
        readOnly: true,
        maintenanceIntervalMs: 0,
      });
      let total = 0;
      try {
        for (const v of vehicles) {
          const expected = (
            await readRecentRecords(archive, v, Date.now(), 1000, DEFAULT_TRUCKS_CONFIG.rules)
          ).map((r) => ({ time: r.record_time, type: r.type, seq: r.seq }));
          expect(served.get(v.id), v.vin).toEqual(expected);
          total += expected.length;
        }
      } finally {
        await archive.close();
      }
      expect(total).toBeGreaterThan(midRun);
      expect(total).toBeGreaterThan(VEHICLES * 10);
      expect(listing(archiveDir)).toEqual(before);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
      expect(listing(archiveDir)).toEqual(before);
    },
  );
});
