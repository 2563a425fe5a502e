/**
 * What the browser tests (and a person trying the dashboard) run against: a store holding the
 * 2016 Beijing data, the Handan 2020 plan and its key tasks, simulated Handan air data for
 * 2019–2020 and for the last weeks up to now, accounts of every role and simulated HJ 212
 * devices; the real server started as `bin/lantian serve` on free ports; and simulated devices
 * sending to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { upsertStations } from '../../src/air/station-repo.ts';
import { createUser } from '../../src/auth/user-service.ts';
import { systemClock } from '../../src/clock.ts';
import { createDevice } from '../../src/devices/device-service.ts';
import { importPrsa } from '../../src/imports/prsa-import.ts';
import { loadPlan } from '../../src/plan/plan-loader.ts';
import { AIR_POLLUTANTS } from '../../src/simulator/air-model.ts';
import { buildFleet } from '../../src/simulator/fleet.ts';
import { simulatorOptions, type SimulatorOptions } from '../../src/simulator/options.ts';
import { Simulator } from '../../src/simulator/simulator.ts';
import { openStore, type Db } from '../../src/store/db.ts';
import { loadTasks } from '../../src/tasks/definition-loader.ts';
import { simulateHandan } from '../../src/demo/handan-simulation.ts';

/** The password of every test account. */
export const PASSWORD = 'Lantian-Browser-2026';

/** Test accounts by role. */
export const ACCOUNTS = {
  'city-admin': { username: 'cityoffice', displayName: '市大气办值班员' },
  department: { username: 'sthjj', displayName: '市生态环境局', department: '市生态环境局' },
  county: { username: 'hanshan', displayName: '邯山区大气办', regionAdcode: '130402' },
  visitor: { username: 'guest', displayName: '公众' },
} as const;

export type TestRole = keyof typeof ACCOUNTS;

/** Simulated data loggers: a few micro-stations in 邯山区 plus one that never reports. */
export const SIM_DEVICES = 4;
export const SILENT_MN = '4C5400000000000000009999';

function simOptions(port: number, extra: Partial<SimulatorOptions> = {}): SimulatorOptions {
  return simulatorOptions({
    host: '127.0.0.1',
    port,
    devices: SIM_DEVICES,
    kind: 'air',
    intervalS: 1,
    timeScale: 1,
    seed: 11,
    ...extra,
  });
}

/** Loads the Handan 2020 plan and its key tasks. */
export async function loadPlanAndTasks(db: Db): Promise<void> {
  const ctx = { actor: 'test', ip: null };
  await loadPlan(db, systemClock, ctx, 'handan-2020');
  await loadTasks(db, systemClock, ctx, 'handan-2020');
}

/** Creates one account per role (ACCOUNTS, password PASSWORD). */
export async function createAccounts(db: Db): Promise<void> {
  const ctx = { actor: 'test', ip: null };
  for (const [role, a] of Object.entries(ACCOUNTS)) {
    await createUser(db, systemClock, ctx, {
      ...a,
      role,
      password: PASSWORD,
      mustChangePassword: false,
    });
  }
}

/** Fills the SQLite store at `path` (created and migrated if new). */
export async function prepareStore(path: string, now = Date.now()): Promise<void> {
  const db = await openStore({ sqlitePath: path, sqliteSynchronous: 'NORMAL' });
  try {
    await loadPlanAndTasks(db);
    // The plan's national stations (1047A–1050A) count for the city: simulate them as well.
    const alsoStations = ['1047A', '1048A', '1049A', '1050A'];
    const until2020 = Date.parse('2021-01-01T00:00:00+08:00');
    await simulateHandan(db, {
      perUnit: 1,
      fromDate: '2019-01-01',
      until: until2020,
      alsoStations,
    });
    const recent = new Date(now - 45 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await simulateHandan(db, { perUnit: 1, fromDate: recent, until: now, alsoStations });
    await importPrsa(db, resolve('test/fixtures/prsa-2016'));

    await createAccounts(db);
    await registerSimDevices(db, now);
  } finally {
    await db.close();
  }
}

/**
 * Micro-stations in 邯山区 (never assessed) for the simulated loggers, their registrations, and
 * one registered logger that never reports (SILENT_MN).
 */
export async function registerSimDevices(db: Db, now = Date.now()): Promise<void> {
  const ctx = { actor: 'test', ip: null };
  const fleet = buildFleet(simOptions(0));
  await upsertStations(
    db,
    fleet.map((d, i) => ({
      code: d.target,
      name: `邯山区微站${i + 1}`,
      regionAdcode: '130402',
      kind: '微站',
      role: 'micro',
      lon: 114.48 + i * 0.01,
      lat: 36.58,
      pollutants: [...AIR_POLLUTANTS],
    })),
    now,
  );
  for (const d of fleet) {
    await createDevice(
      db,
      systemClock,
      {
        mn: d.mn,
        kind: 'station',
        target: d.target,
        password: d.pw,
        edition: d.edition,
        crc: d.crc,
        intervalS: 60,
        name: d.name,
      },
      ctx,
    );
  }
  await createDevice(
    db,
    systemClock,
    {
      mn: SILENT_MN,
      kind: 'station',
      target: fleet[0]!.target,
      password: '123456',
      edition: '2017',
      crc: 'standard',
      intervalS: 60,
      name: '未上线的数采仪',
    },
    ctx,
  );
}

/** A running `bin/lantian serve`. */
export interface ServerProcess {
  url: string;
  hj212Port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `bin/lantian serve` on free ports over the store at `path`. */
export function startServer(
  path: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  return new Promise((done, fail) => {
    const child = spawn(
      resolve('bin/lantian'),
      ['serve', '--port', '0', '--host', '127.0.0.1', '--hj212-port', '0'],
      {
        env: {
          ...process.env,
          LANTIAN_DB: path,
          DATABASE_URL: '',
          LANTIAN_LOG_LEVEL: 'warn',
          LANTIAN_SQLITE_SYNCHRONOUS: 'NORMAL',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let stopping = false;
    const timer = setTimeout(() => fail(new Error(`server not ready:\n${out}`)), 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString('utf8');
      const url = /蓝天已启动：(http:\/\/\S+?)（/.exec(out)?.[1];
      const port = /HJ 212 监听端口 (\d+)/.exec(out)?.[1];
      if (url && port) {
        clearTimeout(timer);
        child.stderr!.off('data', onData);
        child.stderr!.on('data', (x: Buffer) => (out += x.toString('utf8')));
        done({
          url: url.replace('localhost', '127.0.0.1'),
          hj212Port: Number(port),
          child,
          output: () => out,
          stop: () =>
            new Promise<void>((ok) => {
              stopping = true;
              if (child.exitCode !== null) return ok();
              // A clean stop first; a server that has not exited 15 s later is killed.
              const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(force);
                ok();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${out}`));
      // After it was ready (fail is then a no-op), an exit nobody asked for would only show as
      // refused connections in the tests that follow: say why it ended.
      if (!stopping) console.error(`lantian serve ended (${code ?? signal}):\n${out.slice(-4000)}`);
    });
  });
}

/** Runs the simulated loggers against the server for `seconds`, then sends two bad frames. */
export async function runDevices(port: number, seconds: number): Promise<{ acked: number }> {
  const sim = new Simulator(simOptions(port, { durationS: seconds }));
  sim.start();
  const summary = await sim.done();
  // Garbage and a frame with a wrong CRC: both must show up as rejections with their reasons.
  await new Promise<void>((ok, fail) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write('this is not HJ 212\r\n');
      s.write('##0044QN=20260101000000000;ST=22;CN=2011;PW=123456;MN=X&&&&0000\r\n');
      setTimeout(() => s.end(), 300);
    });
    s.on('close', () => ok());
    s.on('error', fail);
  });
  return { acked: summary.acked };
}
