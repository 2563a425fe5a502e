/**
 * What `serve --role rollup` and `serve --role alerts` share: the operations port (/healthz,
 * /readyz, /metrics), the store, the NATS session, the role's own durable consumer (created at the
 * stream's new messages on first start, left as it is afterwards: `lantian stream replay` may
 * have set it to a start time), the consumer's lag polled for /metrics every 2 s, and the reader
 * loop (stream-reader.ts) that waits for the writers' commit before the role's work.
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config.ts';
import type { IngestBatch } from '../ingest/hj212/value-batch.ts';
import { openStore, type Db } from '../store/db.ts';
import type { ConsumerKind } from './consumer-config.ts';
import { startHealthServer } from './health-server.ts';
import { Metrics } from './metrics.ts';
import { withRetry } from './nats-connect.ts';
import { openNatsSession } from './nats-session.ts';
import { ackFloor, ensureReaderConsumer, readerLimitsOf } from './reader-consumer.ts';
import type { RunningRole } from './running-role.ts';
import type { ScaleConfig } from './scale-config.ts';
import { readerMetrics, startStreamReader } from './stream-reader.ts';

const LAG_POLL_MS = 2000;

/** The work of a reader role on each batch. */
export interface ReaderWork {
  handle(batch: IngestBatch): Promise<void>;
  /** Milliseconds to wait before the next fetch. */
  pauseMs?(): number;
  stop(): Promise<void>;
}

/** What a role's work is made from. */
export interface ReaderWorkDeps {
  db: Db;
  metrics: Metrics;
  log: Logger;
}

/** Starts a reader role whose work `makeWork` builds once the store is open. */
export async function startReaderRole(
  kind: ConsumerKind,
  config: Config,
  scale: ScaleConfig,
  natsUrl: string,
  say: (line: string) => void,
  makeWork: (deps: ReaderWorkDeps) => Promise<ReaderWork>,
): Promise<RunningRole> {
  const log = pino({ level: config.logLevel, name: kind });
  const metrics = new Metrics();
  const durable = scale.consumers.durable[kind];
  let stopped = false;
  let natsUp = (): boolean => false;
  let workOk = (): boolean => false;
  let pending: number | null = null;
  let ackPending: number | null = null;
  let waiting = (): boolean => false;
  metrics.gauge(
    `lantian_${kind}_stream_lag`,
    `Messages of the stream not yet delivered to ${kind}`,
    () => pending,
  );
  metrics.gauge(
    `lantian_${kind}_ack_pending`,
    'Messages delivered and not yet acknowledged',
    () => ackPending,
  );
  metrics.gauge(
    `lantian_${kind}_waiting_for_writers`,
    '1 while a batch waits for the writers to commit it',
    () => (waiting() ? 1 : 0),
  );
  const health = await startHealthServer(scale.metricsHost, scale.metricsPort, kind, metrics, () =>
    !natsUp() ? 'NATS 未连接' : !workOk() ? '处理失败，重试中' : null,
  );
  say(`指标与健康检查端口 ${health.port}`);
  try {
    const db = await openStore({
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      sqliteSynchronous: config.sqliteSynchronous,
    });
    db.pg?.on('error', (e) => log.error({ err: e.message }, '数据库连接中断（将重新连接）'));
    const session = await openNatsSession(
      natsUrl,
      `lantian-${kind}`,
      scale,
      log,
      metrics,
      () => stopped,
    );
    natsUp = session.up;
    const { name: stream } = scale.stream;
    const { batch, ackWaitS } = scale.consumers;
    const created = await withRetry(
      `创建持久消费者 ${durable}`,
      () => ensureReaderConsumer(session.jsm, stream, durable, readerLimitsOf(scale.consumers)),
      log,
      () => stopped,
    );
    if (created)
      say(
        `已创建持久消费者 ${durable}（从流中的新消息开始；更早的消息用 lantian stream replay 重新处理）`,
      );
    const consumer = await session.js.consumers.get(stream, durable);
    const work = await makeWork({ db, metrics, log });
    const reader = startStreamReader(
      {
        consumer,
        batchSize: batch,
        log,
        keepAliveMs: (ackWaitS * 1000) / 3,
        writersFloor: () => ackFloor(session.jsm, stream, scale.consumer),
        handle: (b) => work.handle(b),
        ...(work.pauseMs ? { pauseMs: () => work.pauseMs!() } : {}),
      },
      readerMetrics(metrics, kind),
    );
    workOk = () => reader.workOk;
    waiting = () => reader.waiting;
    const pollLag = (): Promise<void> =>
      session.jsm.consumers.info(stream, durable).then(
        (i) => {
          pending = i.num_pending;
          ackPending = i.num_ack_pending;
        },
        () => undefined,
      );
    // Once before saying the node runs, so /metrics shows the lag from the start.
    await pollLag();
    const lag = setInterval(() => void pollLag(), LAG_POLL_MS);
    lag.unref();
    say(
      `${kind === 'rollup' ? '汇总' : '告警'}节点已启动：流 ${stream}，消费者 ${durable}，在写入消费者 ${scale.consumer} 提交之后处理`,
    );
    return {
      role: kind,
      async stop() {
        stopped = true;
        clearInterval(lag);
        await reader.stop();
        await work.stop();
        await session.close();
        await db.close();
        await health.close();
      },
    };
  } catch (e) {
    stopped = true;
    await health.close();
    throw e;
  }
}
