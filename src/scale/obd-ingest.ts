/**
 * The truck listener of an ingest node (`serve --role ingest` with LANTIAN_TRUCKS_LISTEN on):
 * the same GB 17691 / HJ 1239 listener as in one process (src/trucks/listener/server.ts), with
 * the JetStream sink behind its commit seam instead of the archive and the database: each
 * accepted frame goes to the OBD stream, and a terminal's reply is written only after JetStream
 * acknowledged the frame. The stream is created (or updated) before the port opens.
 */
import { pino } from 'pino';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import { startTruckListener, type TruckListener } from '../trucks/listener/server.ts';
import type { Metrics } from './metrics.ts';
import { withRetry } from './nats-connect.ts';
import type { NatsSession } from './nats-session.ts';
import { obdJetStreamSink } from './obd-jetstream-sink.ts';
import type { ScaleConfig } from './scale-config.ts';
import { ensureStream } from './stream-setup.ts';

/** Starts the truck listener publishing to the OBD stream. */
export async function startObdIngest(
  config: Config,
  scale: ScaleConfig,
  session: NatsSession,
  db: Db,
  metrics: Metrics,
  stopped: () => boolean,
): Promise<TruckListener> {
  const log = pino({ level: config.logLevel, name: 'trucks' });
  const stream = scale.obdStream;
  await withRetry(
    `在 NATS 上创建或更新 JetStream 流 ${stream.name}`,
    () => ensureStream(session.jsm, stream),
    log,
    stopped,
  );
  const sink = obdJetStreamSink(session.js, stream.subjectPrefix, scale.publishTimeoutMs, metrics);
  const trucks = await startTruckListener({ db, clock: systemClock, log, sink }, config.trucks);
  metrics.gauge(
    'lantian_ingest_obd_frames_total',
    'Truck frames accepted',
    () => trucks.snapshot().framesAccepted,
    'counter',
  );
  metrics.gauge(
    'lantian_ingest_obd_connections',
    'Terminal and platform connections open',
    () => trucks.snapshot().connections,
  );
  return trucks;
}
