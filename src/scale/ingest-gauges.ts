/** The gauges of a running HJ 212 listener (an ingest node, or `serve --role all` with NATS). */
import type { Hj212Ingest } from '../ingest/hj212/server.ts';
import type { Metrics } from './metrics.ts';

/** Registers the listener's queue depth, rejections and accepted frames. */
export function ingestGauges(metrics: Metrics, ingest: Pick<Hj212Ingest, 'status'>): void {
  metrics.gauge(
    'lantian_ingest_queue_depth',
    'Packets received and not yet acknowledged by JetStream',
    () => ingest.status().queue.depth,
  );
  metrics.gauge(
    'lantian_ingest_rejected_total',
    'Frames rejected (unknown device, bad password, rate limit …)',
    () => ingest.status().totals.rejected,
    'counter',
  );
  metrics.gauge(
    'lantian_ingest_packets_total',
    'Frames accepted',
    () => ingest.status().totals.packets,
    'counter',
  );
}
