/**
 * Faults of the distributed shape (issue 14, docs/scale.md "Faults"), in one scenario on a
 * private nats-server (started and killed by the test, its file store in a temporary directory)
 * and a TCP relay in front of PostgreSQL that the test can cut:
 * - NATS down at start: the ingest node says so in Chinese, retries, and opens no device port;
 * - NATS killed mid-run: no acknowledgement while it is down; restarted on the same store, the
 *   run completes and nothing acknowledged is lost;
 * - PostgreSQL down for the writer: it pauses (readyz 503), the stream holds; it catches up after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { missingAckedValues } from '../src/simulator/acked-check.ts';
import {
  ackedRecords,
  freshStream,
  killAll,
  PG_URL,
  pgValueRows,
  privateSchema,
  runLantian,
  startNode,
  type Node,
} from './support/scale-nodes.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lineCount(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '').length;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A relay to PostgreSQL that can be cut (every connection closed, new ones refused). */
async function pgRelay(): Promise<{
  port: number;
  cut(on: boolean): void;
  close(): Promise<void>;
}> {
  const target = new URL(PG_URL);
  let down = false;
  const pairs = new Set<Socket>();
  const server: Server = createServer((c) => {
    if (down) return void c.destroy();
    const u = tcpConnect(Number(target.port || 5432), target.hostname);
    pairs.add(c).add(u);
    const end = (): void => {
      c.destroy();
      u.destroy();
      pairs.delete(c);
      pairs.delete(u);
    };
    c.on('error', end).on('close', end);
    u.on('error', end).on('close', end);
    c.pipe(u);
    u.pipe(c);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  return {
    port: typeof a === 'object' && a ? a.port : 0,
    cut(on) {
      down = on;
      if (on) for (const s of pairs) s.destroy();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('scale faults: NATS down at start and mid-run, PostgreSQL down for the writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-scale-faults-'));
  const nodes: Node[] = [];
  const others: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    killAll(nodes);
    for (const c of others) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'acknowledges nothing without NATS and loses nothing acknowledged',
    { timeout: 400_000 },
    async () => {
      const schema = await privateSchema();
      cleanups.push(() => schema.drop());
      const relay = await pgRelay();
      cleanups.push(() => relay.close());
      const natsPort = await freePort();
      const natsUrl = `nats://127.0.0.1:${natsPort}`;
      const store = join(dir, 'nats');
      const startNats = (): ChildProcess => {
        const c = spawn(
          'nats-server',
          ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(natsPort)],
          {
            stdio: 'ignore',
          },
        );
        others.push(c);
        return c;
      };
      const stream = freshStream();
      const env = {
        DATABASE_URL: schema.url,
        LANTIAN_NATS_URL: natsUrl,
        ...stream,
        LANTIAN_LOG_LEVEL: 'info',
        LANTIAN_HJ212_RATE_LIMIT: '0',
        LANTIAN_TRUCKS_LISTEN: 'off',
        LANTIAN_HJ212_ARCHIVE_DIR: join(dir, 'archive'),
      };
      const fleet = [
        '--devices',
        '8',
        '--kind',
        'mixed',
        '--interval',
        '60',
        '--mn-prefix',
        '4C54F1',
        '--seed',
        '21',
      ];
      await runLantian(
        ['region', 'add', '--adcode', '130400', '--name', '邯郸市', '--level', 'city'],
        env,
        dir,
      );
      await runLantian(
        ['simulate', ...fleet, '--registry-out', 'd.csv', '--stations-out', 's.csv', '--csv-only'],
        env,
        dir,
      );
      await runLantian(['station', 'import', 's.csv'], env, dir);
      await runLantian(['device', 'import', 'd.csv'], env, dir);

      // NATS down at start: a clear error, retries, and no device port.
      const ingest = startNode(
        ['serve', '--role', 'ingest', '--metrics-port', '0', '--hj212-port', '0'],
        env,
        dir,
      );
      nodes.push(ingest);
      await ingest.waitFor(
        /连接 NATS 服务器 nats:\/\/127\.0\.0\.1:\d+（连上之前不接收设备数据、不应答）失败[\s\S]*连接 NATS 服务器/,
        120_000,
      );
      const opsPort = Number((await ingest.waitFor(/指标与健康检查端口 (\d+)/))[1]);
      expect(ingest.output()).not.toMatch(/HJ 212 监听端口/);
      const notReady = await fetch(`http://127.0.0.1:${opsPort}/readyz`);
      expect(notReady.status).toBe(503);
      expect(((await notReady.json()) as { reason: string }).reason).toBe('NATS 未连接');

      let nats = startNats();
      const port = Number((await ingest.waitFor(/HJ 212 监听端口 (\d+)/, 120_000))[1]);
      // The writer reaches PostgreSQL through the relay.
      const writerEnv = {
        ...env,
        DATABASE_URL: schema.url.replace(
          /127\.0\.0\.1:\d+|localhost:\d+/,
          `127.0.0.1:${relay.port}`,
        ),
        LANTIAN_WRITER_ACK_WAIT_S: '3',
      };
      expect(writerEnv.DATABASE_URL).toContain(`:${relay.port}/`);
      const writer = startNode(
        ['serve', '--role', 'writer', '--metrics-port', '0'],
        writerEnv,
        dir,
      );
      nodes.push(writer);
      await writer.waitFor(/写入节点运行中/, 120_000);
      const writerOps = Number((await writer.waitFor(/指标与健康检查端口 (\d+)/))[1]);

      const log = join(dir, 'acked.jsonl');
      const sim = startNode(
        [
          'simulate',
          ...fleet,
          '--target',
          `127.0.0.1:${port}`,
          '--time-scale',
          '900',
          '--start-time',
          new Date(Date.now() - 86_400_000).toISOString(),
          '--packets',
          '1600',
          '--over-time',
          '1',
          '--re-count',
          '120',
          '--acked-log',
          log,
          '--json',
          '--progress',
          '0',
        ],
        env,
        dir,
      );
      nodes.push(sim);
      const t0 = Date.now();
      while (lineCount(log) < 200) {
        if (Date.now() - t0 > 120_000 || sim.child.exitCode !== null)
          throw new Error(`no acks:\n${ingest.output()}\n${sim.output()}\n${writer.output()}`);
        await sleep(50);
      }

      // NATS killed mid-run (and PostgreSQL cut for the writer at the same time).
      nats.kill('SIGKILL');
      relay.cut(true);
      await new Promise((r) => nats.once('exit', r));
      await sleep(2000);
      const whileDown = lineCount(log);
      await sleep(3000);
      expect(lineCount(log)).toBe(whileDown);
      expect(whileDown).toBeLessThan(1600);
      nats = startNats();

      // NATS is back: the run completes (acks resume) while PostgreSQL is still cut.
      const r = { code: await sim.exited, out: sim.stdout() };
      expect(r.code, sim.output()).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ sent: 1600, acked: 1600, failed: 0 });
      const ready = await fetch(`http://127.0.0.1:${writerOps}/readyz`);
      expect(ready.status).toBe(503);
      expect(writer.output()).toMatch(/写入数据库失败，暂停并重试/);
      const nc = await connect({ servers: natsUrl, timeout: 3000 });
      cleanups.push(() => nc.close());
      const jsm = await jetstreamManager(nc);
      const held = await jsm.consumers.info(stream.LANTIAN_NATS_STREAM!, 'writers');
      expect(held.num_pending + held.num_ack_pending).toBeGreaterThan(0);

      // PostgreSQL back: the writer catches up.
      relay.cut(false);
      const t1 = Date.now();
      for (;;) {
        const info = await jsm.consumers.info(stream.LANTIAN_NATS_STREAM!, 'writers');
        if (info.num_pending === 0 && info.num_ack_pending === 0) break;
        if (Date.now() - t1 > 90_000)
          throw new Error(
            `writer did not catch up: ${JSON.stringify(info)}\n${writer.output().slice(-2000)}`,
          );
        await sleep(250);
      }
      const acked = ackedRecords(log);
      expect(acked).toHaveLength(1600);
      expect(missingAckedValues(acked, await pgValueRows(schema.pool))).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${writerOps}/readyz`)).status).toBe(200);

      for (const n of [ingest, writer]) n.child.kill('SIGTERM');
      await Promise.all([ingest.exited, writer.exited]);
    },
  );
});
