/**
 * PostgreSQL down for a writer (issue 14, docs/scale.md "Faults"). PostgreSQL is real; the writer
 * reaches it through a TCP relay the test cuts (every connection closed, new ones refused) and
 * restores; the ingest node and the test reach it directly. NATS is a private nats-server, so
 * that it can be killed too.
 * - A transaction whose connection breaks fails; the process goes on (a checked-out `pg` client
 *   with no 'error' listener used to end it).
 * - One ingest node and one writer as processes, the HJ 212 simulator with --acked-log. PG cut
 *   mid-run: the writer stays alive, logs that it pauses and retries, its /readyz says 503, the
 *   ingest node keeps acknowledging (the stream grows, the database does not). NATS killed as
 *   well, then restarted; PG restored: the writer catches up, every acknowledged packet is in
 *   PostgreSQL exactly once, and its daily roll-up and CEMS hourly projection are complete (a
 *   recomputation from the stored readings and values changes nothing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildProcess } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizePollutant } from '../src/air/pollutant-names.ts';
import { recomputeStationDays } from '../src/air/daily-rollup.ts';
import { missingAckedReadings, missingAckedValues } from '../src/simulator/acked-check.ts';
import type { SimSummary } from '../src/simulator/sim-stats.ts';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { projectRange } from '../src/sources/cems/cems-projector.ts';
import { addDays } from '../src/standards/local-date.ts';
import { openDb } from '../src/store/db.ts';
import {
  ackedRecords,
  ackedValueKeys,
  freePort,
  freshStream,
  killAll,
  lineCount,
  PG_URL,
  pgReadingRows,
  pgValueRows,
  privateSchema,
  runLantian,
  startNatsServer,
  startNode,
  type Node,
} from './support/scale-nodes.ts';
import { startTcpRelay, type TcpRelay } from './support/tcp-relay.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `url` with its host and port replaced by the relay's. */
function viaRelay(url: string, relay: TcpRelay): string {
  const u = new URL(url);
  u.host = `127.0.0.1:${relay.port}`;
  return u.toString();
}

async function relayToPg(): Promise<TcpRelay> {
  const u = new URL(PG_URL);
  return startTcpRelay(u.hostname, Number(u.port || 5432));
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 60_000) {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

async function count(pool: pg.Pool, table: string): Promise<number> {
  return Number((await pool.query(`select count(*)::int as n from ${table}`)).rows[0].n);
}

/** Rows of the writer's derived tables, without the time they were computed. */
async function derivedRows(pool: pg.Pool): Promise<{ daily: unknown[]; cems: unknown[] }> {
  const daily = await pool.query(`select * from station_daily order by station_id, day`);
  const cems = await pool.query(`select * from cems_hours order by outlet_id, pollutant, hour`);
  return {
    daily: daily.rows.map(({ computed_at: _, ...r }) => r),
    cems: cems.rows.map(({ updated_at: _, ...r }) => r),
  };
}

describe('scale faults: PostgreSQL down for a writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-scale-pg-down-'));
  const nodes: Node[] = [];
  const others: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    if (process.env['LANTIAN_TEST_SCALE_DEBUG'])
      for (const n of nodes)
        console.log(n.child.spawnargs.slice(2).join(' '), '\n', n.output().slice(-3000));
    killAll(nodes);
    for (const c of others) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction whose connection breaks fails; the process goes on', async () => {
    const relay = await relayToPg();
    cleanups.push(() => relay.close());
    const db = await openDb({ databaseUrl: viaRelay(PG_URL, relay) });
    cleanups.push(() => db.close());
    const tx = db.kysely
      .transaction()
      .execute((trx) => sql`select pg_sleep(5)`.execute(trx).then(() => 'done'));
    await sleep(500);
    await relay.cut();
    await expect(tx).rejects.toThrow(/connection/i);
    await expect(sql`select 1 as one`.execute(db.kysely)).rejects.toThrow();
    await relay.restore();
    const r = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
    expect(r.rows[0]!.one).toBe(1);
  });

  it(
    'writers pause, the stream holds, they catch up after: every ack in PG once',
    { timeout: 400_000 },
    async () => {
      const schema = await privateSchema();
      cleanups.push(() => schema.drop());
      const relay = await relayToPg();
      cleanups.push(() => relay.close());
      const natsPort = await freePort();
      const natsUrl = `nats://127.0.0.1:${natsPort}`;
      const startNats = (): ChildProcess => {
        const c = startNatsServer(natsPort, join(dir, 'nats'));
        others.push(c);
        return c;
      };
      let nats = startNats();
      const stream = freshStream();
      const env = {
        DATABASE_URL: schema.url,
        LANTIAN_NATS_URL: natsUrl,
        ...stream,
        LANTIAN_LOG_LEVEL: 'warn',
        LANTIAN_WRITER_ACK_WAIT_S: '10',
        LANTIAN_WRITER_BATCH: '200',
        LANTIAN_HJ212_RATE_LIMIT: '0',
        LANTIAN_TRUCKS_LISTEN: 'off',
        LANTIAN_HJ212_ARCHIVE_DIR: join(dir, 'archive'),
      };
      const fleet = [
        ...['--devices', '8', '--kind', 'mixed', '--interval', '60'],
        ...['--mn-prefix', '4C54D1', '--seed', '31'],
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

      const writer = startNode(
        ['serve', '--role', 'writer', '--metrics-port', '0'],
        {
          ...env,
          DATABASE_URL: viaRelay(schema.url, relay),
        },
        dir,
      );
      nodes.push(writer);
      const ingest = startNode(
        ['serve', '--role', 'ingest', '--metrics-port', '0', '--hj212-port', '0'],
        env,
        dir,
      );
      nodes.push(ingest);
      await writer.waitFor(/写入节点运行中/, 120_000);
      const writerOps = Number((await writer.waitFor(/指标与健康检查端口 (\d+)/))[1]);
      const readyz = async (): Promise<{ status: number; reason?: string }> => {
        const r = await fetch(`http://127.0.0.1:${writerOps}/readyz`);
        return { status: r.status, ...((await r.json()) as { reason?: string }) };
      };
      expect((await readyz()).status).toBe(200);
      const port = Number((await ingest.waitFor(/HJ 212 监听端口 (\d+)/, 120_000))[1]);

      // 8 devices × 1 packet per 60 simulated s at ×600 → 80 packets/s, 3000 in ≈ 40 s.
      const log = join(dir, 'acked.jsonl');
      const packets = 3000;
      const sim = startNode(
        [
          'simulate',
          ...fleet,
          ...['--target', `127.0.0.1:${port}`, '--time-scale', '600'],
          ...['--start-time', new Date(Date.now() - 86_400_000).toISOString()],
          ...['--packets', String(packets), '--over-time', '1', '--re-count', '90'],
          ...['--acked-log', log, '--json', '--progress', '0'],
        ],
        env,
        dir,
      );
      nodes.push(sim);
      const nc = await connect({ servers: natsUrl, timeout: 3000, maxReconnectAttempts: -1 });
      cleanups.push(() => nc.close());
      const jsm = await jetstreamManager(nc);
      const streamMessages = async (): Promise<number> =>
        (await jsm.streams.info(stream.LANTIAN_NATS_STREAM!)).state.messages;
      await until('the writer writes', async () => (await count(schema.pool, 'device_values')) > 0);
      await until('400 acknowledgements', () => lineCount(log) >= 400);

      // PostgreSQL cut for the writer: it pauses and retries, the stream holds the rest.
      await relay.cut();
      await writer.waitFor(/写入数据库失败，暂停并重试/, 30_000);
      await until('/readyz of the writer says 503', async () => (await readyz()).status === 503);
      expect((await readyz()).reason).toBe('数据库写入失败，重试中');
      const [db0, stream0, acked0] = [
        await count(schema.pool, 'device_values'),
        await streamMessages(),
        lineCount(log),
      ];
      await sleep(4000);
      expect(lineCount(log)).toBeGreaterThan(acked0 + 100);
      expect(await streamMessages()).toBeGreaterThan(stream0 + 100);
      expect(await count(schema.pool, 'device_values')).toBe(db0);
      expect(writer.child.exitCode).toBeNull();

      // NATS killed as well: the writer still does not end. NATS restarted on the same store.
      nats.kill('SIGKILL');
      await new Promise((r) => nats.once('exit', r));
      await sleep(6000);
      expect(writer.child.exitCode).toBeNull();
      expect((await readyz()).status).toBe(503);
      nats = startNats();
      const acked1 = lineCount(log);
      await until('acknowledgements resume', () => lineCount(log) > acked1 + 50, 60_000);
      await sleep(3000);
      expect(await count(schema.pool, 'device_values')).toBe(db0);
      expect(writer.child.exitCode).toBeNull();

      // PostgreSQL back: the writer catches up.
      await relay.restore();
      const code = await sim.exited;
      expect(code, sim.output()).toBe(0);
      expect(JSON.parse(sim.stdout()) as SimSummary).toMatchObject({
        sent: packets,
        acked: packets,
        failed: 0,
      });
      await until(
        'the writer catches up',
        async () => {
          const i = await jsm.consumers.info(stream.LANTIAN_NATS_STREAM!, 'writers');
          return i.num_pending === 0 && i.num_ack_pending === 0;
        },
        120_000,
      );
      expect(writer.child.exitCode).toBeNull();
      expect(relay.accepted).toBeGreaterThan(1);
      await until('/readyz of the writer says 200', async () => (await readyz()).status === 200);

      // Every acknowledged packet is in PostgreSQL exactly once.
      const acked = ackedRecords(log);
      expect(acked).toHaveLength(packets);
      const values = await pgValueRows(schema.pool);
      expect(missingAckedValues(acked, values)).toEqual([]);
      expect(values.length).toBe(ackedValueKeys(acked).size);
      expect(acked.some((a) => a.cn === '2061' && a.kind === 'air')).toBe(true);
      expect(
        missingAckedReadings(acked, await pgReadingRows(schema.pool), normalizePollutant),
      ).toEqual([]);
      expect(await streamMessages()).toBe(packets);

      // The roll-up and the CEMS projection of the writer are complete once it settled…
      let settled = await derivedRows(schema.pool);
      for (;;) {
        await sleep(6000);
        const again = await derivedRows(schema.pool);
        if (JSON.stringify(again) === JSON.stringify(settled)) break;
        settled = again;
      }
      expect(settled.daily.length).toBeGreaterThan(0);
      expect(settled.cems.length).toBeGreaterThan(0);
      const db = await openDb({ databaseUrl: schema.url });
      try {
        const stations = await db.kysely
          .selectFrom('stations')
          .innerJoin('regions', 'regions.adcode', 'stations.region_adcode')
          .select(['stations.id', 'regions.time_zone'])
          .execute();
        const days = [...new Set(settled.daily.map((r) => (r as { day: string }).day))].sort();
        const [from, to] = [addDays(days[0]!, -1), addDays(days.at(-1)!, 1)];
        for (const s of stations)
          await recomputeStationDays(db, { id: s.id, timeZone: s.time_zone }, from, to, 0);
        const now = Date.now();
        await projectRange(db, cemsConfig(), now - 3 * 86_400_000, now, now);
      } finally {
        await db.close();
      }
      expect(await derivedRows(schema.pool)).toEqual(settled);
      // …although they met the outage (a round with work failed, and was redone).
      expect(writer.output()).toMatch(/空气站日统计重算失败|CEMS 小时数据投影失败/);

      for (const n of [writer, ingest]) n.child.kill('SIGTERM');
      await Promise.all([writer.exited, ingest.exited]);
    },
  );
});
