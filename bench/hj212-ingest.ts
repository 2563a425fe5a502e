// End-to-end HJ 212 ingest benchmark (issue 3): N simulated data loggers over loopback, acks on,
// into `lantian serve` running as a separate process on a temporary SQLite file. Reports, in the
// same run:
//   open loop    the fleet sending at --rate packets/s: acknowledged packets/s, data points/s,
//                rows/s, p50/p99 ack latency (time from the frame's last byte written to its 9014)
//   saturation   the same fleet sending as fast as acks come back (--window packets in flight
//                per device)
//   raw insert   a bare prepared-insert loop of as many rows as the server stored, into a scratch
//                table with the layout of device_values, on the same database file, in arrival
//                order and in key order
// and the ratio of end-to-end rows/s to raw rows/s, plus server CPU, server bytes written per
// packet and generator CPU, so it is clear which side limits.
//
//   npx tsx bench/hj212-ingest.ts [--devices N] [--seconds S] [--rate R] [--generators G]
//       [--window W] [--connections C] [--kind air|cems|mixed] [--dir D] [--no-saturation] [--keep]
//
// Defaults: 1000 devices (one connection each, one packet in flight each, like real loggers),
// 15 s per phase, 20 000 packets/s, 1 generator (the simulator runs in this process; G > 1 forks
// G generator processes, each with its own share of the fleet), database under the OS temp dir.
// The server's per-device rate limit is switched off (LANTIAN_HJ212_RATE_LIMIT=0).

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { registerRegion, registerStations } from '../src/air/registry-service.ts';
import { readStationCsv } from '../src/cli/commands/registry.ts';
import { systemClock } from '../src/clock.ts';
import { parseDeviceCsv } from '../src/devices/device-csv.ts';
import { importDevices } from '../src/devices/device-service.ts';
import { buildFleet, type FleetKind, type SimDevice } from '../src/simulator/fleet.ts';
import { LatencyHistogram } from '../src/simulator/latency-histogram.ts';
import { simulatorOptions, type SimulatorOptions } from '../src/simulator/options.ts';
import { deviceCsv, stationCsv } from '../src/simulator/registry-csv.ts';
import type { SimSummary } from '../src/simulator/sim-stats.ts';
import { Simulator } from '../src/simulator/simulator.ts';
import { openStore } from '../src/store/db.ts';

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(HERE, '../..');
const BIN = join(ROOT, 'bin/lantian');
/** Rows per raw-insert transaction: about what one group commit holds at 20 000 packets/s. */
const RAW_BATCH = 6000;

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '15' },
    rate: { type: 'string', default: '20000' },
    generators: { type: 'string', default: '1' },
    kind: { type: 'string', default: 'air' },
    interval: { type: 'string', default: '60' },
    'no-saturation': { type: 'boolean', default: false },
    window: { type: 'string', default: '1' },
    connections: { type: 'string' },
    keep: { type: 'boolean', default: false },
    dir: { type: 'string' },
    role: { type: 'string' },
  },
});

/** What a generator reports back. */
interface GenResult {
  summary: SimSummary;
  counts: number[];
  cpuMs: number;
}

/** One phase's figures. */
interface PhaseResult {
  name: string;
  seconds: number;
  sent: number;
  acked: number;
  failed: number;
  retransmitted: number;
  points: number;
  rows: number;
  latency: LatencyHistogram;
  /** Wall-clock seconds of the phase (CPU shares are over this). */
  wall: number;
  serverCpu: number;
  /** Bytes the server wrote to storage during the phase. */
  serverWrites: number;
  generatorCpu: number;
}

// ---------------------------------------------------------------------------------------------
// Generator side (also run in forked processes)

async function generate(o: SimulatorOptions): Promise<GenResult> {
  const cpu0 = process.cpuUsage();
  const sim = new Simulator(o);
  sim.start();
  const summary = await sim.done();
  const cpu = process.cpuUsage(cpu0);
  return {
    summary,
    counts: Array.from(sim.stats.latency.counts),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// Orchestration

async function main(): Promise<void> {
  const devices = Number(args.devices);
  const seconds = Number(args.seconds);
  const rate = Number(args.rate);
  const generators = Math.max(1, Number(args.generators));
  const kind = args.kind as FleetKind;
  const intervalS = Number(args.interval);
  const dir = mkdtempSync(join(args.dir ?? tmpdir(), 'lt-bench-hj212-'));
  const db = join(dir, 'bench.db');
  // The per-device rate limit (default 100 packets/s) is a protection, not a cost: off here so the
  // saturation phase measures capacity. The raw archive stays on (it is part of every packet).
  const env = {
    ...process.env,
    LANTIAN_DB: db,
    DATABASE_URL: '',
    LANTIAN_LOG_LEVEL: 'warn',
    LANTIAN_HJ212_RATE_LIMIT: '0',
  };

  // Each generator process has its own MN prefix, so the fleet splits without overlap.
  const perGen = Math.ceil(devices / generators);
  const fleets: SimDevice[][] = [];
  for (let g = 0; g < generators; g++) {
    const n = Math.min(perGen, devices - g * perGen);
    if (n > 0) fleets.push(buildFleet(fleetOptions(g, n)));
  }
  function fleetOptions(g: number, n: number) {
    return {
      devices: n,
      kind,
      edition: '2017' as const,
      mnPrefix: `4C54B${g.toString(16)}`,
      password: '123456',
      intervalS,
    };
  }

  log(`准备：${devices} 台设备，${generators} 个发送进程，数据库 ${db}`);
  await register(db, fleets.flat());

  const server = await startServe(env, dir);
  log(`服务器 pid ${server.child.pid}，HJ 212 端口 ${server.port}`);
  const results: PhaseResult[] = [];
  try {
    // Simulated clock: well in the past, so DataTimes are never "in the future" for the server.
    const span = seconds * ((rate * intervalS) / devices) * 1000;
    const start0 = Date.now() - 2 * span - 2 * 86_400_000;
    const base = (g: number, n: number, startMs: number, timeScale: number): SimulatorOptions =>
      simulatorOptions({
        port: server.port,
        ...fleetOptions(g, n),
        seed: 1 + g,
        startMs,
        timeScale,
        durationS: seconds,
        splitProb: 0,
        glueProb: 0,
        window: Number(args.window),
        connections:
          args.connections === undefined
            ? n
            : Math.max(1, Math.round(Number(args.connections) / fleets.length)),
        retry: { overTimeMs: 10_000, reCount: 3 },
      });
    // Warm-up: JIT, connections, the registry cache.
    await phase('warm-up', server.child, fleets, (g, n) => ({
      ...base(g, n, start0 - 86_400_000, (rate * intervalS) / devices / 4),
      durationS: 2,
    }));
    results.push(
      await phase('开环（目标速率）', server.child, fleets, (g, n) =>
        base(g, n, start0, (rate * intervalS) / devices),
      ),
    );
    if (!args['no-saturation']) {
      results.push(
        await phase('饱和（尽快发送）', server.child, fleets, (g, n) =>
          base(g, n, start0 + span, 1e9),
        ),
      );
    }
  } finally {
    await stopServe(server.child);
  }

  const stored = rowCount(db);
  const arrival = rawInsert(db, 'arrival');
  const raw = {
    live: arrival.rowsPerSecond,
    append: rawInsert(db, 'key').rowsPerSecond,
    rows: arrival.rows,
  };
  printTable(results, raw, stored, devices, generators);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else log(`保留临时目录 ${dir}`);
}

async function phase(
  name: string,
  server: ChildProcess,
  fleets: SimDevice[][],
  optionsOf: (g: number, n: number) => SimulatorOptions,
): Promise<PhaseResult> {
  const cpu0 = procCpuMs(server.pid!);
  const io0 = procWriteBytes(server.pid!);
  const t0 = performance.now();
  let gens: GenResult[];
  if (fleets.length === 1) {
    gens = [await generate(optionsOf(0, fleets[0]!.length))];
  } else {
    gens = await Promise.all(fleets.map((f, g) => forkGenerator(optionsOf(g, f.length))));
  }
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = (procCpuMs(server.pid!) - cpu0) / 1000 / wall;
  const serverWrites = procWriteBytes(server.pid!) - io0;
  const latency = new LatencyHistogram();
  const sum = (f: (s: SimSummary) => number) => gens.reduce((a, g) => a + f(g.summary), 0);
  for (const g of gens) latency.merge(new LatencyHistogram(g.counts));
  const seconds = Math.max(...gens.map((g) => g.summary.seconds));
  const r: PhaseResult = {
    name,
    seconds,
    sent: sum((s) => s.sent),
    acked: sum((s) => s.acked),
    failed: sum((s) => s.failed),
    retransmitted: sum((s) => s.retransmitted),
    points: sum((s) => s.points),
    rows: sum((s) => s.rows),
    latency,
    wall,
    serverCpu,
    serverWrites,
    generatorCpu: gens.reduce((a, g) => a + g.cpuMs, 0) / 1000 / wall,
  };
  log(
    `${name}：${Math.round(r.acked / seconds)} 包/s，p99 ${latency.percentile(0.99).toFixed(1)} ms，服务器 CPU ${(serverCpu * 100).toFixed(0)}%，发送端 CPU ${(r.generatorCpu * 100).toFixed(0)}%`,
  );
  return r;
}

function forkGenerator(o: SimulatorOptions): Promise<GenResult> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(HERE, ['--role', 'gen'], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    child.once('message', (m) => resolvePromise(m as GenResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`generator exited with ${code}`)));
    child.send(o);
  });
}

// ---------------------------------------------------------------------------------------------
// Server process

/**
 * Registers the region, the air stations and every device (what `station import` and
 * `device import` do with the simulator's CSVs), then closes the store for the server.
 */
async function register(path: string, fleet: SimDevice[]): Promise<void> {
  const db = await openStore({ sqlitePath: path });
  try {
    await registerRegion(db, systemClock, {
      adcode: '130400',
      name: '邯郸市',
      parentAdcode: null,
      level: 'city',
    });
    const csv = join(path, '..', 'stations.csv');
    writeFileSync(csv, stationCsv(fleet, '130400', 1));
    await registerStations(db, systemClock, readStationCsv(csv));
    const parsed = parseDeviceCsv(deviceCsv(fleet));
    const results = await importDevices(db, systemClock, parsed.rows, { actor: 'bench' });
    const bad = results.filter((r) => r.status === 'rejected');
    if (parsed.problems.length > 0 || bad.length > 0) {
      throw new Error(`device import: ${JSON.stringify(bad[0] ?? parsed.problems[0])}`);
    }
  } finally {
    await db.close();
  }
}

async function startServe(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--hj212-port', '0'],
    {
      env,
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolvePromise, reject) => {
    let err = '';
    const onData = (d: Buffer) => {
      err += d;
      const m = /HJ 212 监听端口 (\d+)/.exec(err);
      if (m) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolvePromise(Number(m[1]));
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, port };
}

function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

/** User + system CPU of a process in ms (Linux /proc; 0 elsewhere). */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Raw insert baseline on the same database file

function rowCount(db: string): { values: number; readings: number } {
  const h = new BetterSqlite3(db, { readonly: true });
  try {
    const one = (sql: string) => (h.prepare(sql).get() as { n: number }).n;
    return {
      values: one('select count(*) as n from device_values'),
      readings: one('select count(*) as n from readings'),
    };
  } finally {
    h.close();
  }
}

/** Rows/s of a bare prepared insert of `n` rows into a copy of device_values' layout. */
/** Order of the raw-insert rows: as they arrived (received_at) or in key order. */
type RawOrder = 'arrival' | 'key';

/** Most rows the raw insert copies (they are held in memory). */
const RAW_MAX_ROWS = 2_000_000;

/**
 * Rows/s of a bare prepared insert of the rows the server stored, copied into a scratch table
 * with device_values' own DDL (whatever its key), committed every RAW_BATCH rows with
 * synchronous=FULL like the server, on the same database file. `arrival` inserts them in the
 * order they were received (every device once per interval: each commit touches many key
 * ranges); `key` in primary-key order (the best case of the same layout).
 */
function rawInsert(db: string, order: RawOrder): { rowsPerSecond: number; rows: number } {
  const h = new BetterSqlite3(db);
  h.pragma('journal_mode = WAL');
  h.pragma('synchronous = FULL');
  h.pragma('cache_size = -65536'); // as src/store/db.ts
  const ddl = (
    h
      .prepare(`select sql from sqlite_master where type = 'table' and name = 'device_values'`)
      .get() as { sql: string }
  ).sql;
  const cols = (h.pragma('table_info(device_values)') as Array<{ name: string }>).map(
    (c) => c.name,
  );
  const rows = h
    .prepare(
      `select ${cols.join(', ')} from device_values` +
        (order === 'arrival' ? ' order by received_at' : '') +
        ` limit ${RAW_MAX_ROWS}`,
    )
    .raw()
    .all() as unknown[][];
  h.exec('drop table if exists bench_scratch');
  h.exec(ddl.replace(/create table\s+"?device_values"?/i, 'create table bench_scratch'));
  const insert = h.prepare(
    `insert into bench_scratch (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
  );
  const t0 = performance.now();
  for (let i = 0; i < rows.length;) {
    const end = Math.min(rows.length, i + RAW_BATCH);
    h.exec('begin immediate');
    for (; i < end; i++) insert.run(rows[i]!);
    h.exec('commit');
  }
  const secs = (performance.now() - t0) / 1000;
  h.exec('drop table bench_scratch');
  h.exec('pragma wal_checkpoint(truncate)');
  h.close();
  return { rowsPerSecond: rows.length / secs, rows: rows.length };
}

/** Bytes a process has caused to be written to storage (Linux /proc; 0 elsewhere). */
function procWriteBytes(pid: number): number {
  try {
    const m = /write_bytes: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function printTable(
  phases: PhaseResult[],
  raw: { live: number; append: number; rows: number },
  stored: { values: number; readings: number },
  devices: number,
  generators: number,
): void {
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const ms = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(1));
  const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
  const head = ['阶段', '确认包/s', '数据点/s', '行/s', 'p50 ms', 'p99 ms', '失败', '重发'];
  head.push('服务器 CPU', '服务器 µs/包', '服务器写盘 KB/包', '发送端 CPU', '发送端 µs/包');
  head.push('行/s ÷ 裸插入');
  // CPU time per acknowledged packet (CPU share × wall time ÷ packets): the figure that stays
  // meaningful when other work shares the machine; 10⁶ ÷ it = packets/s one free core could do.
  const us = (share: number, p: PhaseResult) =>
    p.acked > 0 ? ((share * p.wall * 1e6) / p.acked).toFixed(0) : '—';
  const lines: string[][] = [head];
  for (const p of phases) {
    lines.push([
      p.name,
      f(p.acked / p.seconds),
      f(p.points / p.seconds),
      f(p.rows / p.seconds),
      ms(p.latency.percentile(0.5)),
      ms(p.latency.percentile(0.99)),
      String(p.failed),
      String(p.retransmitted),
      pct(p.serverCpu),
      us(p.serverCpu, p),
      p.acked > 0 ? (p.serverWrites / 1024 / p.acked).toFixed(1) : '—',
      pct(p.generatorCpu),
      us(p.generatorCpu, p),
      (p.rows / p.seconds / raw.live).toFixed(3),
    ]);
  }
  const rawRow = (name: string, v: number) => {
    const row = head.map(() => '—');
    row[0] = name;
    row[3] = f(v);
    row[head.length - 1] = (v / raw.live).toFixed(3);
    return row;
  };
  lines.push(rawRow('裸插入（到达顺序）', raw.live));
  lines.push(rawRow('裸插入（主键顺序）', raw.append));
  const width = head.map((_, c) => Math.max(...lines.map((l) => strWidth(l[c]!))));
  const out = lines.map((l) =>
    l.map((cell, c) => cell + ' '.repeat(width[c]! - strWidth(cell))).join('  '),
  );
  process.stdout.write(
    `\nHJ 212 端到端入库基准（${devices} 台设备，${generators} 个发送进程，${availableParallelism()} 核，` +
      `SQLite synchronous=FULL，结束时负载 ${loadavg()[0]!.toFixed(1)}）\n` +
      out.join('\n') +
      `\n库中 device_values ${f(stored.values)} 行，readings ${f(stored.readings)} 行。` +
      `裸插入：把服务器存下的 ${f(raw.rows)} 行原样复制到同一数据库文件中 device_values 结构的临时表，` +
      `预编译语句逐行插入，每事务 ${RAW_BATCH} 行；“到达顺序”= 按接收时间（与实时入库相同），` +
      `“主键顺序”= 按主键（同一结构的最好情况）\n` +
      `目标（issue 3，2 核）：≥ 20,000 确认包/s（约 150,000 数据点/s），p99 < 100 ms\n`,
  );
}

function strWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function log(s: string): void {
  process.stderr.write(s + '\n');
}

// Entry point last: every constant above is initialised by now.
if (args.role === 'gen') {
  process.once('message', (o: SimulatorOptions) => {
    void generate(o).then((r) => {
      process.send!(r, () => process.exit(0));
    });
  });
} else {
  await main();
}
