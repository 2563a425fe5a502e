/**
 * Heavy-truck listener end to end (issue 11): `--vehicles` simulated HJ-mode trucks (default
 * 20,000), each sending a 10-second real-time frame (ten 1-Hz records) every 10 s — about 2,000
 * frames/s and 20,000 records/s — to the in-process listener of src/trucks over loopback. The
 * storage path is the one `serve` runs: raw frames appended to the archive (fsync'd), then one
 * SQLite transaction (synchronous=FULL) of minute summaries, status and quarantine, then replies.
 *
 * The load runs in a child process (bench/trucks-load-client.ts) so that client and server have
 * separate fd budgets (ulimit -n is 20,000 here) and cores; `--connections` connections carry the
 * vehicles (default 2,000 × 10 vehicles: the listener keys every frame by its own VIN, as for an
 * enterprise platform forwarding many trucks over one connection).
 *
 * Prints, over a `--seconds` window after `--warmup`: frames and records/s replied, reply latency
 * p50/p99/max, server CPU (process.cpuUsage, % of one core) and RSS, event-loop delay p99, time
 * spent in the database step, archive and database bytes per 1-Hz record, and — in the same run —
 * the bare archive append rate (the same kind of frames appended straight to a fresh archive in
 * batches of `--bare-batch`).
 *
 *   npx tsx bench/trucks-ingest.ts [--vehicles 20000] [--connections 2000] [--seconds 60]
 *       [--warmup 10] [--sync FULL|NORMAL] [--writer thread|loop]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { upsertRegions } from '../src/air/region-repo.ts';
import { systemClock } from '../src/clock.ts';
import { openStore } from '../src/store/db.ts';
import { openTruckArchive, type ArchivedFrame } from '../src/trucks/archive/truck-archive.ts';
import { writeBatch, type TruckWrite } from '../src/trucks/batch-repo.ts';
import { startTruckListener } from '../src/trucks/listener/server.ts';
import { startSqliteTruckWriter } from '../src/trucks/listener/sqlite-truck-writer.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { benchVin, frameOf } from './trucks-sim-frames.ts';

const { values: args } = parseArgs({
  options: {
    vehicles: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    sync: { type: 'string', default: 'FULL' },
    'bare-frames': { type: 'string', default: '100000' },
    'bare-batch': { type: 'string', default: '200' },
    writer: { type: 'string', default: 'thread' },
  },
});
const VEHICLES = Number(args.vehicles);
const CONNECTIONS = Number(args.connections);

const dir = mkdtempSync(join(tmpdir(), 'lantian-trucks-bench-'));
const path = join(dir, 'bench.db');
const dbBytes = () =>
  statSync(path).size + (existsSync(path + '-wal') ? statSync(path + '-wal').size : 0);
const db = await openStore({ sqlitePath: path, sqliteSynchronous: args.sync as 'FULL' | 'NORMAL' });
const archive = await openTruckArchive(join(dir, 'archive'), { retentionDays: 30 });
try {
  await upsertRegions(
    db,
    [{ adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' }],
    0,
  );
  const now0 = Date.now();
  for (let i = 0; i < VEHICLES; i += 500)
    await db.kysely
      .insertInto('truck_vehicles')
      .values(
        Array.from({ length: Math.min(500, VEHICLES - i) }, (_, k) => ({
          vin: benchVin(i + k),
          plate: `冀D${i + k}`,
          plate_colour: '黄',
          emission_stage: '国六',
          fuel: '柴油',
          owner: null,
          fleet: null,
          region_adcode: '130400',
          iccid: null,
          chip_id: null,
          reply_mode: 'hj',
          layout: 'hj1239',
          created_at: now0,
          updated_at: now0,
        })),
      )
      .execute();
  db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  const dbBefore = dbBytes();

  // The database step, timed: on the writer thread (as serve runs it) or on the event loop.
  const thread =
    args.writer === 'thread'
      ? await startSqliteTruckWriter(db, DEFAULT_TRUCKS_CONFIG.rules.movingKmh)
      : null;
  const dbStep = { batches: 0, ms: 0, maxMs: 0, frames: 0 };
  const listener = await startTruckListener(
    {
      db,
      clock: systemClock,
      archive,
      async writeDb(writes: readonly TruckWrite[], at: number) {
        const t = performance.now();
        const r = thread
          ? await thread.write(writes, at)
          : await writeBatch(db, writes, at, DEFAULT_TRUCKS_CONFIG.rules.movingKmh);
        const ms = performance.now() - t;
        dbStep.batches++;
        dbStep.ms += ms;
        dbStep.maxMs = Math.max(dbStep.maxMs, ms);
        dbStep.frames += writes.length;
        return r;
      },
    },
    {
      ...DEFAULT_TRUCKS_CONFIG,
      listener: {
        ...DEFAULT_TRUCKS_CONFIG.listener,
        host: '127.0.0.1',
        port: 0,
        maxPerAddress: CONNECTIONS,
      },
    },
  );

  const client = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./trucks-load-client.ts', import.meta.url).pathname,
      '--port',
      String(listener.port),
      '--vehicles',
      String(VEHICLES),
      '--connections',
      String(CONNECTIONS),
      '--warmup',
      args.warmup,
      '--seconds',
      args.seconds,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let clientOut = '';
  client.stdout.on('data', (d: Buffer) => (clientOut += d.toString('utf8')));
  const clientDone = new Promise<void>((r) => client.on('exit', () => r()));

  // The measured window, server side.
  await new Promise((r) => setTimeout(r, Number(args.warmup) * 1000));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const frames0 = listener.snapshot().framesAccepted;
  const db0 = { ...dbStep };
  let rssMax = 0;
  const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 1000);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, Number(args.seconds) * 1000));
  const windowS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const frames1 = listener.snapshot().framesAccepted;
  const db1 = { ...dbStep };
  loop.disable();
  clearInterval(rssTimer);
  await clientDone;
  await listener.stop();
  await thread?.close();
  const load = JSON.parse(clientOut.trim().split('\n').pop()!) as Record<string, unknown>;

  const totalFrames = listener.snapshot().framesAccepted;
  const totalRecords = totalFrames * 10;
  const archiveStats = await archive.stats();
  db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  const dbAfter = dbBytes();
  const minutes = Number(
    (
      await db.kysely
        .selectFrom('truck_minutes')
        .select((eb) => eb.fn.sum<number>('records').as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  // Bare archive append, same run: frames of the same shape straight into a fresh archive.
  const bare = await openTruckArchive(join(dir, 'bare'), { retentionDays: 30 });
  const bareFrames = Number(args['bare-frames']);
  const bareBatch = Number(args['bare-batch']);
  const pool: ArchivedFrame[] = [];
  const end = Math.floor(Date.now() / 1000) * 1000;
  for (let i = 0; i < Math.min(bareFrames, 5000); i++)
    pool.push({ vehicleId: i + 1, receivedAt: end, bytes: frameOf(i, benchVin(i), end, 1) });
  const bareStart = performance.now();
  for (let n = 0; n < bareFrames; n += bareBatch) {
    const at = Date.now();
    await bare.append(
      Array.from({ length: Math.min(bareBatch, bareFrames - n) }, (_, k) => ({
        ...pool[(n + k) % pool.length]!,
        receivedAt: at,
      })),
    );
  }
  const bareS = (performance.now() - bareStart) / 1000;
  await bare.close();

  const out = {
    vehicles: VEHICLES,
    connections: CONNECTIONS,
    windowSeconds: Number(windowS.toFixed(1)),
    framesPerSecond: Math.round((frames1 - frames0) / windowS),
    recordsPerSecond: Math.round(((frames1 - frames0) * 10) / windowS),
    offeredFramesPerSecond: Math.round(VEHICLES / 10),
    client: load,
    serverCpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1e6 / windowS) * 100).toFixed(1)),
    serverRssMaxMiB: Math.round(rssMax / 2 ** 20),
    eventLoopDelayP99ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
    eventLoopDelayMaxms: Number((loop.max / 1e6).toFixed(1)),
    dbStep: {
      batches: db1.batches - db0.batches,
      meanMs: Number(((db1.ms - db0.ms) / Math.max(1, db1.batches - db0.batches)).toFixed(1)),
      maxMs: Number(db1.maxMs.toFixed(1)),
      framesPerBatch: Math.round((db1.frames - db0.frames) / Math.max(1, db1.batches - db0.batches)),
      shareOfWindow: Number(((db1.ms - db0.ms) / 1000 / windowS).toFixed(3)),
    },
    totalFrames,
    minuteRecords: minutes,
    archiveBytesPerRecord: Number((archiveStats.bytes / totalRecords).toFixed(2)),
    dbBytesPerRecord: Number(((dbAfter - dbBefore) / totalRecords).toFixed(2)),
    bareArchive: {
      frames: bareFrames,
      batch: bareBatch,
      framesPerSecond: Math.round(bareFrames / bareS),
      recordsPerSecond: Math.round((bareFrames * 10) / bareS),
    },
    sync: args.sync,
    writer: args.writer,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
} finally {
  await archive.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
