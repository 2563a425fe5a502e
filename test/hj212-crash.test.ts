/**
 * Crash test of HJ 212 ingest ("acks mean durable", docs/architecture.md, Conventions): `lantian
 * serve` runs as a child process on a temporary SQLite file; `lantian simulate` sends with
 * --acked-log; the server is killed with SIGKILL mid-stream and restarted on the same file and
 * port. Every packet in the acked log must be in the store afterwards. Packets never acknowledged
 * may be missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizePollutant } from '../src/air/pollutant-names.ts';
import { missingAckedReadings, missingAckedValues } from '../src/simulator/acked-check.ts';
import type { SimSummary } from '../src/simulator/sim-stats.ts';
import type { AckedRecord } from '../src/simulator/simulator.ts';
import { storedReadingRows, storedValueRows } from './support/stored-rows.ts';

const BIN = resolve('bin/lantian');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lantian(
  env: NodeJS.ProcessEnv,
  cwd: string,
  args: string[],
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((r) => child.on('close', (code) => r({ code, stdout, stderr })));
  return { child, done };
}

async function ok(env: NodeJS.ProcessEnv, cwd: string, args: string[]): Promise<Run> {
  const r = await lantian(env, cwd, args).done;
  expect(r.code, `lantian ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

/** Starts `serve`; resolves with the child and the HJ 212 port it printed. */
async function serve(env: NodeJS.ProcessEnv, cwd: string, hj212Port: number) {
  const { child, done } = lantian(env, cwd, [
    'serve',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--hj212-port',
    String(hj212Port),
  ]);
  const port = await new Promise<number>((resolvePort, reject) => {
    let err = '';
    const onData = (d: Buffer) => {
      err += d;
      const m = /HJ 212 监听端口 (\d+)/.exec(err);
      if (m) {
        child.stderr!.off('data', onData);
        resolvePort(Number(m[1]));
      }
    };
    child.stderr!.on('data', onData);
    void done.then((r) => reject(new Error(`serve exited with ${r.code}: ${r.stderr}`)));
  });
  return { child, port, done };
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await sleep(20);
  }
}

describe('HJ 212 crash test: kill -9 the server while the simulator sends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-crash-'));
  const db = join(dir, 'crash.db');
  const env = { ...process.env, LANTIAN_DB: db, DATABASE_URL: '', LANTIAN_LOG_LEVEL: 'warn' };
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged packet', { timeout: 180_000 }, async () => {
    // The demo path: CSVs from the simulator, imported with the CLI.
    const fleetArgs = [
      '--devices',
      '30',
      '--kind',
      'mixed',
      '--interval',
      '60',
      '--mn-prefix',
      '4C54C0',
      '--seed',
      '5',
    ];
    await ok(env, dir, [
      'simulate',
      ...fleetArgs,
      '--registry-out',
      'devices.csv',
      '--stations-out',
      'stations.csv',
      '--csv-only',
    ]);
    await ok(env, dir, [
      'region',
      'add',
      '--adcode',
      '130400',
      '--name',
      '邯郸市',
      '--level',
      'city',
    ]);
    await ok(env, dir, ['station', 'import', 'stations.csv']);
    await ok(env, dir, ['device', 'import', 'devices.csv']);

    const first = await serve(env, dir, 0);
    children.push(first.child);
    const ackedLog = join(dir, 'acked.jsonl');
    // 30 devices × 60 simulated s per packet at ×1800 → ~900 packets/s, 4500 packets in all.
    // OverTime 1 s × (1 + 60) gives the restarted server a minute to come back (a loaded CI
    // machine starts it slowly) before an upload is given up.
    const sim = lantian(env, dir, [
      'simulate',
      ...fleetArgs,
      '--target',
      `127.0.0.1:${first.port}`,
      '--time-scale',
      '1800',
      '--start-time',
      new Date(Date.now() - 3 * 86_400_000).toISOString(),
      '--packets',
      '4500',
      '--over-time',
      '1',
      '--re-count',
      '60',
      '--split-prob',
      '0.05',
      '--glue-prob',
      '0.05',
      '--acked-log',
      ackedLog,
      '--json',
      '--progress',
      '0',
    ]);
    children.push(sim.child);

    // Kill the server hard once a good number of packets has been acknowledged.
    await waitFor(() => existsSync(ackedLog) && statSync(ackedLog).size > 200_000, 60_000);
    first.child.kill('SIGKILL');
    // Lines already in the log were acknowledged by the first server (the log is appended to).
    const ackedAtKill = lines(ackedLog).length;
    const killed = await first.done;
    expect(killed.code).toBeNull();
    await sleep(300);
    const second = await serve(env, dir, first.port);
    children.push(second.child);
    expect(second.port).toBe(first.port);

    const r = await sim.done;
    expect(r.code, r.stderr).toBe(0);
    second.child.kill('SIGTERM');
    await second.done;

    const summary = JSON.parse(r.stdout) as SimSummary;
    const acked = lines(ackedLog).map((l) => JSON.parse(l) as AckedRecord);
    expect(acked).toHaveLength(summary.acked);
    // The restarted server acknowledged the rest (the generous ReCount lets nothing fail).
    expect(summary).toMatchObject({ sent: 4500, failed: 0 });
    expect(summary.acked).toBe(4500);
    expect(ackedAtKill).toBeGreaterThan(0);
    expect(ackedAtKill).toBeLessThan(4500);
    // The kill cut every connection mid-stream: uploads in flight were retransmitted to the
    // restarted server, and the simulator reconnected.
    expect(summary.disconnects).toBeGreaterThanOrEqual(30);
    expect(summary.connects).toBeGreaterThanOrEqual(60);
    expect(summary.retransmitted).toBeGreaterThan(0);

    const h = new BetterSqlite3(db, { readonly: true });
    try {
      const values = storedValueRows(h);
      expect(missingAckedValues(acked, values)).toEqual([]);
      const readings = storedReadingRows(h);
      expect(acked.some((a) => a.cn === '2061' && a.kind === 'air')).toBe(true);
      expect(missingAckedReadings(acked, readings, normalizePollutant)).toEqual([]);
    } finally {
      h.close();
    }
  });
});
