/**
 * The roll-up and alerting consumers (issue 14, docs/scale.md "Roll-up and alerting consumers")
 * on real NATS JetStream and PostgreSQL, in process: the same HJ 212 frames (an air station's
 * hourly uploads over two local days, an outlet's hourly uploads with three hours over its SO2
 * limit) go once through the one-process path into schema A (store sink, RollupDebouncer, CEMS
 * projector, runAlarms) and once through JetStream into schema B (ingest with the JetStream sink,
 * a writer with LANTIAN_WRITER_ROLLUP=off, then `serve --role rollup` and `--role alerts`).
 * B's station_daily and cems_hours equal A's; the writer alone wrote none of them; one
 * exceedance alarm is raised, as in A. Then `lantian stream replay` (a real process) re-creates
 * both consumers from before the first frame: the roles process every message again, and nothing
 * in B changes (not even station_daily.computed_at) and no alarm or alarm event is added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStations } from '../src/air/station-repo.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createDevice } from '../src/devices/device-service.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { startNodeRole, openServerSink } from '../src/scale/roles.ts';
import type { RunningRole } from '../src/scale/running-role.ts';
import { scaleConfigFromEnv, type ScaleConfig } from '../src/scale/scale-config.ts';
import { runAlarms } from '../src/sources/alarms/alarm-runner.ts';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { CemsProjector } from '../src/sources/cems/cems-projector.ts';
import { HOUR_MS } from '../src/standards/local-date.ts';
import { openStore, type Db } from '../src/store/db.ts';
import { frame, PW, STATION, TestClient, upload, WHO } from './ingest-support.ts';
import { CFG, seedSources } from './sources-alarms-support.ts';
import {
  freshStream,
  killAll,
  NATS_URL,
  privateSchema,
  runLantian,
  startNode,
  type Node,
} from './support/scale-nodes.ts';

const MN_AIR = 'A1B2C3D4E5F6000000000C01';
const MN_OUTLET = 'WA0000000000000001'; // seedSources: the steel outlet's logger, SO2 limit 35
const INGEST = {
  host: '127.0.0.1',
  port: 0,
  archive: false as const,
  commitDelayMs: 2,
  rateLimit: { perSecond: 0, burst: 1 },
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seed(db: Db): Promise<void> {
  await seedSources(db);
  await upsertStations(
    db,
    [
      {
        code: STATION,
        name: '环境监测站',
        regionAdcode: '130400',
        kind: '国控',
        lon: 114.5,
        lat: 36.6,
        pollutants: ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'],
      },
    ],
    0,
  );
  await createDevice(
    db,
    systemClock,
    {
      mn: MN_AIR,
      kind: 'station',
      target: STATION,
      password: PW,
      edition: 'auto',
      crc: 'standard',
      intervalS: 3600,
    },
    WHO,
  );
}

/** 30 hourly air uploads and 6 hourly outlet uploads (hours 2–4 over the limit), all ended. */
function frames(now: number): Buffer[] {
  const top = Math.floor(now / HOUR_MS) * HOUR_MS;
  const out: Buffer[] = [];
  for (let i = 0; i < 30; i++) {
    const h = top - (32 - i) * HOUR_MS;
    out.push(
      frame(
        upload(MN_AIR, '2061', h, {
          a34004: { Avg: 30 + (i % 7), Flag: i === 5 ? 'D' : 'N' },
          a34002: { Avg: 70 + i, Flag: 'N' },
          a21026: { Avg: 8, Flag: 'N' },
          a21004: { Avg: 30 + (i % 3), Flag: 'N' },
          a21005: { Avg: 0.9, Flag: 'N' },
          a05024: { Avg: 40 + i, Flag: 'N' },
        }),
      ),
    );
  }
  const so2 = [20, 22, 40, 41, 42, 20];
  for (const [i, v] of so2.entries()) {
    const h = top - (9 - i) * HOUR_MS;
    out.push(
      frame(
        upload(
          MN_OUTLET,
          '2061',
          h,
          {
            a21026: { Avg: v, ZsAvg: v, Flag: 'N' },
            a19001: { Avg: 16, Flag: 'N' },
          },
          { st: '31' },
        ),
      ),
    );
  }
  return out;
}

async function send(port: number, data: Buffer[]): Promise<void> {
  const c = await TestClient.open(port);
  for (const f of data) {
    await c.write(f);
    await c.waitFor(c.received.length + 1);
  }
  const acks = c.received.length;
  c.close();
  expect(acks).toBe(data.length);
}

const dailyRows = (db: Db) =>
  db.kysely.selectFrom('station_daily').selectAll().orderBy('station_id').orderBy('day').execute();
const cemsRows = (db: Db) =>
  db.kysely
    .selectFrom('cems_hours')
    .select([
      'outlet_id',
      'pollutant',
      'hour',
      'avg',
      'zs_device',
      'zs_calc',
      'o2',
      'flag',
      'valid',
      'origin',
    ])
    .orderBy('outlet_id')
    .orderBy('pollutant')
    .orderBy('hour')
    .execute();
const exceedances = (db: Db) =>
  db.kysely
    .selectFrom('alarms')
    .select(['kind', 'outlet_id', 'pollutant', 'first_seen', 'last_seen', 'count', 'status'])
    .where('kind', '=', 'exceedance')
    .execute();
const alarmState = async (db: Db) => ({
  alarms: await db.kysely.selectFrom('alarms').selectAll().orderBy('id').execute(),
  events: (await db.kysely.selectFrom('alarm_events').select('id').execute()).length,
});
const withoutStamp = <T extends { computed_at: number }>(rows: T[]) =>
  rows.map(({ computed_at: _c, ...r }) => r);

/** A metric's value from a role's /metrics (real HTTP). */
async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
}

describe('scale: roll-up and alerting consumers read the stream and replay from a time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-consumers-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let dbA: Db;
  let dbB: Db;
  let env: Record<string, string>;
  let scale: ScaleConfig;
  let config: Config;
  const roles: RunningRole[] = [];

  beforeAll(async () => {
    const [a, b] = [await privateSchema(), await privateSchema()];
    cleanups.push(
      () => a.drop(),
      () => b.drop(),
    );
    dbA = await openStore({ databaseUrl: a.url });
    dbB = await openStore({ databaseUrl: b.url });
    cleanups.push(
      () => dbA.close(),
      () => dbB.close(),
    );
    await seed(dbA);
    await seed(dbB);
    const stream = freshStream();
    env = {
      ...stream,
      DATABASE_URL: b.url,
      LANTIAN_NATS_URL: NATS_URL,
      LANTIAN_LOG_LEVEL: 'warn',
      LANTIAN_METRICS_PORT: '0',
      LANTIAN_METRICS_HOST: '127.0.0.1',
      LANTIAN_WRITER_ROLLUP: 'off',
      LANTIAN_ROLLUP_CONSUMER: 'rollup',
      LANTIAN_ALERTS_CONSUMER: 'alerts',
      LANTIAN_ALERTS_MIN_INTERVAL_S: '0',
      LANTIAN_CONSUMER_BATCH: '10',
      LANTIAN_ALARMS_INTERVAL_S: '0',
    };
    scale = scaleConfigFromEnv(env);
    config = loadConfig(env);
    nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
    jsm = await jetstreamManager(nc);
    cleanups.push(async () => {
      await jsm.streams.delete(stream.LANTIAN_NATS_STREAM!).catch(() => undefined);
      await nc.close();
    });
  });
  afterAll(async () => {
    for (const r of roles.splice(0)) await r.stop().catch(() => undefined);
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a node role in process; its metrics port. */
  async function start(
    role: 'writer' | 'rollup' | 'alerts',
  ): Promise<{ r: RunningRole; port: number }> {
    let port = 0;
    const r = await startNodeRole(role, config, scale, (line) => {
      const m = line.match(/指标与健康检查端口 (\d+)/);
      if (m) port = Number(m[1]);
    });
    roles.push(r);
    return { r, port };
  }
  async function stop(r: RunningRole): Promise<void> {
    roles.splice(roles.indexOf(r), 1);
    await r.stop();
  }
  /** Waits until a durable consumer has nothing pending or unacknowledged. */
  async function drained(durable: string, ms = 60_000): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const i = await jsm.consumers.info(scale.stream.name, durable);
      if (i.num_pending === 0 && i.num_ack_pending === 0 && i.delivered.stream_seq > 0) return;
      if (Date.now() > until) throw new Error(`${durable} not drained: ${JSON.stringify(i)}`);
      await sleep(200);
    }
  }

  it(
    'rolls up and alerts as one process does, once; a replay changes nothing',
    { timeout: 240_000 },
    async () => {
      const t0 = Date.now();
      const data = frames(t0);

      // The one-process path into A.
      const cemsA = new CemsProjector(dbA, systemClock, cemsConfig(), { error: () => undefined });
      const one: Hj212Ingest = await startHj212Ingest(
        { db: dbA, clock: systemClock, committed: (v) => cemsA.note(v) },
        { ...INGEST, rollupDelayMs: 50 },
      );
      await send(one.port, data);
      await one.flushRollup();
      await one.stop();
      await cemsA.flush();
      await runAlarms(dbA, CFG, Date.now());

      // The stream path into B. The consumers exist before the first frame (created at new
      // messages) but do not run while the writer writes.
      for (const kind of ['rollup', 'alerts'] as const) await stop((await start(kind)).r);
      const writer = await start('writer');
      const sink = await openServerSink(scale, NATS_URL, pino({ level: 'silent' }));
      const ingest = await startHj212Ingest(
        { db: dbB, clock: systemClock },
        { ...INGEST, sink: sink.sink },
      );
      cleanups.push(() => sink.close());
      await send(ingest.port, data);
      await ingest.stop();
      await drained(scale.consumer);
      await sleep(1500); // a writer that did roll up would have done it by now (debounce 1 s)
      expect(await dailyRows(dbB)).toEqual([]);
      expect(await cemsRows(dbB)).toEqual([]);
      expect((await alarmState(dbB)).alarms).toEqual([]);

      const rollup = await start('rollup');
      const alerts = await start('alerts');
      await drained('rollup');
      await drained('alerts');
      const dailyA = await dailyRows(dbA);
      expect(dailyA.length).toBeGreaterThanOrEqual(2);
      expect(withoutStamp(await dailyRows(dbB))).toEqual(withoutStamp(dailyA));
      const cemsA2 = await cemsRows(dbA);
      expect(cemsA2.length).toBe(12); // 6 hours × SO2 and O2
      expect(await cemsRows(dbB)).toEqual(cemsA2);
      const exA = await exceedances(dbA);
      expect(exA).toHaveLength(1);
      expect(exA[0]).toMatchObject({ pollutant: 'a21026', count: 3, status: 'open' });
      expect(await exceedances(dbB)).toEqual(exA);
      expect(await metric(rollup.port, 'lantian_rollup_messages_total')).toBe(data.length);
      expect(await metric(rollup.port, 'lantian_rollup_stream_lag')).toBeGreaterThanOrEqual(0);
      expect(await metric(alerts.port, 'lantian_alerts_opened_total')).toBeGreaterThanOrEqual(1);
      expect((await fetch(`http://127.0.0.1:${rollup.port}/readyz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${alerts.port}/readyz`);
      expect(await ready.json()).toEqual({ role: 'alerts', ready: true });

      // Replay both consumers from before the first frame, through the CLI.
      const before = {
        daily: await dailyRows(dbB),
        cems: await cemsRows(dbB),
        alarms: await alarmState(dbB),
      };
      await stop(rollup.r);
      await stop(alerts.r);
      const from = new Date(t0 - 60_000).toISOString();
      for (const kind of ['rollup', 'alerts']) {
        const out = await runLantian(
          ['stream', 'replay', '--consumer', kind, '--from', from],
          env,
          dir,
        );
        expect(out).toContain(`流中有 ${data.length} 条消息待重新处理`);
      }
      const status = await runLantian(['stream', 'status'], env, dir);
      expect(status).toContain(`流 ${scale.stream.name}：${data.length} 条消息`);
      expect(status).toMatch(/消费者 rollup（汇总）：积压 (\d+)/);
      expect(status.match(/消费者 rollup（汇总）：积压 (\d+)/)![1]).toBe(String(data.length));
      expect(status).toMatch(/消费者 writers（写入）：积压 0/);
      await expect(
        runLantian(['stream', 'replay', '--consumer', 'writer', '--from', from], env, dir),
      ).rejects.toThrow(/LT_ERR_STREAM_BAD_CONSUMER|消费者不正确/);
      await expect(
        runLantian(
          ['stream', 'replay', '--consumer', 'rollup', '--from', '2026-12-01 00:00'],
          env,
          dir,
        ),
      ).rejects.toThrow(/重放起始时间不正确/);

      const rollup2 = await start('rollup');
      const alerts2 = await start('alerts');
      await drained('rollup');
      await drained('alerts');
      expect(await metric(rollup2.port, 'lantian_rollup_messages_total')).toBe(data.length);
      expect(
        await metric(rollup2.port, 'lantian_rollup_station_days_recomputed_total'),
      ).toBeGreaterThanOrEqual(before.daily.length);
      expect(await metric(rollup2.port, 'lantian_rollup_station_days_written_total')).toBe(0);
      expect(await metric(alerts2.port, 'lantian_alerts_messages_total')).toBe(data.length);
      expect(await metric(alerts2.port, 'lantian_alerts_runs_total')).toBeGreaterThanOrEqual(1);
      expect(await metric(alerts2.port, 'lantian_alerts_opened_total')).toBe(0);
      expect(await dailyRows(dbB)).toEqual(before.daily);
      expect(await cemsRows(dbB)).toEqual(before.cems);
      const after = await alarmState(dbB);
      expect(after.events).toBe(before.alarms.events);
      expect(after.alarms.map(({ updated_at: _u, ...a }) => a)).toEqual(
        before.alarms.alarms.map(({ updated_at: _u, ...a }) => a),
      );
      await stop(writer.r);
    },
  );

  it(
    'serve --role rollup and --role alerts run as processes with health and lag metrics',
    { timeout: 120_000 },
    async () => {
      const nodes: Node[] = (['rollup', 'alerts'] as const).map((role) =>
        startNode(['serve', '--role', role, '--metrics-port', '0'], env, dir),
      );
      try {
        for (const [i, role] of (['rollup', 'alerts'] as const).entries()) {
          const n = nodes[i]!;
          await n.waitFor(role === 'rollup' ? /汇总节点运行中/ : /告警节点运行中/, 90_000);
          const port = Number((await n.waitFor(/指标与健康检查端口 (\d+)/))[1]);
          expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({
            role,
            ok: true,
          });
          expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
          await sleep(2500); // the lag is polled every 2 s
          expect(await metric(port, `lantian_${role}_stream_lag`)).toBe(0);
          n.child.kill('SIGTERM');
          expect(await n.exited).toBe(0);
        }
      } finally {
        killAll(nodes);
      }
    },
  );
});
