/**
 * Heavy-truck listener load check: the in-process GB 17691 listener of src/trucks over a fresh
 * SQLite file (synchronous=FULL, as `serve` runs it), driven over loopback from the same process.
 * Each connection is one HJ-mode truck sending 10-second real-time frames (ten 1-Hz data-stream
 * blocks, HJ 1239 layout) and waiting for each reply before the next, as terminals do.
 * Prints replied frames/s, records/s, reply latency p50/p99, and bytes stored per 1-Hz record
 * (database file ÷ records; the raw frame is kept in hex beside the record), next to the raw
 * insert rate of the same record rows into the same table by a bare prepared-statement loop.
 *
 *   npx tsx bench/trucks-ingest.ts [--vehicles 100] [--frames 60] [--sync FULL|NORMAL]
 *
 * Single process: client and server share one core, so the rates are a lower bound.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { upsertRegions } from '../src/air/region-repo.ts';
import { systemClock } from '../src/clock.ts';
import { encodeMessage, Gb17691Framer } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { openStore } from '../src/store/db.ts';
import { startTruckListener } from '../src/trucks/listener/server.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { vinCheckDigit } from '../src/protocols/gb17691/index.ts';
import { importVehicles } from '../src/trucks/vehicle-service.ts';

const { values: args } = parseArgs({
  options: {
    vehicles: { type: 'string', default: '100' },
    frames: { type: 'string', default: '60' },
    sync: { type: 'string', default: 'FULL' },
  },
});
const VEHICLES = Number(args.vehicles);
const FRAMES = Number(args.frames);
const BASE = Date.parse('2024-05-01T08:00:00+08:00');
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

function vinOf(i: number): string {
  const raw = `LHDTK00X0A${String(i).padStart(7, '0')}`;
  return raw.slice(0, 8) + vinCheckDigit(raw) + raw.slice(9);
}

function frameOf(vin: string, k: number): Buffer {
  const t0 = BASE + k * 10_000;
  return encodeMessage({
    kind: 'realtime',
    command: 0x02,
    vin,
    layout: 'hj1239',
    sendTime: iso(t0 + 10_000),
    serial: k + 1,
    blocks: Array.from({ length: 10 }, (_, s) =>
      streamBlock(iso(t0 + s * 1000), null, { speed: 40 + (s % 7), mileage: 1000 + k + s / 10 }),
    ),
    signature: null,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'lantian-trucks-bench-'));
const path = join(dir, 'bench.db');
const db = await openStore({ sqlitePath: path, sqliteSynchronous: args.sync as 'FULL' | 'NORMAL' });
try {
  await upsertRegions(
    db,
    [{ adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' }],
    0,
  );
  const vins = Array.from({ length: VEHICLES }, (_, i) => vinOf(i));
  await importVehicles(
    db,
    systemClock,
    vins.map((vin, i) => ({
      line: i + 2,
      input: {
        vin,
        plate: `冀D${i}`,
        plateColour: '黄',
        emissionStage: '国六',
        fuel: '柴油',
        county: '130400',
      },
    })),
    { actor: 'bench' },
  );
  const listener = await startTruckListener(
    { db, clock: systemClock },
    {
      ...DEFAULT_TRUCKS_CONFIG,
      listener: {
        ...DEFAULT_TRUCKS_CONFIG.listener,
        host: '127.0.0.1',
        port: 0,
        // Every simulated truck connects from 127.0.0.1.
        maxPerAddress: VEHICLES,
      },
    },
  );
  const latencies: number[] = [];
  const frameBytes = frameOf(vins[0]!, 0).length;
  const truck = (vin: string) =>
    new Promise<void>((resolve, reject) => {
      const s: Socket = connect({ host: '127.0.0.1', port: listener.port });
      const framer = new Gb17691Framer();
      let k = 0;
      let sentAt = 0;
      const next = () => {
        if (k === FRAMES) {
          s.end();
          return resolve();
        }
        sentAt = performance.now();
        s.write(frameOf(vin, k++));
      };
      s.on('connect', next);
      s.on('data', (chunk: Buffer) => {
        for (const f of framer.push(chunk)) {
          if (!f.ok) continue;
          latencies.push(performance.now() - sentAt);
          next();
        }
      });
      s.on('error', reject);
    });
  const started = performance.now();
  await Promise.all(vins.map(truck));
  const seconds = (performance.now() - started) / 1000;
  await listener.stop();
  const records = Number(
    (
      await db.kysely
        .selectFrom('truck_records')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  const size = statSync(path).size + (existsSync(path + '-wal') ? statSync(path + '-wal').size : 0);

  // Bare baseline: the same rows into the same table, one prepared statement, one transaction per
  // 100 frames (as the group commit batches them).
  const rows = await db.kysely.selectFrom('truck_records').selectAll().execute();
  db.sqlite!.exec('delete from truck_records');
  const cols = Object.keys(rows[0]!);
  const insert = db.sqlite!.prepare(
    `insert into truck_records (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`,
  );
  const many = db.sqlite!.transaction((chunk: typeof rows) => {
    for (const r of chunk) insert.run(...cols.map((c) => (r as Record<string, unknown>)[c]));
  });
  const bareStart = performance.now();
  for (let i = 0; i < rows.length; i += 1000) many(rows.slice(i, i + 1000));
  const bareSeconds = (performance.now() - bareStart) / 1000;

  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  const out = {
    vehicles: VEHICLES,
    frames: VEHICLES * FRAMES,
    records,
    seconds: Number(seconds.toFixed(2)),
    framesPerSecond: Math.round((VEHICLES * FRAMES) / seconds),
    recordsPerSecond: Math.round(records / seconds),
    replyP50ms: Number(pct(0.5).toFixed(1)),
    replyP99ms: Number(pct(0.99).toFixed(1)),
    bytesPerRecord: Math.round(size / records),
    frameBytesPerRecord: Math.round(frameBytes / 10),
    bareRecordsPerSecond: Math.round(rows.length / bareSeconds),
    sync: args.sync,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
