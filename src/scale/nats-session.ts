/**
 * A role's NATS session: connect (retrying), create or update the stream (retrying), and keep
 * track of whether the connection is up (for /readyz and the lantian_nats_connected gauge).
 */
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import type { Metrics } from './metrics.ts';
import { connectNats, watchNats, withRetry } from './nats-connect.ts';
import type { ScaleConfig } from './scale-config.ts';
import { ensureStream } from './stream-setup.ts';

/** A connected session. */
export interface NatsSession {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** True while connected. */
  readonly up: () => boolean;
  close(): Promise<void>;
}

/** Connects and sets up the stream; resolves once both succeeded (retrying meanwhile). */
export async function openNatsSession(
  url: string,
  name: string,
  scale: ScaleConfig,
  log: IngestLog,
  metrics: Metrics,
  stopped: () => boolean,
): Promise<NatsSession> {
  let up = false;
  metrics.gauge('lantian_nats_connected', '1 while the NATS connection is up', () => (up ? 1 : 0));
  const nc = await connectNats(url, name, log, stopped);
  up = true;
  watchNats(nc, log, (on) => (up = on));
  const jsm = await withRetry(
    `在 NATS 上创建或更新 JetStream 流 ${scale.stream.name}`,
    async () => {
      const m = await jetstreamManager(nc);
      await ensureStream(m, scale.stream);
      return m;
    },
    log,
    stopped,
  );
  log.info({ stream: scale.stream.name, url }, 'NATS 已连接，JetStream 流已就绪');
  return {
    nc,
    js: jetstream(nc),
    jsm,
    up: () => up,
    close: () => nc.drain().catch(() => nc.close()),
  };
}
