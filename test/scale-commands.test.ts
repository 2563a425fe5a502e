/**
 * Device commands over NATS (docs/scale.md): an `ingest` node and an `api` node as processes on
 * NATS and PostgreSQL, a logger on a real socket at the ingest node answering commands
 * (src/simulator/command-responder.ts). The api node runs no HJ 212 listener; a command posted
 * to it while the device is offline is queued and sent by the ingest node once the device is
 * connected; a command posted while it is connected travels over NATS and goes down at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { serialize, type Hj212Packet } from '../src/protocols/hj212/index.ts';
import { LoggerCommands } from '../src/simulator/command-responder.ts';
import { Prng } from '../src/simulator/prng.ts';
import { SimConnection } from '../src/simulator/sim-connection.ts';
import { SimStats } from '../src/simulator/sim-stats.ts';
import { openStore } from '../src/store/db.ts';
import { beijing, nextQn, PW, seedDevices, sleep, WHO } from './ingest-support.ts';
import {
  freshStream,
  killAll,
  NATS_URL,
  privateSchema,
  startNode,
  type Node,
} from './support/scale-nodes.ts';

const MN = 'NATSCMD00000000000000001';

/** A logger on a real socket that answers commands. */
function startLogger(port: number): { logger: LoggerCommands; conn: SimConnection } {
  const logger = new LoggerCommands('Asia/Shanghai', () => []);
  let n = 0;
  const conn: SimConnection = new SimConnection({
    host: '127.0.0.1',
    port,
    splitProb: 0,
    glueProb: 0,
    splitPauseMs: 0,
    backoff: { minMs: 50, maxMs: 200 },
    crc: 'standard',
    rng: new Prng(1),
    stats: new SimStats(),
    onAck: () => undefined,
    onCommand: (p: Hj212Packet) => {
      for (const a of logger.answer(p, Date.now())) conn.enqueue(`a${n++}`, serialize(a));
    },
  });
  conn.start();
  // One upload, so that the ingest node knows which connection is the device's.
  conn.enqueue(
    `u${n++}`,
    serialize({
      qn: nextQn(),
      st: '31',
      cn: '2011',
      pw: PW,
      mn: MN,
      flag: 5,
      cp: [
        ['DataTime', beijing(Date.now())],
        ['a21026-Rtd', '12.5'],
        ['a21026-Flag', 'N'],
      ],
    }),
  );
  return { logger, conn };
}

async function until<T>(what: string, get: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

describe('device commands over NATS (ingest + api processes)', () => {
  let schema: Awaited<ReturnType<typeof privateSchema>>;
  let dir: string;
  let token: string;
  const nodes: Node[] = [];
  let conn: SimConnection | undefined;
  const stream = freshStream();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lt-cmd-'));
    schema = await privateSchema();
    const db = await openStore({ databaseUrl: schema.url });
    try {
      await seedDevices(db, [
        {
          mn: MN,
          kind: 'outlet',
          target: 'DA900',
          password: PW,
          edition: 'auto',
          crc: 'standard',
          intervalS: 3600,
        },
      ]);
      const u = await createUser(db, systemClock, WHO, {
        username: 'cmd-admin',
        role: 'city-admin',
        password: 'Lantian-test-2024',
      });
      token = (await createToken(db, systemClock, WHO, u.id, 'test', null)).token;
    } finally {
      await db.close();
    }
  }, 60_000);

  afterAll(async () => {
    await conn?.close();
    killAll(nodes);
    await Promise.all(nodes.map((n) => n.exited));
    const nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
    await (
      await jetstreamManager(nc)
    ).streams
      .delete(stream.LANTIAN_NATS_STREAM!)
      .catch(() => undefined);
    await nc.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the API node’s commands through the ingest node holding the device', async () => {
    const env = {
      DATABASE_URL: schema.url,
      LANTIAN_NATS_URL: NATS_URL,
      ...stream,
      LANTIAN_NATS_COMMAND_PREFIX: `lttest${randomBytes(4).toString('hex')}.cmd`,
      LANTIAN_NATS_COMMAND_TIMEOUT_MS: '1500',
      LANTIAN_LOG_LEVEL: 'warn',
      LANTIAN_TRUCKS_LISTEN: 'off',
      LANTIAN_HJ212_RATE_LIMIT: '0',
    };
    const ingest = startNode(
      ['serve', '--role', 'ingest', '--hj212-port', '0', '--metrics-port', '0'],
      env,
      dir,
    );
    const api = startNode(['serve', '--role', 'api', '--port', '0'], env, dir);
    nodes.push(ingest, api);
    const hj212Port = Number((await ingest.waitFor(/HJ 212 监听端口 (\d+)/, 60_000))[1]);
    const base = (await api.waitFor(/蓝天已启动：(http:\/\/localhost:\d+)/, 60_000))[1]!;
    // The api node has no HJ 212 listener.
    await api.waitFor(/设备命令经 NATS 发送/);
    expect(api.output()).not.toMatch(/HJ 212 监听端口/);

    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (command: string, params: Record<string, string> = {}) => {
      const res = await fetch(`${base}/api/devices/${MN}/commands`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ command, params }),
      });
      expect(res.status, await res.clone().text()).toBe(202);
      return (await res.json()) as { id: number; cn: string; status: string };
    };
    const log = async () =>
      (await (await fetch(`${base}/api/devices/${MN}/commands`, { headers })).json()) as Array<{
        id: number;
        status: string;
        answer: Record<string, string> | null;
      }>;

    // Offline: no ingest node answers; the command is queued in the store.
    const queued = await post('set-min-interval', { MinInterval: '7' });
    expect(queued.status).toBe('queued');

    // Online: the ingest node's sweep sends the queued command, the logger executes it.
    const l = startLogger(hj212Port);
    conn = l.conn;
    await until('queued command done', async () =>
      (await log()).find((c) => c.id === queued.id)?.status === 'done' ? true : undefined,
    );
    expect(l.logger.minInterval).toBe(7);

    // Connected: the command goes over NATS to the ingest node and down at once.
    const before = Date.now();
    const sent = await post('set-min-interval', { MinInterval: '5' });
    expect(['sent', 'accepted', 'done']).toContain(sent.status);
    expect(Date.now() - before).toBeLessThan(1500);
    await until('sent command done', async () =>
      (await log()).find((c) => c.id === sent.id)?.status === 'done' ? true : undefined,
    );
    expect(l.logger.minInterval).toBe(5);

    // A refused command comes back with the ingest node's catalogue error.
    const bad = await fetch(`${base}/api/devices/${MN}/commands`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ command: 'set-min-interval', params: { MinInterval: 'x' } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('LT_ERR_BAD_COMMAND');
  }, 180_000);
});
