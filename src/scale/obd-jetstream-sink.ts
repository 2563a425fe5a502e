/**
 * The JetStream sink of the truck listener (the TruckCommitSink seam of
 * src/trucks/listener/truck-commit-sink.ts) on an ingest node: each write of a group-commit
 * batch becomes one message on `<prefix>.<VIN>.<command>` with a Nats-Msg-Id from the frame's
 * identity (obd-message.ts). commit() resolves only when JetStream has acknowledged every
 * message of the batch (stored in the file-backed stream), so the commit queue writes the
 * terminals' replies only then; any failure rejects the whole batch (LT_ERR_SCALE_OBD_PUBLISH):
 * nothing is answered, the queue retries (re-published messages are de-duplicated) and, past its
 * high-water mark, stops reading the terminals' sockets.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { LantianError } from '../errors.ts';
import type { TruckCommitSink } from '../trucks/listener/truck-commit-sink.ts';
import { SECONDS_BUCKETS, type Metrics } from './metrics.ts';
import { encodeObd, obdMessageId, obdSubject } from './obd-message.ts';

/** The sink publishing to `js` under `prefix`. */
export function obdJetStreamSink(
  js: JetStreamClient,
  prefix: string,
  timeoutMs: number,
  metrics: Metrics,
): TruckCommitSink {
  const published = metrics.counter(
    'lantian_ingest_obd_published_total',
    'Truck frames and quarantine entries JetStream acknowledged',
  );
  const dups = metrics.counter(
    'lantian_ingest_obd_publish_duplicates_total',
    'Truck frames JetStream had already (de-duplicated by Nats-Msg-Id)',
  );
  const failed = metrics.counter(
    'lantian_ingest_obd_publish_failures_total',
    'Truck batches whose publish failed (retried, not answered)',
  );
  const latency = metrics.histogram(
    'lantian_ingest_obd_publish_seconds',
    'Time from truck batch publish to the last JetStream ack',
    SECONDS_BUCKETS,
  );
  const enc = new TextEncoder();
  return {
    async commit(writes) {
      const t0 = performance.now();
      const results = await Promise.allSettled(
        writes.map((w) =>
          js.publish(obdSubject(prefix, w), enc.encode(JSON.stringify(encodeObd(w))), {
            msgID: obdMessageId(w),
            timeout: timeoutMs,
          }),
        ),
      );
      let firstError: unknown = null;
      for (const r of results) {
        if (r.status === 'rejected') firstError ??= r.reason;
        else if (r.value.duplicate) dups.inc();
      }
      if (firstError !== null) {
        failed.inc();
        const why = firstError instanceof Error ? firstError.message : String(firstError);
        throw new LantianError('LT_ERR_SCALE_OBD_PUBLISH', why);
      }
      published.inc(writes.length);
      latency.observe((performance.now() - t0) / 1000);
    },
  };
}
