/**
 * `serve --role ingest`: the HJ 212 listener without HTTP, publishing every accepted frame to
 * JetStream (jetstream-sink.ts) and acknowledging only after JetStream did; with
 * LANTIAN_TRUCKS_LISTEN on, the truck listener too (obd-ingest.ts, its own stream). The device port opens
 * only once NATS and the stream are there; until then nothing is acknowledged. The operations
 * port answers /healthz, /readyz and /metrics from the start.
 */
import { pino } from 'pino';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { startHj212Ingest, type Hj212Ingest } from '../ingest/hj212/server.ts';
import { openStore } from '../store/db.ts';
import { commandSettingsFromEnv } from './command-config.ts';
import { startCommandRelay } from './command-relay.ts';
import { startHealthServer } from './health-server.ts';
import { ingestGauges } from './ingest-gauges.ts';
import { jetStreamSink } from './jetstream-sink.ts';
import { Metrics } from './metrics.ts';
import { openNatsSession } from './nats-session.ts';
import { startObdIngest } from './obd-ingest.ts';
import type { RunningRole } from './running-role.ts';
import type { ScaleConfig } from './scale-config.ts';

/** Starts an ingest node. */
export async function startIngestRole(
  config: Config,
  scale: ScaleConfig,
  natsUrl: string,
  say: (line: string) => void,
): Promise<RunningRole> {
  const log = pino({ level: config.logLevel, name: 'hj212' });
  const metrics = new Metrics();
  let ingest: Hj212Ingest | undefined;
  let stopped = false;
  let natsUp = (): boolean => false;
  const health = await startHealthServer(
    scale.metricsHost,
    scale.metricsPort,
    'ingest',
    metrics,
    () => (!natsUp() ? 'NATS 未连接' : ingest === undefined ? 'HJ 212 端口尚未打开' : null),
  );
  say(`指标与健康检查端口 ${health.port}`);
  try {
    const session = await openNatsSession(
      natsUrl,
      'lantian-ingest',
      scale,
      log,
      metrics,
      () => stopped,
    );
    natsUp = session.up;
    const sink = jetStreamSink(
      session.js,
      scale.stream.subjectPrefix,
      scale.publishTimeoutMs,
      metrics,
    );
    const db = await openStore({
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      sqliteSynchronous: config.sqliteSynchronous,
    });
    // An idle pooled connection that breaks (PostgreSQL restarted) must not end the process.
    db.pg?.on('error', (e) => log.error({ err: e.message }, '数据库连接中断（将重新连接）'));
    ingest = await startHj212Ingest({ db, clock: systemClock, log }, { ...config.hj212, sink });
    const running = ingest;
    ingestGauges(metrics, running);
    // Device commands of the API nodes, for the devices connected here (command-relay.ts).
    const relay = startCommandRelay(session.nc, commandSettingsFromEnv(process.env), running, log);
    say(`HJ 212 监听端口 ${ingest.port}`);
    const trucks = config.trucks.listen
      ? await startObdIngest(config, scale, session, db, metrics, () => stopped)
      : undefined;
    if (trucks) say(`重型车终端监听端口 ${trucks.port}（报文发布到 ${scale.obdStream.name}）`);
    return {
      role: 'ingest',
      async stop() {
        stopped = true;
        await relay.close();
        await trucks?.stop();
        await running.stop();
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
