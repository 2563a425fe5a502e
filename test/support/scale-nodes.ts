/**
 * Support of the scale tests (test/scale-*.test.ts): a private PostgreSQL schema, a fresh
 * JetStream stream name, `lantian serve --role …` child processes, and the acknowledged-upload
 * check against PostgreSQL. PostgreSQL is DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test
 * when it is unset (what .ci/run starts); NATS is LANTIAN_TEST_NATS_URL, or nats://127.0.0.1:4222
 * (what .ci/run starts). Both must be up: these tests do not skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { LANTIAN } from './cli.ts';
import { openStore } from '../../src/store/db.ts';
import { cpItems } from '../../src/protocols/hj212/index.ts';
import {
  valueKey,
  type StoredReadingRow,
  type StoredValueRow,
} from '../../src/simulator/acked-check.ts';
import { parseDataTime } from '../../src/simulator/beijing-time.ts';
import type { AckedRecord } from '../../src/simulator/simulator.ts';

export const PG_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
export const NATS_URL = process.env['LANTIAN_TEST_NATS_URL'] || 'nats://127.0.0.1:4222';

/** A private schema on PG_URL, and the DATABASE_URL that selects it. */
export async function privateSchema(): Promise<{
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}> {
  const schema = `scale_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2 });
  // Migrated here with the schema option (as test/support/databases.ts does), so the children
  // find it ready and never race each other over the migrations.
  const db = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
  await db.close();
  const sep = PG_URL.includes('?') ? '&' : '?';
  const url = `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** A unique stream name, subject prefix and consumer for one run. */
export function freshStream(): Record<string, string> {
  const tag = randomBytes(4).toString('hex');
  return {
    LANTIAN_NATS_STREAM: `LT_TEST_${tag}`,
    LANTIAN_NATS_SUBJECT_PREFIX: `lttest${tag}.hj212`,
    LANTIAN_NATS_CONSUMER: 'writers',
    LANTIAN_NATS_STREAM_MAX_AGE_S: '3600',
    LANTIAN_NATS_STREAM_MAX_BYTES: String(512 * 2 ** 20),
  };
}

/** A `lantian` child process with its output. */
export interface Node {
  readonly child: ChildProcess;
  output(): string;
  /** Standard output alone. */
  stdout(): string;
  /** Resolves when the output matches (or rejects after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<number | null>;
}

/** Starts `lantian …args` in `cwd` with `env` (added to the test's). */
export function startNode(args: string[], env: Record<string, string>, cwd: string): Node {
  const child = spawn(process.execPath, [LANTIAN, ...args], {
    env: { ...process.env, ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    onData(d);
  });
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return {
    child,
    output: () => out,
    stdout: () => stdout,
    exited,
    waitFor(re, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.match(re);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${re}:\n${out.slice(-3000)}`));
        }, ms);
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs `lantian …args` to the end; throws when it fails. */
export async function runLantian(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<string> {
  const n = startNode(args, env, cwd);
  const code = await n.exited;
  if (code !== 0) throw new Error(`lantian ${args.join(' ')} exited ${code}:\n${n.output()}`);
  return n.output();
}

/** Lines of an acked log (the simulator's --acked-log). */
export function ackedRecords(file: string): AckedRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as AckedRecord);
}

/** Every device_values row with its device's MN (numbers as numbers). */
export async function pgValueRows(pool: pg.Pool): Promise<StoredValueRow[]> {
  const r = await pool.query<StoredValueRow>(
    `select d.mn, v.cn, v.code, v.data_time::float8 as data_time, v.rtd, v.avg, v.zs_avg, v.cou, v.flag
       from device_values v join devices d on d.id = v.device_id`,
  );
  return r.rows.map((x) => ({ ...x, cn: Number(x.cn), data_time: Number(x.data_time) }));
}

/** Every readings row with its station's code. */
export async function pgReadingRows(pool: pg.Pool): Promise<StoredReadingRow[]> {
  const r = await pool.query<StoredReadingRow>(
    `select s.code as station, r.pollutant, r.hour::float8 as hour, r.value
       from readings r join stations s on s.id = r.station_id`,
  );
  return r.rows.map((x) => ({ ...x, hour: Number(x.hour), value: Number(x.value) }));
}

/** Sends SIGKILL to every live child. */
export function killAll(nodes: Iterable<Node>): void {
  for (const n of nodes)
    if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
}

/** Lines of a file written so far (0 when it does not exist yet). */
export function lineCount(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '').length;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A private nats-server with JetStream on `port`, its file store in `storeDir`. */
export function startNatsServer(port: number, storeDir: string): ChildProcess {
  return spawn('nats-server', ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
}

/** The key (src/simulator/acked-check.ts valueKey) of every value of the acknowledged frames. */
export function ackedValueKeys(acked: readonly AckedRecord[]): Set<string> {
  const keys = new Set<string>();
  for (const a of acked) {
    const t = parseDataTime(a.dataTime);
    for (const [code] of cpItems({ cp: a.cp.map(([k, v]) => [k, v]) }).items)
      keys.add(valueKey(a.mn, Number(a.cn), code, t));
  }
  return keys;
}
