/**
 * Scale-out cost per node (issue 14, docs/scale.md), in one run on this machine: (a) `lantian
 * serve` (role all, SQLite, no NATS) taking HJ 212 over TCP; (b) raw JetStream publish + ack of
 * real frame messages to a fresh stream; (c) 1 ingest node + 1 writer (`serve --role ingest`,
 * `serve --role writer`, PostgreSQL private schema, fresh stream); (d) 2 ingest + 2 writers.
 * The load is the HJ 212 server bench's (bench/support/hj212-load.ts: CEMS minute uploads, 8
 * codes, `window` in flight per device) in a forked process; a warm-up load with other DataTimes
 * runs first in every setup. Prints acknowledged packets/s, ack latency p50/p99, the time until
 * the writers have committed everything (consumer drained, row count checked), CPU-seconds per
 * 1,000 packets of each role (utime + stime from /proc/<pid>/stat over the load; writers until
 * they are idle again), the ratios between the setups, and a block to paste into
 * docs/benchmarks.md.
 *
 *   npm run bench -- scale-bench [--devices 200] [--packets 30000] [--window 4] [--warmup 3000]
 *     [--publish 30000] [--quick]
 *
 * --quick: 6,000 packets per setup (a check that everything works, not a measurement). NATS is
 * LANTIAN_TEST_NATS_URL or nats://127.0.0.1:4222, PostgreSQL DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test (test/support/scale-nodes.ts); streams and schemas of
 * the run are deleted at the end. The nats-server CPU is read when its process is on this machine
 * (it counts every client of that server, not only this bench); PostgreSQL backends are found by
 * the application_name the nodes connect with.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { jetstreamManager, jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { streamConfig } from '../src/scale/stream-setup.ts';
import { openStore } from '../src/store/db.ts';
import {
  freshStream,
  NATS_URL,
  PG_URL,
  privateSchema,
  startNode,
  type Node,
} from '../test/support/scale-nodes.ts';
import { registerBenchDevices } from './support/bench-devices.ts';
import { CEMS_CODES, forkLoad, type LoadPlan, type LoadResult } from './support/hj212-load.ts';
import { CpuTracker, cpuSeconds, cpuSecondsOf, pidsOfProgram } from './support/process-cpu.ts';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '200' },
    packets: { type: 'string', default: '30000' },
    window: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '3000' },
    publish: { type: 'string', default: '30000' },
    quick: { type: 'boolean', default: false },
  },
});
const DEVICES = Number(args.devices);
const PACKETS = args.quick ? 6000 : Number(args.packets);
const WARMUP = args.quick ? 1000 : Number(args.warmup);
const WINDOW = Number(args.window);
const PUBLISH = args.quick ? 6000 : Number(args.publish);
/** Publishes in flight in the raw publish phase (about one group-commit batch of an ingest node). */
const PUBLISH_WINDOW = 1000;
const NODE_START_MS = 180_000;
/**
 * Listener settings of every node: all bench devices connect from 127.0.0.1 before sending, so
 * no per-address limit on connections not yet signed in, no per-device rate limit, no back-fill
 * requests (the warm-up and the run leave a gap between their DataTimes), no truck listener.
 */
const LISTENER_ENV = {
  LANTIAN_HJ212_RATE_LIMIT: '0',
  LANTIAN_HJ212_MAX_PENDING_PER_ADDRESS: '1000000',
  LANTIAN_HJ212_BACKFILL: 'off',
  LANTIAN_TRUCKS_LISTEN: 'off',
};

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (s: string) => process.stderr.write(`${s}\n`);

/** CPU-seconds per 1,000 packets. */
const per1000 = (cpuS: number, packets: number) => (cpuS / packets) * 1000;

/** One setup's figures. */
interface SetupResult {
  name: string;
  load: LoadResult;
  /** Seconds from the start of the load until everything was committed (= load for SQLite). */
  endToEndS: number;
  /** Messages still pending for the writers when the load ended (none: no writers). */
  lagAtEnd?: number;
  /** CPU-seconds per 1,000 packets by role. */
  cpu: Record<string, number>;
}

/** The CPU time of a process once it has gone idle (≤ 20 ms over 500 ms), at most `ms` later. */
async function settledCpu(pids: readonly number[], ms = 10_000): Promise<number> {
  const end = Date.now() + ms;
  let last = cpuSecondsOf(pids);
  while (Date.now() < end) {
    await sleep(500);
    const now = cpuSecondsOf(pids);
    if (now - last <= 0.02) return now;
    last = now;
  }
  return last;
}

/** Stops nodes with SIGTERM (SIGKILL after 15 s). */
async function stopNodes(nodes: readonly Node[]): Promise<void> {
  for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGTERM');
  await Promise.all(
    nodes.map((n) =>
      Promise.race([
        n.exited,
        sleep(15_000).then(() => {
          if (n.child.exitCode === null) n.child.kill('SIGKILL');
          return n.exited;
        }),
      ]),
    ),
  );
}

/** The plan of the measured load (minutes 0 …) and of the warm-up (earlier minutes). */
function plans(ports: number[]): { warm: LoadPlan; run: LoadPlan } {
  const warmPer = Math.ceil(WARMUP / DEVICES);
  return {
    warm: { ports, devices: DEVICES, packets: WARMUP, window: WINDOW, firstMinute: -warmPer - 10 },
    run: { ports, devices: DEVICES, packets: PACKETS, window: WINDOW, firstMinute: 0 },
  };
}

/** (a) `lantian serve`, role all, on a fresh SQLite file. */
async function sqliteSetup(): Promise<SetupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lt-scale-bench-'));
  const nodes: Node[] = [];
  try {
    const dbFile = join(dir, 'lantian.db');
    const db = await openStore({ sqlitePath: dbFile });
    await registerBenchDevices(db, DEVICES);
    await db.close();
    const node = startNode(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--hj212-port', '0'],
      {
        LANTIAN_DB: dbFile,
        DATABASE_URL: '',
        LANTIAN_NATS_URL: '',
        LANTIAN_LOG_LEVEL: 'warn',
        ...LISTENER_ENV,
        LANTIAN_HJ212_ARCHIVE_DIR: join(dir, 'archive'),
      },
      dir,
    );
    nodes.push(node);
    const port = Number((await node.waitFor(/HJ 212 监听端口 (\d+)/, NODE_START_MS))[1]);
    const { warm, run } = plans([port]);
    await forkLoad(warm);
    const pid = node.child.pid!;
    let cpu0 = 0;
    const load = await forkLoad(run, () => (cpu0 = cpuSeconds(pid)));
    const cpu = (await settledCpu([pid], 3000)) - cpu0;
    return {
      name: 'SQLite, one process (serve, role all)',
      load,
      endToEndS: load.secs,
      cpu: { serve: per1000(cpu, load.acked) },
    };
  } catch (e) {
    for (const x of nodes) say(x.output().slice(-3000));
    throw e;
  } finally {
    await stopNodes(nodes);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pending + unacknowledged messages of the writers' consumer. */
async function consumerLag(jsm: JetStreamManager, stream: string): Promise<number> {
  const info = await jsm.consumers.info(stream, 'writers');
  return info.num_pending + info.num_ack_pending;
}

/** Waits until the writers' consumer is drained; throws after `ms`. */
async function drained(jsm: JetStreamManager, stream: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while ((await consumerLag(jsm, stream)) > 0) {
    if (Date.now() > end) throw new Error(`写入节点 ${ms / 1000} 秒内未追上`);
    await sleep(50);
  }
}

/** PostgreSQL backend processes of the connections named `app`. */
async function backendPids(admin: pg.Pool, app: string): Promise<number[]> {
  const r = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where application_name = $1',
    [app],
  );
  return r.rows.map((x) => x.pid);
}

/** Live nodes of one cluster setup with their PostgreSQL connection names. */
interface Cluster {
  ingests: Node[];
  writers: Node[];
  ports: number[];
  apps: { ingest: string; writer: string };
}

/** Starts `n` writers and `n` ingest nodes on the schema and stream. */
async function startCluster(
  n: number,
  dir: string,
  url: string,
  stream: Record<string, string>,
  nodes: Node[],
): Promise<Cluster> {
  const tag = randomBytes(3).toString('hex');
  const apps = { ingest: `lt_bench_ingest_${tag}`, writer: `lt_bench_writer_${tag}` };
  const env = (app: string): Record<string, string> => ({
    DATABASE_URL: `${url}&application_name=${app}`,
    LANTIAN_NATS_URL: NATS_URL,
    ...stream,
    LANTIAN_LOG_LEVEL: 'warn',
    ...LISTENER_ENV,
  });
  const writers = Array.from({ length: n }, () =>
    startNode(['serve', '--role', 'writer', '--metrics-port', '0'], env(apps.writer), dir),
  );
  const ingests = Array.from({ length: n }, (_, i) =>
    startNode(
      ['serve', '--role', 'ingest', '--metrics-port', '0', '--hj212-port', '0'],
      { ...env(apps.ingest), LANTIAN_HJ212_ARCHIVE_DIR: join(dir, `archive${i}`) },
      dir,
    ),
  );
  nodes.push(...writers, ...ingests);
  await Promise.all(writers.map((w) => w.waitFor(/写入节点运行中/, NODE_START_MS)));
  const ports = await Promise.all(
    ingests.map(async (x) => Number((await x.waitFor(/HJ 212 监听端口 (\d+)/, NODE_START_MS))[1])),
  );
  return { ingests, writers, ports, apps };
}

/** The nats-server process of NATS_URL when it runs on this machine (its CPU counts). */
function natsServerPids(): number[] {
  const port = new URL(NATS_URL.split(',')[0]!).port || '4222';
  return pidsOfProgram('nats-server', [port]);
}

/** A CPU tracker per role of a cluster: its nodes, their PostgreSQL backends, nats-server. */
function roleTrackers(c: Cluster, admin: pg.Pool): Record<string, CpuTracker> {
  const fixed = (pids: number[]) => new CpuTracker(async () => pids);
  return {
    ingest: fixed(c.ingests.map((x) => x.child.pid!)),
    writer: fixed(c.writers.map((x) => x.child.pid!)),
    'PostgreSQL (writers)': new CpuTracker(() => backendPids(admin, c.apps.writer)),
    'PostgreSQL (ingest)': new CpuTracker(() => backendPids(admin, c.apps.ingest)),
    'nats-server': fixed(natsServerPids()),
  };
}

/** Samples the trackers every `ms` until the returned function is called (which samples once more). */
function sampleEvery(ms: number, trackers: CpuTracker[]): () => Promise<void> {
  let busy: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    busy = busy.then(() => Promise.all(trackers.map((t) => t.sample())));
  }, ms);
  return async () => {
    clearInterval(timer);
    await busy;
    await Promise.all(trackers.map((t) => t.sample()));
  };
}

/** What a cluster setup hands to the raw publish phase: real messages of its stream. */
interface Sample {
  subjects: string[];
  bodies: Uint8Array[];
}

/** (c)/(d) `n` ingest nodes + `n` writers on a private schema and a fresh stream. */
async function clusterSetup(
  n: number,
  nc: NatsConnection,
  admin: pg.Pool,
): Promise<{ result: SetupResult; sample: Sample }> {
  const dir = mkdtempSync(join(tmpdir(), 'lt-scale-bench-'));
  const schema = await privateSchema();
  const stream = freshStream();
  const name = stream.LANTIAN_NATS_STREAM!;
  const jsm = await jetstreamManager(nc);
  const nodes: Node[] = [];
  try {
    const db = await openStore({ databaseUrl: schema.url });
    await registerBenchDevices(db, DEVICES);
    await db.close();
    const c = await startCluster(n, dir, schema.url, stream, nodes);
    const { warm, run } = plans(c.ports);
    const warmLoad = await forkLoad(warm);
    await drained(jsm, name);
    await settledCpu(
      c.writers.map((w) => w.child.pid!),
      5000,
    );
    const roles = roleTrackers(c, admin);
    const found = Object.fromEntries(
      await Promise.all(Object.entries(roles).map(async ([k, t]) => [k, await t.current()])),
    ) as Record<string, number[]>;
    let t0 = 0;
    let stopSampling = async () => {};
    const load = await forkLoad(run, () => {
      for (const [k, t] of Object.entries(roles)) t.start(found[k]!);
      stopSampling = sampleEvery(250, Object.values(roles));
      t0 = performance.now();
    });
    // The ingest side's work ends with the load; the writers' when they are idle again.
    const ingestSide = [roles['ingest']!, roles['PostgreSQL (ingest)']!];
    await Promise.all(ingestSide.map((t) => t.sample()));
    const atLoadEnd = ingestSide.map((t) => t.total());
    const lagAtEnd = await consumerLag(jsm, name);
    await drained(jsm, name);
    const endToEndS = (performance.now() - t0) / 1000;
    await settledCpu(c.writers.map((w) => w.child.pid!));
    await stopSampling();
    const cpu: Record<string, number> = Object.fromEntries(
      Object.entries(roles).map(([k, t]) => [k, per1000(t.total(), load.acked)]),
    );
    cpu['ingest'] = per1000(atLoadEnd[0]!, load.acked);
    cpu['PostgreSQL (ingest)'] = per1000(atLoadEnd[1]!, load.acked);
    const rows = await schema.pool.query<{ n: string }>('select count(*) as n from device_values');
    const expected = (warmLoad.acked + load.acked) * CEMS_CODES.length;
    if (Number(rows.rows[0]!.n) !== expected)
      throw new Error(`device_values 有 ${rows.rows[0]!.n} 行，应为 ${expected}`);
    const sample = await sampleMessages(jsm, name, 200);
    return {
      result: {
        name: `${n} ingest + ${n} writer${n > 1 ? 's' : ''} (JetStream, PostgreSQL)`,
        load,
        endToEndS,
        lagAtEnd,
        cpu,
      },
      sample,
    };
  } catch (e) {
    for (const x of nodes)
      say(`${x.child.spawnargs.slice(2).join(' ')}:\n${x.output().slice(-3000)}`);
    throw e;
  } finally {
    await stopNodes(nodes);
    await jsm.streams.delete(name).catch(() => undefined);
    await schema.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first `count` messages of a stream (subject and body). */
async function sampleMessages(jsm: JetStreamManager, name: string, count: number): Promise<Sample> {
  const sample: Sample = { subjects: [], bodies: [] };
  for (let seq = 1; seq <= count; seq++) {
    const m = await jsm.streams.getMessage(name, { seq });
    if (!m) break;
    sample.subjects.push(m.subject);
    sample.bodies.push(m.data);
  }
  return sample;
}

/** Raw publish figures. */
interface PublishResult {
  messages: number;
  secs: number;
  bytes: number;
  p50: number;
  p99: number;
  publisherCpu: number;
  natsCpu: number;
}

/** (b) publish + ack of the sample's messages (new ids) to a fresh stream, PUBLISH_WINDOW in flight. */
async function rawPublish(nc: NatsConnection, sample: Sample): Promise<PublishResult> {
  const s = freshStream();
  const prefix = s.LANTIAN_NATS_SUBJECT_PREFIX!;
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add(
    streamConfig({
      name: s.LANTIAN_NATS_STREAM!,
      subjectPrefix: prefix,
      maxAgeS: 3600,
      maxBytes: 2 ** 30,
      discard: 'new',
      replicas: 1,
      duplicateWindowS: 600,
    }),
  );
  try {
    const js = jetstream(nc);
    const subjects = sample.subjects.map((x) => `${prefix}.${x.split('.').slice(-3).join('.')}`);
    const latencies: number[] = [];
    let bytes = 0;
    const one = async (i: number) => {
      const k = i % sample.bodies.length;
      const t = performance.now();
      bytes += sample.bodies[k]!.length;
      await js.publish(subjects[k]!, sample.bodies[k]!, { msgID: `bench:${i}`, timeout: 30_000 });
      latencies.push(performance.now() - t);
    };
    const nats = natsServerPids();
    const nats0 = cpuSecondsOf(nats);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: PUBLISH_WINDOW }, async () => {
        while (next < PUBLISH) await one(next++);
      }),
    );
    const secs = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.floor(p * (latencies.length - 1))]!;
    return {
      messages: PUBLISH,
      secs,
      bytes: bytes / PUBLISH,
      p50: q(0.5),
      p99: q(0.99),
      publisherCpu: per1000((cpu.user + cpu.system) / 1e6, PUBLISH),
      natsCpu: per1000(cpuSecondsOf(nats) - nats0, PUBLISH),
    };
  } finally {
    await jsm.streams.delete(s.LANTIAN_NATS_STREAM!).catch(() => undefined);
  }
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const f3 = (x: number) => x.toFixed(3);
const pps = (r: SetupResult) => r.load.acked / r.load.secs;
const committed = (r: SetupResult) => r.load.acked / r.endToEndS;
const cpuSum = (r: SetupResult, roles: string[]) => roles.reduce((s, k) => s + (r.cpu[k] ?? 0), 0);

/** The markdown block for docs/benchmarks.md. */
function pasteBlock(setups: SetupResult[], pub: PublishResult, load: number[]): string {
  const [sq, one, two] = setups as [SetupResult, SetupResult, SetupResult];
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `measured ${date}; ${DEVICES} devices × ${WINDOW} in flight, ${PACKETS} packets per setup after ${WARMUP} of warm-up; load average before ${load.map(f1).join(' / ')}`,
    '',
    `| measured ${date} | acked packets/s | ack p50 / p99 | all committed after | committed packets/s | lag at end of load |`,
    '|---|---|---|---|---|---|',
    ...setups.map(
      (r) =>
        `| ${r.name} | ${f0(pps(r))} | ${f1(r.load.p50)} / ${f1(r.load.p99)} ms | ${f1(r.endToEndS)} s | ${f0(committed(r))} | ${r.lagAtEnd ?? '—'} |`,
    ),
    `| raw JetStream publish + ack (${f0(pub.bytes)} B messages, ${PUBLISH_WINDOW} in flight) | ${f0(pub.messages / pub.secs)} msg/s | ${f1(pub.p50)} / ${f1(pub.p99)} ms | — | — | — |`,
    '',
    '| CPU-seconds per 1,000 packets | serve (SQLite) | ingest | writer | PostgreSQL (writers) | PostgreSQL (ingest) | nats-server |',
    '|---|---|---|---|---|---|---|',
    ...setups.map(
      (r) =>
        `| ${r.name} | ${r.cpu['serve'] === undefined ? '—' : f3(r.cpu['serve'])} | ${['ingest', 'writer', 'PostgreSQL (writers)', 'PostgreSQL (ingest)', 'nats-server'].map((k) => (r.cpu[k] === undefined ? '—' : f3(r.cpu[k]))).join(' | ')} |`,
    ),
    `| raw publish (publisher process) | — | ${f3(pub.publisherCpu)} | — | — | — | ${f3(pub.natsCpu)} |`,
    '',
    '| ratio (same run) | |',
    '|---|---|',
    `| 2+2 / 1+1, acked packets/s | ${f3(pps(two) / pps(one))} |`,
    `| 2+2 / 1+1, committed packets/s | ${f3(committed(two) / committed(one))} |`,
    `| 1+1 / SQLite, acked packets/s | ${f3(pps(one) / pps(sq))} |`,
    `| 1+1 / SQLite, ack p99 | ${f3(one.load.p99 / sq.load.p99)} |`,
    `| 1+1 acked packets/s / raw publish msg/s | ${f3(pps(one) / (pub.messages / pub.secs))} |`,
    `| ingest CPU / SQLite serve CPU, per packet | ${f3(one.cpu['ingest']! / sq.cpu['serve']!)} |`,
    `| (ingest + writer) CPU / SQLite serve CPU, per packet | ${f3(cpuSum(one, ['ingest', 'writer']) / sq.cpu['serve']!)} |`,
    `| (ingest + writer + PostgreSQL + nats-server) / SQLite serve, per packet | ${f3(cpuSum(one, ['ingest', 'writer', 'PostgreSQL (writers)', 'PostgreSQL (ingest)', 'nats-server']) / sq.cpu['serve']!)} |`,
  ];
  return lines.join('\n');
}

/** Makes sure the nodes run the JavaScript build (build/), as in production, not tsx. */
async function ensureBuild(): Promise<void> {
  const script = join(ROOT, 'scripts', 'cli-build.mjs');
  const { freshBuild } = (await import(pathToFileURL(script).href)) as {
    freshBuild: (root: URL) => string | null;
  };
  if (freshBuild(pathToFileURL(ROOT + '/'))) return;
  say('构建 build/ …');
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (r.status !== 0 || !freshBuild(pathToFileURL(ROOT + '/')))
    throw new Error(`build/ 构建失败：${r.stderr}`);
}

async function main(): Promise<void> {
  await ensureBuild();
  const load = loadavg();
  say(
    `规模基准：${DEVICES} 台设备 × 每台 ${WINDOW} 个在途，每种部署 ${PACKETS} 包（预热 ${WARMUP} 包）；NATS ${NATS_URL}，PostgreSQL ${PG_URL}`,
  );
  const nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  try {
    say('(a) SQLite 单进程 …');
    const sq = await sqliteSetup();
    say(`    确认 ${f0(pps(sq))} 包/秒，p99 ${f1(sq.load.p99)} 毫秒`);
    say('(c) 1 个接入节点 + 1 个写入节点 …');
    const one = await clusterSetup(1, nc, admin);
    say(`    确认 ${f0(pps(one.result))} 包/秒，全部提交用时 ${f1(one.result.endToEndS)} 秒`);
    say('(b) JetStream 直接发布 …');
    const pub = await rawPublish(nc, one.sample);
    say(`    ${f0(pub.messages / pub.secs)} 条/秒（每条 ${f0(pub.bytes)} 字节）`);
    say('(d) 2 个接入节点 + 2 个写入节点 …');
    const two = await clusterSetup(2, nc, admin);
    say(`    确认 ${f0(pps(two.result))} 包/秒，全部提交用时 ${f1(two.result.endToEndS)} 秒`);
    const setups = [sq, one.result, two.result];
    process.stdout.write(`\n${pasteBlock(setups, pub, load)}\n`);
  } finally {
    await admin.end();
    await nc.close();
  }
}

await main();
