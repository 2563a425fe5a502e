/**
 * `serve --role writer`: durable pull consumer → store (stream-writer.ts), plus what the one
 * process does after a commit: the debounced daily roll-up of air stations and the CEMS hourly
 * projection. Several writer processes share one durable consumer (LANTIAN_NATS_CONSUMER).
 * Consumer lag (pending and unacknowledged messages) is polled for /metrics every 2 s. With
 * LANTIAN_WRITER_ROLLUP=off the roll-up and projection are left to `serve --role rollup`.
 * With LANTIAN_TRUCKS_LISTEN on, the node also stores the truck stream (obd-writer.ts).
 */
import { pino } from 'pino';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { DeviceCache } from '../ingest/hj212/device-cache.ts';
import { RollupDebouncer } from '../ingest/hj212/rollup-debouncer.ts';
import { storeSink } from '../ingest/hj212/sink-factory.ts';
import { cemsConfig } from '../sources/cems/cems-config.ts';
import { CemsProjector } from '../sources/cems/cems-projector.ts';
import { openStore } from '../store/db.ts';
import { startHealthServer } from './health-server.ts';
import { Metrics } from './metrics.ts';
import { withRetry } from './nats-connect.ts';
import { openNatsSession } from './nats-session.ts';
import { startObdWriter } from './obd-writer.ts';
import type { RunningRole } from './running-role.ts';
import type { ScaleConfig } from './scale-config.ts';
import { ensureConsumer } from './stream-setup.ts';
import { startStreamWriter, writerMetrics } from './stream-writer.ts';

const CEMS_PROJECT_MS = 5000;
const CEMS_CATCH_UP_HOURS = 3;
const LAG_POLL_MS = 2000;
const REGISTRY_REFRESH_MS = 30_000;

/** Starts a writer. */
export async function startWriterRole(
  config: Config,
  scale: ScaleConfig,
  natsUrl: string,
  say: (line: string) => void,
  extra?: Metrics,
): Promise<RunningRole> {
  const log = pino({ level: config.logLevel, name: 'writer' });
  const metrics = new Metrics();
  // `serve --role all`: the ingest side's metrics on the same /metrics.
  if (extra) metrics.include(extra);
  let stopped = false;
  let natsUp = (): boolean => false;
  let storeOk = (): boolean => false;
  let pending: number | null = null;
  let ackPending: number | null = null;
  metrics.gauge(
    'lantian_writer_stream_lag',
    'Messages of the stream not yet delivered to a writer',
    () => pending,
  );
  metrics.gauge(
    'lantian_writer_ack_pending',
    'Messages delivered and not yet acknowledged',
    () => ackPending,
  );
  const health = await startHealthServer(
    scale.metricsHost,
    scale.metricsPort,
    'writer',
    metrics,
    () => (!natsUp() ? 'NATS 未连接' : !storeOk() ? '数据库写入失败，重试中' : null),
  );
  say(`指标与健康检查端口 ${health.port}`);
  try {
    const db = await openStore({
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      sqliteSynchronous: config.sqliteSynchronous,
    });
    // An idle pooled connection that breaks (PostgreSQL restarted) must not end the process.
    db.pg?.on('error', (e) => log.error({ err: e.message }, '数据库连接中断（将重新连接）'));
    const session = await openNatsSession(
      natsUrl,
      'lantian-writer',
      scale,
      log,
      metrics,
      () => stopped,
    );
    natsUp = session.up;
    const { name: stream } = scale.stream;
    await withRetry(
      `创建或更新持久消费者 ${scale.consumer}`,
      () =>
        ensureConsumer(session.jsm, stream, scale.consumer, scale.ackWaitS, scale.maxAckPending),
      log,
      () => stopped,
    );
    const consumer = await session.js.consumers.get(stream, scale.consumer);
    const now = (): number => systemClock.now();
    const cache = new DeviceCache(db, { perSecond: 1, burst: 1 }, now);
    await cache.reload();
    const rollupHere = scale.consumers.writerRollup;
    const rollup = new RollupDebouncer(
      db,
      (id) => cache.stationTimeZone(id),
      config.hj212.rollupDelayMs ?? 1000,
      now,
      log,
    );
    const cems = new CemsProjector(
      db,
      systemClock,
      cemsConfig(),
      pino({ level: config.logLevel, name: 'cems' }),
    );
    if (rollupHere) {
      await cems.catchUp(CEMS_CATCH_UP_HOURS);
      cems.start(CEMS_PROJECT_MS);
    }
    const sink = await storeSink(db, config.hj212.sqliteWriter);
    const writer = startStreamWriter(
      {
        consumer,
        sink,
        batchSize: scale.writerBatch,
        log,
        metrics,
        committed(batch, result) {
          if (!rollupHere) return;
          if (result.changed.length > 0) rollup.add(result.changed);
          cems.note(batch);
        },
      },
      writerMetrics(metrics),
    );
    const trucks = config.trucks.listen
      ? await startObdWriter(config, scale, session, db, metrics, () => stopped)
      : undefined;
    storeOk = () => writer.storeOk && (trucks?.storeOk() ?? true);
    const pollLag = (): Promise<void> =>
      session.jsm.consumers.info(stream, scale.consumer).then(
        (i) => {
          pending = i.num_pending;
          ackPending = i.num_ack_pending;
        },
        () => undefined,
      );
    // Once before saying the node runs, so /metrics shows the lag from the start.
    await pollLag();
    const timers = [
      setInterval(() => void pollLag(), LAG_POLL_MS),
      setInterval(() => void cache.reload().catch(() => undefined), REGISTRY_REFRESH_MS),
    ];
    for (const t of timers) t.unref();
    say(`写入节点已启动：流 ${stream}，消费者 ${scale.consumer}`);
    if (!rollupHere)
      say('写入节点不做日统计与 CEMS 小时投影（LANTIAN_WRITER_ROLLUP=off，由 rollup 节点负责）');
    return {
      role: 'writer',
      async stop() {
        stopped = true;
        for (const t of timers) clearInterval(t);
        await writer.stop();
        await trucks?.stop();
        await rollup.stop();
        await cems.stop();
        await sink.close?.();
        await session.close();
        await db.close();
        await health.close();
      },
    };
  } catch (e) {
    // Nothing was acknowledged yet; let the process end with the error.
    stopped = true;
    await health.close();
    throw e;
  }
}
