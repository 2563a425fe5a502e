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

async function fetchBatch(consumer: Consumer, max: number): Promise<JsMsg[]> {
  const out: JsMsg[] = [];
  const it = await consumer.fetch({ max_messages: max, expires: FETCH_EXPIRES_MS });
  for await (const m of it) out.push(m);
  return out;
}

/** Runs the loop until `stopped()`; resolves after the last batch was handled. */
export async function runPullLoop(d: PullLoopDeps): Promise<void> {
  for (let attempt = 1; !d.stopped();) {
    let msgs: JsMsg[];
    try {
      msgs = await fetchBatch(d.consumer, d.batchSize);
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
