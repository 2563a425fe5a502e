/**
 * `serve --role all` with LANTIAN_NATS_URL: one /metrics shows the ingest side (the JetStream
 * sink and the listener) next to the writer's, each family once. A real process on NATS and
 * PostgreSQL, one frame from a real socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/db.ts';
import { frame, MN_AIR, seedDevices, TestClient, upload } from './ingest-support.ts';
import {
  freshStream,
  killAll,
  NATS_URL,
  privateSchema,
  startNode,
  type Node,
} from './support/scale-nodes.ts';

/** The value of an unlabelled sample in Prometheus text (undefined when absent). */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('serve --role all with NATS: /metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-all-metrics-'));
  const stream = freshStream();
  const nodes: Node[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    killAll(nodes);
    await Promise.all(nodes.map((n) => n.exited));
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the ingest side next to the writer', async () => {
    const schema = await privateSchema();
    cleanups.push(() => schema.drop());
    const nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
    cleanups.push(async () => {
      await (await jetstreamManager(nc)).streams.delete(stream.LANTIAN_NATS_STREAM!);
      await nc.close();
    });
    const db = await openStore({ databaseUrl: schema.url });
    await seedDevices(db);
    await db.close();
    const node = startNode(
      ['serve', '--port', '0', '--hj212-port', '0', '--metrics-port', '0'],
      {
        DATABASE_URL: schema.url,
        LANTIAN_NATS_URL: NATS_URL,
        ...stream,
        LANTIAN_LOG_LEVEL: 'warn',
        LANTIAN_TRUCKS_LISTEN: 'off',
      },
      dir,
    );
    nodes.push(node);
    const metricsPort = (await node.waitFor(/指标与健康检查端口 (\d+)/, 60_000))[1];
    const hj212Port = Number((await node.waitFor(/HJ 212 监听端口 (\d+)/, 60_000))[1]);
    const client = await TestClient.open(hj212Port);
    await client.write(frame(upload(MN_AIR, '2011', Date.now(), { a34004: { Rtd: 35 } })));
    expect((await client.waitFor(1, 20_000)).map((p) => p.cn)).toEqual(['9014']);
    client.close();

    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(sample(text, 'lantian_ingest_published_total')).toBe(1);
    expect(sample(text, 'lantian_ingest_packets_total')).toBe(1);
    expect(sample(text, 'lantian_ingest_queue_depth')).toBe(0);
    expect(sample(text, 'lantian_writer_stream_lag')).not.toBeUndefined();
    // Both NATS sessions of the process have the connected gauge: it is shown once.
    expect(text.match(/^# TYPE lantian_nats_connected /gm)).toHaveLength(1);
  }, 180_000);
});
