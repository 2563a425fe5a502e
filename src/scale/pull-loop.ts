/**
 * The fetch loop every stream consumer of a role runs (the HJ 212 writers, the truck writer, the
 * roll-up and alerting readers): fetch up to `batchSize` messages from the durable pull consumer
 * (waiting at most a second), hand them to `handle`, and when a fetch fails (NATS down, the
 * consumer being re-created) log it in Chinese and retry with back-off. Ends once `stopped()`.
 */
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import { retryDelayMs } from './nats-connect.ts';

/** What a pull loop needs. */
export interface PullLoopDeps {
  consumer: Consumer;
  batchSize: number;
  log: IngestLog;
  /** What is fetched, for the log line (e.g. 消息, 重型车消息). */
  what: string;
  stopped(): boolean;
  /** Called with every non-empty batch; the next fetch waits for it. */
  handle(msgs: JsMsg[]): Promise<void>;
}

const FETCH_EXPIRES_MS = 1000;

/** A pause that returns as soon as `stopped()` (checked every 200 ms). */
export async function pauseUnlessStopped(ms: number, stopped: () => boolean): Promise<void> {
  for (const until = Date.now() + ms; !stopped() && Date.now() < until;)
    await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
}

/**
 * One fetch. A fetch can end with an error after some messages arrived (the client stops it
 * when heartbeats are missed, e.g. a busy event loop): those messages are returned with the
 * error, not dropped — dropped, they would wait the whole ack wait for redelivery.
 */
async function fetchBatch(
  consumer: Consumer,
  max: number,
): Promise<{ msgs: JsMsg[]; error?: unknown }> {
  const msgs: JsMsg[] = [];
  try {
    const it = await consumer.fetch({ max_messages: max, expires: FETCH_EXPIRES_MS });
    for await (const m of it) msgs.push(m);
    return { msgs };
  } catch (error) {
    if (msgs.length === 0) throw error;
    return { msgs, error };
  }
}

/** Runs the loop until `stopped()`; resolves after the last batch was handled. */
export async function runPullLoop(d: PullLoopDeps): Promise<void> {
  for (let attempt = 1; !d.stopped();) {
    let msgs: JsMsg[];
    try {
      const got = await fetchBatch(d.consumer, d.batchSize);
      if (got.error !== undefined)
        d.log.warn(
          { err: (got.error as Error).message, messages: got.msgs.length },
          `从 NATS 拉取${d.what}中途中断，先处理已收到的部分`,
        );
      msgs = got.msgs;
      attempt = 1;
    } catch (e) {
      if (d.stopped()) break;
      const delay = retryDelayMs(attempt++);
      d.log.error(
        { err: (e as Error).message, retryInMs: delay },
        `从 NATS 拉取${d.what}失败，稍后重试`,
      );
      await pauseUnlessStopped(delay, d.stopped);
      continue;
    }
    if (msgs.length > 0) await d.handle(msgs);
  }
}
