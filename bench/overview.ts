// 总览 API benchmark (issue "Web dashboard"): a year of hourly data for 200 simulated Handan
// stations in a temporary SQLite store, rolled up by the platform's own roll-up, served by the real
// server (`bin/lantian serve`, a separate process); a load generator in another process keeps
// C clients (keep-alive, one request in flight each) on GET /api/overview over loopback, signed in
// with a session cookie like the dashboard. Reports, in the same run:
//   baseline   GET /api/health at the same concurrency, without and with the session cookie
//              (framework, access hook and session lookup, loopback)
//   overview   GET /api/overview (cached answer, refreshed in the background every 60 s)
//   cold       the first, uncached computation of the overview and of another day
// p50/p90/p99/max and requests/s of each, the ratio overview/baseline, then the first page load
// of the built dashboard in Chromium (bytes on the wire, gzip/br) when /usr/bin/chromium exists.
// Fails (exit 1) unless p99 < 50 ms and the first load < 1 MB.
//
//   npx tsx bench/overview.ts [--stations 200] [--days 365] [--clients 100] [--seconds 15]
//       [--warmup 3] [--dir D] [--keep] [--no-browser]
// With --dir D --keep the generated store stays in D; a later run with the same --dir reuses it
// (no regeneration) when D/lantian.db exists.

import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { openStore } from '../src/store/db.ts';
import { HANDAN_UNITS, simulateHandan } from '../src/demo/handan-simulation.ts';
import { startServer } from '../test/browser/harness.ts';

const SELF = fileURLToPath(import.meta.url);

/** What a load run measured. */
interface LoadResult {
  path: string;
  clients: number;
  seconds: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  bytes: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The load generator (runs in its own process): C closed-loop clients on one path. */
async function loadWorker(): Promise<void> {
  const { url, path, cookie, clients, seconds, warmup } = JSON.parse(process.argv[3]!) as {
    url: string;
    path: string;
    cookie: string;
    clients: number;
    seconds: number;
    warmup: number;
  };
  const target = new URL(path, url);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  const get = () =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          agent,
          // What a browser sends: the dashboard's clients always accept compressed answers.
          headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
        },
        (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => {
            bytes += n;
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on('error', () => resolve(0));
      req.end();
    });
  const t0 = performance.now();
  const measureFrom = t0 + warmup * 1000;
  const end = measureFrom + seconds * 1000;
  const client = async () => {
    for (;;) {
      const start = performance.now();
      if (start >= end) return;
      const status = await get();
      const stop = performance.now();
      if (start < measureFrom) continue;
      latencies.push(stop - start);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const result: LoadResult = {
    path,
    clients,
    seconds,
    requests: latencies.length,
    errors,
    statuses,
    rps: latencies.length / seconds,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    bytes,
  };
  process.send!(result);
}

/** Runs the load generator in a child process and returns what it measured. */
function runLoad(args: {
  url: string;
  path: string;
  cookie: string;
  clients: number;
  seconds: number;
  warmup: number;
}) {
  return new Promise<LoadResult>((resolve, reject) => {
    const child = fork(SELF, ['--load-worker', JSON.stringify(args)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: LoadResult | undefined;
    child.on('message', (m) => (result = m as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function line(r: LoadResult): string {
  return `${r.path.padEnd(22)} ${fmt(r.rps).padStart(7)} req/s   p50 ${ms(r.p50).padStart(9)}   p90 ${ms(r.p90).padStart(9)}   p99 ${ms(r.p99).padStart(9)}   max ${ms(r.max).padStart(9)}   ${fmt(r.requests)} requests, ${r.errors} errors`;
}

async function signInCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

async function firstLoadBytes(
  url: string,
  username: string,
  password: string,
): Promise<{ bytes: number; responses: number }> {
  const { openSession, signIn } = await import('../test/browser/browser.ts');
  const s = await openSession();
  try {
    await signIn(s.page, url, username, password);
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('Network.clearBrowserCache');
    await s.page.goto('about:blank');
    const sizes: Array<Promise<number>> = [];
    s.page.on('requestfinished', (req) =>
      sizes.push(req.sizes().then((x) => x.responseBodySize + x.responseHeadersSize)),
    );
    await s.page.goto(`${url}/`);
    await s.page.waitForURL(/\/overview/);
    await s.page.waitForSelector('[data-test=overview-table] .el-table__body tr');
    await s.page.waitForLoadState('networkidle');
    const all = await Promise.all(sizes);
    return { bytes: all.reduce((a, b) => a + b, 0), responses: all.length };
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const { values: o } = parseArgs({
    options: {
      stations: { type: 'string', default: '200' },
      days: { type: 'string', default: '365' },
      clients: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
    },
  });
  const stations = Number(o.stations);
  const perUnit = Math.max(1, Math.round(stations / HANDAN_UNITS.length));
  const days = Number(o.days);
  const clients = Number(o.clients);
  const seconds = Number(o.seconds);
  const warmup = Number(o.warmup);
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'lantian-bench-overview-'));
  const path = join(dir, 'lantian.db');
  const password = 'Lantian-Load-2026';
  console.log(
    `总览 API benchmark: ${perUnit * HANDAN_UNITS.length} stations, ${days} days, ${clients} clients, ${seconds} s (CPUs: ${availableParallelism()})`,
  );
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');

  const now = Date.now();
  const from = new Date(now - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const reused = o.dir !== undefined && existsSync(path);
  const db = await openStore({ sqlitePath: path, sqliteSynchronous: 'NORMAL' });
  if (reused) {
    console.log(`data: reusing the store in ${dir}`);
    await db.close();
  } else {
    const t = performance.now();
    let lastMonth = '';
    const sim = await simulateHandan(db, {
      perUnit,
      fromDate: from,
      until: now,
      onDay: (d) => {
        if (d.slice(0, 7) !== lastMonth) {
          lastMonth = d.slice(0, 7);
          process.stderr.write(`  generating ${lastMonth}…\r`);
        }
      },
    });
    const genS = (performance.now() - t) / 1000;
    console.log(
      `data: ${fmt(sim.readings)} hourly readings, ${fmt(sim.stationDays)} station-days, ${sim.stations} stations, ${sim.days} days, generated and rolled up in ${genS.toFixed(1)} s (${fmt(sim.readings / genS)} readings/s)`,
    );
    await createUser(
      db,
      systemClock,
      { actor: 'bench', ip: null },
      { username: 'bench', role: 'city-admin', password, mustChangePassword: false },
    );
    await db.close();
  }

  const server = await startServer(path, { LANTIAN_LOG_LEVEL: 'warn' });
  let failed = false;
  try {
    const cookie = await signInCookie(server.url, 'bench', password);
    const timed = async (p: string) => {
      const t0 = performance.now();
      const res = await fetch(server.url + p, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${body}`);
      return { ms: performance.now() - t0, bytes: body.length };
    };
    const cold = await timed('/api/overview');
    const yesterday = new Date(now - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const coldOther = await timed(`/api/overview?date=${yesterday}`);
    const warm = await timed('/api/overview');
    console.log(
      `cold: first overview ${ms(cold.ms)} (${fmt(cold.bytes)} bytes JSON), another day ${ms(coldOther.ms)}; cached ${ms(warm.ms)}`,
    );

    console.log(`machine load average before the runs: ${load()}`);
    const anon = await runLoad({
      url: server.url,
      path: '/api/health',
      cookie: '',
      clients,
      seconds,
      warmup,
    });
    const base = await runLoad({
      url: server.url,
      path: '/api/health',
      cookie,
      clients,
      seconds,
      warmup,
    });
    const over = await runLoad({
      url: server.url,
      path: '/api/overview',
      cookie,
      clients,
      seconds,
      warmup,
    });
    console.log(`${line(anon)}   (no session)`);
    console.log(`${line(base)}   (signed in: session lookup)`);
    console.log(`${line(over)}   (signed in)`);
    console.log(
      `machine load average after the runs: ${load()} (other processes share these CPUs)`,
    );
    console.log(
      `ratio overview/baseline: p99 ${(over.p99 / base.p99).toFixed(2)}×, throughput ${(over.rps / base.rps).toFixed(2)}×; overview p99 / cold computation ${(over.p99 / cold.ms).toFixed(3)}`,
    );
    const okP99 = over.p99 < 50 && over.errors === 0;
    console.log(
      `${okP99 ? 'PASS' : 'FAIL'}: overview p99 ${ms(over.p99)} at ${clients} clients (limit 50 ms), ${over.errors} errors`,
    );
    failed ||= !okP99;

    if (!o['no-browser'] && existsSync(process.env['LANTIAN_CHROMIUM'] ?? '/usr/bin/chromium')) {
      const fl = await firstLoadBytes(server.url, 'bench', password);
      const ok = fl.bytes < 1024 * 1024;
      console.log(
        `${ok ? 'PASS' : 'FAIL'}: first page load ${(fl.bytes / 1024).toFixed(1)} KiB on the wire in ${fl.responses} responses (limit 1024 KiB)`,
      );
      failed ||= !ok;
    } else {
      console.log('first page load: skipped (no Chromium)');
    }
  } finally {
    await server.stop();
    if (!o.keep && !o.dir) rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[2] === '--load-worker') await loadWorker();
else await main();
