/**
 * The JetStream sink (the IngestSink seam, src/ingest/hj212/ingest-sink.ts): each accepted frame
 * of a group-commit batch becomes one message on `<prefix>.<ST>.<MN>.<CN>` with a Nats-Msg-Id
 * from the frame's identity (frame-message.ts). write() resolves only when JetStream has
 * acknowledged every message of the batch (stored in the file-backed stream), so the write
 * queue sends 9014 only then; any failure (NATS down, timeout, stream full with discard=new)
 * rejects the whole batch: nothing is acknowledged, the queue retries with back-off (the
 * re-published messages are de-duplicated) and, when it grows past its high-water mark, stops
 * reading the device sockets — the in-flight work stays bounded by the queue's limits.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { LantianError } from '../errors.ts';
import { sinkResult, type IngestSink, type SinkResult } from '../ingest/hj212/ingest-sink.ts';
import type { IngestBatch } from '../ingest/hj212/value-batch.ts';
import { ChangedDays } from '../air/reading-writer.ts';
import {
  encodeFrame,
  encodeQuarantine,
  frameMessageId,
  frameSubject,
  quarantineMessageId,
  quarantineSubject,
} from './frame-message.ts';
import { SECONDS_BUCKETS, SIZE_BUCKETS, type Metrics } from './metrics.ts';

/** Counters the sink keeps. */
export interface JetStreamSinkStats {
  published: number;
  duplicates: number;
  failures: number;
}

/** The sink publishing to `js` under `prefix`. */
export function jetStreamSink(
  js: JetStreamClient,
  prefix: string,
  timeoutMs: number,
  metrics: Metrics,
): IngestSink & { stats: JetStreamSinkStats } {
  const stats: JetStreamSinkStats = { published: 0, duplicates: 0, failures: 0 };
  const published = metrics.counter(
    'lantian_ingest_published_total',
    'Frames JetStream acknowledged',
  );
  const dups = metrics.counter(
    'lantian_ingest_publish_duplicates_total',
    'Frames JetStream had already (de-duplicated by Nats-Msg-Id)',
  );
  const failed = metrics.counter(
    'lantian_ingest_publish_failures_total',
    'Batches whose publish failed (retried, not acknowledged)',
  );
  const acks = metrics.counter(
    'lantian_ingest_acks_total',
    'Acknowledgements sent to devices after JetStream acknowledged',
  );
  const latency = metrics.histogram(
    'lantian_ingest_publish_seconds',
    'Time from batch publish to the last JetStream ack',
    SECONDS_BUCKETS,
  );
  const size = metrics.histogram(
    'lantian_ingest_batch_frames',
    'Frames per published batch',
    SIZE_BUCKETS,
  );
  const empty = sinkResult(new ChangedDays());
  const enc = new TextEncoder();
  return {
    wantsFrames: true,
    stats,
    async write(b: IngestBatch): Promise<SinkResult> {
      const t0 = performance.now();
      const pending: Array<Promise<{ duplicate: boolean }>> = [];
      for (const f of b.frames) {
        const body = enc.encode(JSON.stringify(encodeFrame(b, f)));
        pending.push(
          js.publish(frameSubject(prefix, f), body, {
            msgID: frameMessageId(f),
            timeout: timeoutMs,
          }),
        );
      }
      for (let i = 0; i < b.qn; i++) {
        const body = encodeQuarantine(b, i);
        pending.push(
          js.publish(quarantineSubject(prefix), enc.encode(JSON.stringify(body)), {
            msgID: quarantineMessageId(body),
            timeout: timeoutMs,
          }),
        );
      }
      const results = await Promise.allSettled(pending);
      let firstError: unknown = null;
      for (const r of results) {
        if (r.status === 'rejected') firstError ??= r.reason;
        else if (r.value.duplicate) {
          stats.duplicates++;
          dups.inc();
        }
      }
      if (firstError !== null) {
        stats.failures++;
        failed.inc();
        const why = firstError instanceof Error ? firstError.message : String(firstError);
        throw new LantianError('LT_ERR_NATS_PUBLISH', why);
      }
      stats.published += pending.length;
      published.inc(pending.length);
      acks.inc(b.ackN);
      latency.observe((performance.now() - t0) / 1000);
      size.observe(b.frames.length);
      return empty;
    },
  };
}
