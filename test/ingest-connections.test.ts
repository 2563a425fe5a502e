/**
 * Connection exhaustion (issue 15): thousands of idle sockets from one address, and the total
 * reached from several, while registered loggers keep getting their acks. Unauthenticated
 * connections are bounded per address and evicted oldest-first when a bound is reached; they are
 * closed when they send no registered device's frame within the auth timeout; a connection is
 * refused only when every open one is authenticated; refusals are logged as counts per interval.
 * Real sockets over loopback; the attackers bind other 127.0.0.x addresses.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import type { IngestLog } from '../src/ingest/hj212/ingest-log.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  frame,
  MN_AIR,
  MN_CEMS,
  seedDevices,
  sleep,
  startTestIngest,
  T0,
  TestClient,
  upload,
} from './ingest-support.ts';

const MINUTE = 60_000;

/** An idle socket that counts whether the server closed it. */
interface Idle {
  socket: Socket;
  closed: boolean;
}

/** Opens `n` idle sockets from `localAddress` (nothing is ever sent on them). */
async function openIdle(port: number, localAddress: string, n: number): Promise<Idle[]> {
  const out: Idle[] = [];
  const batch = 200;
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(
      Array.from(
        { length: Math.min(batch, n - i) },
        () =>
          new Promise<Idle>((resolve) => {
            const idle: Idle = {
              socket: connect({ host: '127.0.0.1', port, localAddress }),
              closed: false,
            };
            idle.socket.on('error', () => undefined);
            idle.socket.on('close', () => (idle.closed = true));
            idle.socket.once('connect', () => resolve(idle));
            idle.socket.once('close', () => resolve(idle));
          }),
      ),
    );
    out.push(...opened);
  }
  return out;
}

/** A logger log that keeps the warn lines. */
function collectingLog(): IngestLog & { warns: Array<{ obj: object; msg?: string }> } {
  const warns: Array<{ obj: object; msg?: string }> = [];
  return {
    warns,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj, msg) => void warns.push(msg === undefined ? { obj } : { obj, msg }),
    error: () => undefined,
  };
}

describe.each(dialectsUnderTest())('HJ 212 connection limits on %s', (dialect) => {
  let t: TestStore;
  const running: Hj212Ingest[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    for (const i of running) await i.stop();
    await t?.cleanup();
  });

  it('keeps acknowledging registered loggers through a flood of idle sockets', async () => {
    const log = collectingLog();
    const ingest = await startHj212Ingest(
      { db: t.db, clock: systemClock, log },
      {
        host: '127.0.0.1',
        port: 0,
        archive: false,
        commitDelayMs: 2,
        rateLimit: { perSecond: 0, burst: 1 },
        maxConnections: 60,
        maxPendingPerAddress: 20,
        // Long enough that the flood settles before any auth timeout, even on a loaded machine.
        authTimeoutMs: 10_000,
        refusalLogMs: 500,
      },
    );
    running.push(ingest);

    // A registered logger connects first and keeps sending one packet every 50 ms.
    const logger = await TestClient.open(ingest.port);
    let sent = 0;
    let minute = 0;
    const send = () =>
      logger.write(
        frame(
          upload(
            MN_CEMS,
            '2051',
            T0 + 90_000 * MINUTE + minute++ * MINUTE,
            { a21026: { Avg: sent++ } },
            { st: '31' },
          ),
        ),
      );
    await send();
    expect(await logger.waitFor(1)).toHaveLength(1);
    let flooding = true;
    let slowest = 0;
    const steady = (async () => {
      while (flooding) {
        const before = logger.received.length;
        const at = Date.now();
        await send();
        await logger.waitFor(before + 1, 10_000);
        slowest = Math.max(slowest, Date.now() - at);
        await sleep(50);
      }
    })();

    // 3000 idle sockets from one address: at most 20 of them are held at any time.
    const flood = await openIdle(ingest.port, '127.0.0.2', 3000);
    sockets.push(...flood.map((f) => f.socket));
    // The total is reached by idle sockets from four more addresses.
    for (const a of ['127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']) {
      sockets.push(...(await openIdle(ingest.port, a, 20)).map((f) => f.socket));
    }
    // The listener accepts from its backlog at its own pace: wait until the flood is settled.
    // Every socket is then either held or evicted.
    const handled = () => {
      const c = ingest.status().connections;
      return c.open - 1 + c.evictedPerAddress + c.evictedTotal + c.authTimeouts;
    };
    const settled = Date.now() + 20_000;
    while (handled() < 3080 && Date.now() < settled) await sleep(50);
    let s = ingest.status().connections;
    expect(s.authTimeouts).toBe(0);
    expect(s.open).toBeLessThanOrEqual(60);
    expect(s.refused).toBe(0);
    expect(s.evictedPerAddress).toBeGreaterThanOrEqual(3000 - 20);
    expect(s.evictedTotal).toBeGreaterThan(0);
    expect(flood.filter((f) => !f.closed).length).toBeLessThanOrEqual(20);

    // A second registered logger connects while the table is full of idle sockets: it gets in.
    const second = await TestClient.open(ingest.port);
    await second.write(
      frame(upload(MN_AIR, '2061', T0 + 3000 * MINUTE, { a34004: { Avg: 35, Flag: 'N' } })),
    );
    expect(await second.waitFor(1)).toHaveLength(1);
    expect(second.received[0]?.cn).toBe('9014');

    flooding = false;
    await steady;
    expect(logger.closed).toBe(false);
    expect(logger.received).toHaveLength(sent);
    expect(slowest).toBeLessThan(10_000);

    // Past the auth timeout every idle socket is closed; the loggers stay.
    const quiet = Date.now() + 20_000;
    while (ingest.status().connections.unauthenticated > 0 && Date.now() < quiet) await sleep(100);
    s = ingest.status().connections;
    expect(s.authTimeouts).toBeGreaterThan(0);
    expect(s.unauthenticated).toBe(0);
    expect(s.open).toBe(2);
    expect(s.list.every((c) => c.authenticated)).toBe(true);
    expect(second.closed).toBe(false);
    await send();
    expect(await logger.waitFor(sent)).toHaveLength(sent);

    // Thousands of evictions cost a handful of log lines (counts per 500 ms), not one each.
    const lines = log.warns.filter((w) => w.msg?.includes('拒绝与驱逐'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(30);
    const counted = lines.reduce(
      (n, w) =>
        n +
        ((w.obj as { byKind: Record<string, number> }).byKind['connection_evicted_per_address'] ??
          0),
      0,
    );
    expect(counted).toBe(s.evictedPerAddress);
    logger.close();
    second.close();
  });

  it('refuses a connection only when every open one is authenticated', async () => {
    const ingest = await startTestIngest(t.db, {
      maxConnections: 2,
      rateLimit: { perSecond: 0, burst: 1 },
    });
    running.push(ingest);
    // Totals persist per database (earlier listeners of this file count too): compare deltas.
    const before = ingest.status().connections;
    // An idle socket is evicted by the next connection once the total is reached.
    const idle = await TestClient.open(ingest.port);
    const a = await TestClient.open(ingest.port);
    await a.write(
      frame(upload(MN_CEMS, '2051', T0 + 95_000 * MINUTE, { a21026: { Avg: 1 } }, { st: '31' })),
    );
    await a.waitFor(1);
    const b = await TestClient.open(ingest.port);
    await idle.waitFor(1, 1000);
    expect(idle.closed).toBe(true);
    await b.write(frame(upload(MN_AIR, '2061', T0 + 3100 * MINUTE, { a34004: { Avg: 1 } })));
    await b.waitFor(1);
    // Both open connections are registered loggers now: the next one is refused.
    const x = await TestClient.open(ingest.port);
    await x.waitFor(1, 1000);
    expect(x.closed).toBe(true);
    expect(a.closed).toBe(false);
    expect(b.closed).toBe(false);
    const after = ingest.status().connections;
    expect(after.open).toBe(2);
    expect(after.refused - before.refused).toBe(1);
    expect(after.evictedTotal - before.evictedTotal).toBe(1);
    a.close();
    b.close();
  });

  it('closes a connection that sends only garbage or unknown MNs within the auth timeout', async () => {
    const ingest = await startTestIngest(t.db, { authTimeoutMs: 400 });
    running.push(ingest);
    const before = ingest.status().connections.authTimeouts;
    const c = await TestClient.open(ingest.port);
    const until = Date.now() + 1500;
    // Bytes keep arriving, but none is a registered device's frame: the deadline is not extended.
    while (!c.closed && Date.now() < until) {
      await c.write(frame(upload('FFFF00000000000000000009', '2061', T0, { a34004: { Avg: 1 } })));
      await sleep(50);
    }
    expect(c.closed).toBe(true);
    expect(ingest.status().connections.authTimeouts - before).toBe(1);
  });
});
