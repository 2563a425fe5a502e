/**
 * The loop of a roll-up or alerting consumer: fetch a batch from its own durable consumer, read
 * the messages into an IngestBatch (the same rows the writers store), wait until the writers have
 * committed every message of the batch (their consumer's ack floor reached the batch's highest
 * stream sequence: writers acknowledge only after COMMIT), then hand the batch to the role's work
 * — which recomputes from the store, idempotently — and acknowledge only after that work
 * succeeded. Meanwhile the messages are kept in progress (`working()`), so that JetStream does
 * not hand them out again. A failed work is retried with back-off; a reader stopped or killed
 * before acknowledging gets the batch again (the work is idempotent).
 */
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import { IngestBatch } from '../ingest/hj212/value-batch.ts';
import { appendMessage, type FrameMessage, type QuarantineMessage } from './frame-message.ts';
import { SECONDS_BUCKETS, SIZE_BUCKETS, type Metrics } from './metrics.ts';
import { retryDelayMs } from './nats-connect.ts';
import { pauseUnlessStopped, runPullLoop } from './pull-loop.ts';

const FLOOR_POLL_MS = 250;
const WAIT_LOG_MS = 30_000;

/** What a reader loop needs. */
export interface StreamReaderDeps {
  consumer: Consumer;
  batchSize: number;
  log: IngestLog;
  /** Interval of `working()` on the messages held (a third of the ack wait). */
  keepAliveMs: number;
  /** The writers' ack floor (stream sequence), read fresh each call. */
  writersFloor(): Promise<number>;
  /** The role's work on a batch; resolves once what it wrote is committed. */
  handle(batch: IngestBatch): Promise<void>;
  /** Milliseconds to wait before the next fetch (0: none). */
  pauseMs?(): number;
}

/** A running reader loop. */
export interface StreamReader {
  /** False while the last work failed. */
  readonly workOk: boolean;
  /** True while a batch waits for the writers' commit. */
  readonly waiting: boolean;
  stop(): Promise<void>;
}

/** Counters of one reader. */
export interface ReaderMetrics {
  messages: { inc(by?: number): void };
  redelivered: { inc(by?: number): void };
  batches: { inc(by?: number): void };
  failures: { inc(by?: number): void };
  undecodable: { inc(by?: number): void };
  batchSize: { observe(v: number): void };
  work: { observe(v: number): void };
}

/** Registers the metrics of a reader whose names start with `lantian_<kind>_`. */
export function readerMetrics(m: Metrics, kind: string): ReaderMetrics {
  const n = (s: string): string => `lantian_${kind}_${s}`;
  return {
    messages: m.counter(n('messages_total'), 'Messages processed and acknowledged'),
    redelivered: m.counter(n('redelivered_total'), 'Messages that came again'),
    batches: m.counter(n('batches_total'), 'Batches processed'),
    failures: m.counter(n('work_failures_total'), 'Batch runs that failed and were retried'),
    undecodable: m.counter(n('rejected_total'), 'Messages that could not be read (terminated)'),
    batchSize: m.histogram(n('batch_messages'), 'Messages per processed batch', SIZE_BUCKETS),
    work: m.histogram(n('work_seconds'), 'Time to process a batch', SECONDS_BUCKETS),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts one reader loop. */
export function startStreamReader(deps: StreamReaderDeps, rm: ReaderMetrics): StreamReader {
  let stopped = false;
  let workOk = true;
  let waiting = false;
  const dec = new TextDecoder();

  function decode(msgs: JsMsg[]): { batch: IngestBatch; good: JsMsg[] } {
    const batch = new IngestBatch();
    const good: JsMsg[] = [];
    for (const m of msgs) {
      try {
        appendMessage(batch, JSON.parse(dec.decode(m.data)) as FrameMessage | QuarantineMessage);
      } catch (e) {
        rm.undecodable.inc();
        deps.log.error(
          { seq: m.seq, subject: m.subject, err: (e as Error).message },
          '无法解析的消息，已终止投递',
        );
        m.term();
        continue;
      }
      if (m.redelivered) rm.redelivered.inc();
      good.push(m);
    }
    return { batch, good };
  }

  /** Waits until the writers committed up to `seq`; false when stopped meanwhile. */
  async function writersCommitted(seq: number): Promise<boolean> {
    const since = Date.now();
    let logged = false;
    for (let attempt = 1; !stopped;) {
      try {
        const floor = await deps.writersFloor();
        attempt = 1;
        if (floor >= seq) return true;
        waiting = true;
        if (!logged && Date.now() - since > WAIT_LOG_MS) {
          logged = true;
          deps.log.warn({ floor, seq }, '等待写入节点提交本批消息（写入消费者的确认位置未到）');
        }
        await sleep(FLOOR_POLL_MS);
      } catch (e) {
        const delay = retryDelayMs(attempt++);
        deps.log.error({ err: (e as Error).message, retryInMs: delay }, '读取写入消费者状态失败');
        await sleep(delay);
      }
    }
    return false;
  }

  async function processBatch(msgs: JsMsg[]): Promise<void> {
    const { batch, good } = decode(msgs);
    if (good.length === 0) return;
    const keepAlive = setInterval(() => {
      for (const m of good) m.working();
    }, deps.keepAliveMs);
    try {
      const ready = await writersCommitted(Math.max(...good.map((m) => m.seq)));
      waiting = false;
      if (!ready) return;
      for (let attempt = 1; !stopped; attempt++) {
        const t0 = performance.now();
        try {
          await deps.handle(batch);
          rm.work.observe((performance.now() - t0) / 1000);
          workOk = true;
          for (const m of good) m.ack();
          rm.messages.inc(good.length);
          rm.batches.inc();
          rm.batchSize.observe(good.length);
          return;
        } catch (e) {
          workOk = false;
          rm.failures.inc();
          const delay = retryDelayMs(attempt);
          deps.log.error(
            { attempt, err: (e as Error).message, retryInMs: delay, messages: good.length },
            '处理本批消息失败，稍后重试（消息未确认）',
          );
          await sleep(delay);
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  const loop = runPullLoop({
    consumer: deps.consumer,
    batchSize: deps.batchSize,
    log: deps.log,
    what: '消息',
    stopped: () => stopped,
    async handle(msgs) {
      await processBatch(msgs);
      await pauseUnlessStopped(deps.pauseMs?.() ?? 0, () => stopped);
    },
  });

  return {
    get workOk() {
      return workOk;
    },
    get waiting() {
      return waiting;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
