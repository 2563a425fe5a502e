/**
 * The distributed shape end to end (issue 14, docs/scale.md): NATS JetStream and PostgreSQL (the
 * ones .ci/run starts; see test/support/scale-nodes.ts), two ingest nodes and two writers as
 * separate `lantian serve --role …` processes on a fresh stream and a private schema, the HJ 212
 * simulator driving both ingest nodes with --acked-log. Mid-run one writer and one ingest node are
 * killed with SIGKILL and restarted. Afterwards every acknowledged upload is in PostgreSQL, exactly
 * once: each acknowledged value is there with its value, the table holds no other row of these
 * devices, and the stream holds one message per acknowledged frame (re-sent frames were
 * de-duplicated by their Nats-Msg-Id).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizePollutant } from '../src/air/pollutant-names.ts';
import {
  missingAckedReadings,
  missingAckedValues,
  valueKey,
} from '../src/simulator/acked-check.ts';
import { parseDataTime } from '../src/simulator/beijing-time.ts';
import { cpItems } from '../src/protocols/hj212/index.ts';
import type { SimSummary } from '../src/simulator/sim-stats.ts';
import {
  ackedRecords,
  freshStream,
  killAll,
  NATS_URL,
  pgReadingRows,
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

describe('scale: 2 ingest nodes + 2 writers on JetStream and PostgreSQL, with kills', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-scale-'));
  const nodes: Node[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    if (process.env['LANTIAN_TEST_SCALE_DEBUG'])
      for (const n of nodes)
        console.log(n.child.spawnargs.slice(2).join(' '), '\n', n.output().slice(-1500));
    killAll(nodes);
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged packet exactly once', { timeout: 400_000 }, async () => {
    const schema = await privateSchema();
    cleanups.push(() => schema.drop());
    const stream = freshStream();
    const nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
    const jsm = await jetstreamManager(nc);
    cleanups.push(async () => {
      await jsm.streams.delete(stream.LANTIAN_NATS_STREAM!).catch(() => undefined);
      await nc.close();
    });
    const env = {
      DATABASE_URL: schema.url,
      LANTIAN_NATS_URL: NATS_URL,
      ...stream,
      LANTIAN_LOG_LEVEL: 'warn',
      // A killed writer's messages come again after 3 s.
      LANTIAN_WRITER_ACK_WAIT_S: '3',
      LANTIAN_WRITER_BATCH: '500',
      LANTIAN_HJ212_RATE_LIMIT: '0',
      LANTIAN_TRUCKS_LISTEN: 'off',
    };
    // Two fleets (one per ingest node), registered through the CLI into the private schema.
    const fleets = [
      [
        '--devices',
        '16',
        '--kind',
        'mixed',
        '--interval',
        '60',
        '--mn-prefix',
        '4C54A1',
        '--seed',
        '11',
      ],
      [
        '--devices',
        '16',
        '--kind',
        'mixed',
        '--interval',
        '60',
        '--mn-prefix',
        '4C54B2',
        '--seed',
        '12',
      ],
    ];
    await runLantian(
      ['region', 'add', '--adcode', '130400', '--name', '邯郸市', '--level', 'city'],
      env,
      dir,
    );
    for (const [i, f] of fleets.entries()) {
      await runLantian(
        [
          'simulate',
          ...f,
          '--registry-out',
          `devices${i}.csv`,
          '--stations-out',
          `stations${i}.csv`,
          '--csv-only',
        ],
        env,
        dir,
      );
      await runLantian(['station', 'import', `stations${i}.csv`], env, dir);
      await runLantian(['device', 'import', `devices${i}.csv`], env, dir);
    }

    const writer = (): Node => {
      const n = startNode(['serve', '--role', 'writer', '--metrics-port', '0'], env, dir);
      nodes.push(n);
      return n;
    };
    const ingest = (i: number, port: number): Node => {
      const n = startNode(
        ['serve', '--role', 'ingest', '--metrics-port', '0', '--hj212-port', String(port)],
        {
          ...env,
          LANTIAN_HJ212_ARCHIVE_DIR: join(dir, `archive${i}`),
        },
        dir,
      );
      nodes.push(n);
      return n;
    };
    const writers = [writer(), writer()];
    const ingests = [ingest(0, 0), ingest(1, 0)];
    await Promise.all(writers.map((w) => w.waitFor(/写入节点运行中/, 120_000)));
    const ports = await Promise.all(
      ingests.map(async (n) => Number((await n.waitFor(/HJ 212 监听端口 (\d+)/, 120_000))[1])),
    );
    const metricsPort = Number((await ingests[1]!.waitFor(/指标与健康检查端口 (\d+)/))[1]);

    // 16 devices × 1 packet per 60 simulated s at ×1350 → ~360 packets/s per node, 2400 each.
    const logs = [join(dir, 'acked0.jsonl'), join(dir, 'acked1.jsonl')];
    const sims = fleets.map((f, i) => {
      const n = startNode(
        [
          'simulate',
          ...f,
          '--target',
          `127.0.0.1:${ports[i]}`,
          '--time-scale',
          '1350',
          '--start-time',
          new Date(Date.now() - 2 * 86_400_000).toISOString(),
          '--packets',
          '2400',
          '--over-time',
          '1',
          '--re-count',
          '60',
          '--acked-log',
          logs[i]!,
          '--json',
          '--progress',
          '0',
        ],
        env,
        dir,
      );
      nodes.push(n);
      return n;
    });

    // Kill writer 0 and ingest node 0 hard once a good part is acknowledged; restart both.
    const t0 = Date.now();
    while (lineCount(logs[0]!) < 600) {
      if (Date.now() - t0 > 120_000) throw new Error(`no acks:\n${ingests[0]!.output()}`);
      await sleep(50);
    }
    writers[0]!.child.kill('SIGKILL');
    ingests[0]!.child.kill('SIGKILL');
    const ackedAtKill = lineCount(logs[0]!);
    await Promise.all([writers[0]!.exited, ingests[0]!.exited]);
    await sleep(300);
    const writer2 = writer();
    const ingest2 = ingest(0, ports[0]!);
    expect(Number((await ingest2.waitFor(/HJ 212 监听端口 (\d+)/, 120_000))[1])).toBe(ports[0]);
    await writer2.waitFor(/写入节点运行中/, 120_000);

    const results = await Promise.all(
      sims.map(async (s) => ({ code: await s.exited, out: s.output(), json: s.stdout() })),
    );
    for (const r of results) expect(r.code, r.out).toBe(0);
    const summaries = results.map((r) => JSON.parse(r.json) as SimSummary);
    for (const s of summaries) expect(s).toMatchObject({ sent: 2400, failed: 0, acked: 2400 });
    expect(ackedAtKill).toBeLessThan(2400);
    expect(summaries[0]!.disconnects).toBeGreaterThanOrEqual(16);

    // The writers catch up: nothing pending, nothing unacknowledged.
    const t1 = Date.now();
    for (;;) {
      const info = await jsm.consumers.info(stream.LANTIAN_NATS_STREAM!, 'writers');
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() - t1 > 60_000)
        throw new Error(`writers did not catch up: ${JSON.stringify(info)}`);
      await sleep(200);
    }

    const acked = logs.flatMap((l) => ackedRecords(l));
    expect(acked).toHaveLength(4800);
    const values = await pgValueRows(schema.pool);
    expect(missingAckedValues(acked, values)).toEqual([]);
    const readings = await pgReadingRows(schema.pool);
    expect(acked.some((a) => a.cn === '2061' && a.kind === 'air')).toBe(true);
    expect(missingAckedReadings(acked, readings, normalizePollutant)).toEqual([]);
    // Exactly once: the table holds exactly the acknowledged values, nothing else.
    const expected = new Set<string>();
    for (const a of acked) {
      const t = parseDataTime(a.dataTime);
      for (const [code] of cpItems({ cp: a.cp.map(([k, v]) => [k, v]) }).items)
        expected.add(valueKey(a.mn, Number(a.cn), code, t));
    }
    expect(values.length).toBe(expected.size);
    // One stream message per acknowledged frame: frames re-sent after the kill were de-duplicated.
    const si = await jsm.streams.info(stream.LANTIAN_NATS_STREAM!);
    expect(si.state.messages).toBe(4800);
    expect(si.config.storage).toBe('file');

    // Operations endpoints of a live ingest node.
    const base = `http://127.0.0.1:${metricsPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^lantian_ingest_acks_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^lantian_nats_connected 1$/m);

    for (const n of [writers[1]!, writer2, ingests[1]!, ingest2]) n.child.kill('SIGTERM');
    await Promise.all([writers[1]!, writer2, ingests[1]!, ingest2].map((n) => n.exited));
  });
});
