/**
 * Connecting to NATS and setting up the stream, with retry and back-off: a role does not start
 * its work (an ingest node does not open its device port, so nothing is acknowledged) until both
 * succeeded. Each failed attempt is logged in Chinese with the URL and the next delay. After the
 * first connection the client reconnects by itself, forever.
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';

/** Back-off of attempt n (1-based): 250 ms doubling to 5 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.min(attempt - 1, 5));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `step` until it succeeds (or `stopped()`), logging each failure with `what`. */
export async function withRetry<T>(
  what: string,
  step: () => Promise<T>,
  log: IngestLog,
  stopped: () => boolean = () => false,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (e) {
      if (stopped()) throw e;
      const delay = retryDelayMs(attempt);
      const err = e instanceof Error ? e.message : String(e);
      log.error({ attempt, err, retryInMs: delay }, `${what}失败：${err}；${delay} 毫秒后重试`);
      await sleep(delay);
    }
  }
}

/** Connects (retrying until it succeeds); the connection then reconnects by itself. */
export function connectNats(
  url: string,
  name: string,
  log: IngestLog,
  stopped?: () => boolean,
): Promise<NatsConnection> {
  const servers = url.split(',').map((s) => s.trim());
  return withRetry(
    `连接 NATS 服务器 ${url}（连上之前不接收设备数据、不应答）`,
    () =>
      connect({
        servers,
        name,
        timeout: 2000,
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        pingInterval: 5000,
        maxPingOut: 2,
      }),
    log,
    stopped,
  );
}

/** Logs disconnects and reconnects of a connection (in Chinese) until it closes. */
export function watchNats(nc: NatsConnection, log: IngestLog, up: (on: boolean) => void): void {
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        up(false);
        log.error({ server: s.server }, 'NATS 连接断开，重连中（期间不应答设备）');
      } else if (s.type === 'reconnect') {
        up(true);
        log.warn({ server: s.server }, 'NATS 已重新连接');
      }
    }
  })();
}
