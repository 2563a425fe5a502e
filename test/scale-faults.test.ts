/**
 * Faults of the distributed shape (issue 14, docs/scale.md "Faults"), in one scenario on a
 * private nats-server (started and killed by the test, its file store in a temporary directory):
 * - NATS down at start: the ingest node says so in Chinese, retries, and opens no device port;
 * - NATS killed mid-run: no acknowledgement while it is down; restarted on the same store, the
 *   run completes and nothing acknowledged is lost (one stream message per acknowledged frame).
 * PostgreSQL down for a writer: test/scale-pg-down.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ackedRecords,
  freshStream,
  killAll,
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

describe('scale faults: NATS down at start and mid-run', () => {
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
          '90',
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
          throw new Error(`no acks:\n${ingest.output()}\n${sim.output()}`);
        await sleep(50);
      }

      // NATS killed mid-run.
      nats.kill('SIGKILL');
      await new Promise((r) => nats.once('exit', r));
      await sleep(2000);
      const whileDown = lineCount(log);
      await sleep(3000);
      expect(lineCount(log)).toBe(whileDown);
      expect(whileDown).toBeLessThan(1600);
      nats = startNats();

      // NATS is back on the same store: the run completes.
      const r = { code: await sim.exited, out: sim.stdout() };
      expect(r.code, sim.output()).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ sent: 1600, acked: 1600, failed: 0 });
      const nc = await connect({ servers: natsUrl, timeout: 3000 });
      cleanups.push(() => nc.close());
      const jsm = await jetstreamManager(nc);
      const acked = ackedRecords(log);
      expect(acked).toHaveLength(1600);
      // Nothing acknowledged was lost, and re-sent frames were de-duplicated.
      const si = await jsm.streams.info(stream.LANTIAN_NATS_STREAM!);
      expect(si.state.messages).toBe(1600);
      expect((await fetch(`http://127.0.0.1:${opsPort}/readyz`)).status).toBe(200);
      expect(ingest.output()).toMatch(/NATS 连接断开/);

      ingest.child.kill('SIGTERM');
      await ingest.exited;
    },
  );
});
