/**
 * A writer: fetches batches from the durable pull consumer all writers share (JetStream hands
 * each message to one of them), writes each batch into the store in one transaction through the
 * store sink (PostgreSQL: unnest() upserts keyed by the frame's identity — device, CN, code,
 * DataTime — so a redelivered message changes nothing) and acknowledges the messages only after
 * COMMIT. A writer killed mid-batch leaves its messages unacknowledged: JetStream redelivers them
 * after ack_wait. Store down: the batch is retried with back-off, its messages kept in progress
 * (`working()`), the stream holds the rest; the writer catches up once the store is back. What
 * a commit changed goes to the daily roll-up and the CEMS projector, as in one process.
 */
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import type { IngestSink, SinkResult } from '../ingest/hj212/ingest-sink.ts';
import { IngestBatch } from '../ingest/hj212/value-batch.ts';
import { appendMessage, type FrameMessage, type QuarantineMessage } from './frame-message.ts';
import { SECONDS_BUCKETS, SIZE_BUCKETS, type Metrics } from './metrics.ts';
import { retryDelayMs } from './nats-connect.ts';
import { runPullLoop } from './pull-loop.ts';

/** What a writer loop needs. */
export interface StreamWriterDeps {
  consumer: Consumer;
  sink: IngestSink;
  batchSize: number;
  log: IngestLog;
  metrics: Metrics;
  /** Told after each COMMIT (roll-up, CEMS projector). */
  committed(batch: IngestBatch, result: SinkResult): void;
}

/** A running writer loop. */
export interface StreamWriter {
  /** False while the last store write failed. */
  readonly storeOk: boolean;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Shared counters of the writer loops of one process. */
export interface WriterMetrics {
  messages: { inc(by?: number): void };
  redelivered: { inc(by?: number): void };
  batches: { inc(by?: number): void };
  failures: { inc(by?: number): void };
  undecodable: { inc(by?: number): void };
  batchSize: { observe(v: number): void };
  commit: { observe(v: number): void };
}

/** Registers the writer metrics. */
export function writerMetrics(m: Metrics): WriterMetrics {
  return {
    messages: m.counter('lantian_writer_messages_total', 'Messages written and acknowledged'),
    redelivered: m.counter(
      'lantian_writer_redelivered_total',
      'Messages that came again (a writer died or was slow)',
    ),
    batches: m.counter('lantian_writer_batches_total', 'Batches committed'),
    failures: m.counter(
      'lantian_writer_commit_failures_total',
      'Batch writes that failed and were retried',
    ),
    undecodable: m.counter(
      'lantian_writer_rejected_total',
      'Messages that could not be read (terminated, not written)',
    ),
    batchSize: m.histogram(
      'lantian_writer_batch_messages',
      'Messages per committed batch',
      SIZE_BUCKETS,
    ),
    commit: m.histogram(
      'lantian_writer_commit_seconds',
      'Time to write and commit a batch',
      SECONDS_BUCKETS,
    ),
  };
}

/** Starts one writer loop. */
export function startStreamWriter(deps: StreamWriterDeps, wm: WriterMetrics): StreamWriter {
  let stopped = false;
  let storeOk = true;
  const dec = new TextDecoder();

  async function writeBatch(msgs: JsMsg[]): Promise<void> {
    const batch = new IngestBatch();
    const good: JsMsg[] = [];
    for (const m of msgs) {
      let body: FrameMessage | QuarantineMessage;
      try {
        body = JSON.parse(dec.decode(m.data)) as FrameMessage | QuarantineMessage;
        appendMessage(batch, body);
      } catch (e) {
        wm.undecodable.inc();
        deps.log.error(
          { seq: m.seq, subject: m.subject, err: (e as Error).message },
          '无法解析的消息，已终止投递',
        );
        m.term();
        continue;
      }
      if (m.redelivered) wm.redelivered.inc();
      good.push(m);
    }
    for (let attempt = 1; !stopped; attempt++) {
      const t0 = performance.now();
      try {
        const result = await deps.sink.write(batch);
        wm.commit.observe((performance.now() - t0) / 1000);
        storeOk = true;
        for (const m of good) m.ack();
        wm.messages.inc(good.length);
        wm.batches.inc();
        wm.batchSize.observe(good.length);
        deps.committed(batch, result);
        return;
      } catch (e) {
        storeOk = false;
        wm.failures.inc();
        const delay = retryDelayMs(attempt);
        deps.log.error(
          { attempt, err: (e as Error).message, retryInMs: delay, messages: good.length },
          '写入数据库失败，暂停并重试（消息保留在流中，未确认）',
        );
        for (const m of good) m.working();
        await sleep(delay);
      }
    }
  }

  const loop = runPullLoop({
    consumer: deps.consumer,
    batchSize: deps.batchSize,
    log: deps.log,
    what: '消息',
    stopped: () => stopped,
    handle: writeBatch,
  });

  return {
    get storeOk() {
      return storeOk;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
