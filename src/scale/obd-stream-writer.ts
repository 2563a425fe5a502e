/**
 * A writer loop of the OBD stream: fetches batches from the durable pull consumer of the truck
 * stream and stores each batch exactly as the one-process commit does — the raw frames appended
 * to the archive (fsync'd), then one database transaction for the minute summaries, vehicle
 * status and quarantine (src/trucks/batch-repo.ts writeBatch) — and acknowledges the messages
 * only after both. A writer killed mid-batch leaves its messages unacknowledged: JetStream
 * redelivers them after ack_wait, and a redelivered message changes nothing: its frames already
 * in the archive are not appended again (archive-redelivery.ts), the minute masks skip seconds
 * already counted, the status merge keeps the newest receipt (quarantine counts are the one
 * exception, as for HJ 212: docs/scale.md). A failed batch is retried with back-off, its
 * messages kept in progress (`working()`).
 */
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import type { TruckArchive } from '../trucks/archive/truck-archive.ts';
import type { FrameWrite, TruckWrite } from '../trucks/batch-repo.ts';
import { archivedFrame, type TruckDbStep } from '../trucks/listener/store-commit-sink.ts';
import { notYetArchived } from './archive-redelivery.ts';
import { SECONDS_BUCKETS, type Metrics } from './metrics.ts';
import { retryDelayMs } from './nats-connect.ts';
import { runPullLoop } from './pull-loop.ts';
import { decodeObd, type ObdMessage } from './obd-message.ts';

/** What an OBD writer loop needs. */
export interface ObdWriterDeps {
  consumer: Consumer;
  archive: TruckArchive;
  writeDb: TruckDbStep;
  batchSize: number;
  log: IngestLog;
  metrics: Metrics;
  now: () => number;
}

/** A running loop. */
export interface ObdWriter {
  /** False while the last store write failed. */
  readonly storeOk: boolean;
  stop(): Promise<void>;
}

interface Taken {
  msg: JsMsg;
  write: TruckWrite;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts the loop. */
export function startObdStreamWriter(deps: ObdWriterDeps): ObdWriter {
  const m = deps.metrics;
  const messages = m.counter(
    'lantian_writer_obd_messages_total',
    'Truck messages stored and acknowledged',
  );
  const redelivered = m.counter(
    'lantian_writer_obd_redelivered_total',
    'Truck messages that came again',
  );
  const skipped = m.counter(
    'lantian_writer_obd_archive_skipped_total',
    'Frames of redelivered messages found already archived (not appended again)',
  );
  const failures = m.counter(
    'lantian_writer_obd_commit_failures_total',
    'Truck batch writes that failed and were retried',
  );
  const undecodable = m.counter(
    'lantian_writer_obd_rejected_total',
    'Truck messages that could not be read (terminated)',
  );
  const commit = m.histogram(
    'lantian_writer_obd_commit_seconds',
    'Time to archive and commit a truck batch',
    SECONDS_BUCKETS,
  );
  let stopped = false;
  let storeOk = true;
  const dec = new TextDecoder();

  function decode(msgs: JsMsg[]): Taken[] {
    const out: Taken[] = [];
    for (const msg of msgs) {
      try {
        out.push({ msg, write: decodeObd(JSON.parse(dec.decode(msg.data)) as ObdMessage) });
      } catch (e) {
        undecodable.inc();
        deps.log.error(
          { seq: msg.seq, subject: msg.subject, err: (e as Error).message },
          '无法解析的重型车消息，已终止投递',
        );
        msg.term();
      }
      if (msg.redelivered) redelivered.inc();
    }
    return out;
  }

  /** Archives the frames of the batch not archived yet (by this loop, or before a redelivery). */
  async function archiveStep(taken: Taken[], archived: WeakSet<TruckWrite>): Promise<void> {
    const fresh: FrameWrite[] = [];
    const again: FrameWrite[] = [];
    for (const t of taken)
      if (t.write.kind === 'frame' && !archived.has(t.write))
        (t.msg.redelivered ? again : fresh).push(t.write);
    const missing = again.length > 0 ? await notYetArchived(deps.archive, again) : [];
    skipped.inc(again.length - missing.length);
    const append = [...fresh, ...missing];
    if (append.length > 0) await deps.archive.append(append.map(archivedFrame));
    for (const w of [...fresh, ...again]) archived.add(w);
  }

  async function writeBatch(taken: Taken[]): Promise<void> {
    const archived = new WeakSet<TruckWrite>();
    const writes = taken.map((t) => t.write);
    for (let attempt = 1; !stopped; attempt++) {
      const t0 = performance.now();
      try {
        await archiveStep(taken, archived);
        await deps.writeDb(writes, deps.now());
        commit.observe((performance.now() - t0) / 1000);
        storeOk = true;
        for (const t of taken) t.msg.ack();
        messages.inc(taken.length);
        return;
      } catch (e) {
        storeOk = false;
        failures.inc();
        const delay = retryDelayMs(attempt);
        deps.log.error(
          { attempt, err: (e as Error).message, retryInMs: delay, messages: taken.length },
          '重型车数据写入（归档或数据库）失败，暂停并重试（消息保留在流中，未确认）',
        );
        for (const t of taken) t.msg.working();
        await sleep(delay);
      }
    }
  }

  const loop = runPullLoop({
    consumer: deps.consumer,
    batchSize: deps.batchSize,
    log: deps.log,
    what: '重型车消息',
    stopped: () => stopped,
    async handle(msgs) {
      const taken = decode(msgs);
      if (taken.length > 0) await writeBatch(taken);
    },
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
