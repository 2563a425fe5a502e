/**
 * The IngestSink seam (docs/architecture.md, Seams): where committed batches go. The store sink
 * writes a batch in one transaction and resolves only after COMMIT, which is what makes an HJ 212
 * ack mean "durable" (docs/architecture.md, Conventions). Tests wrap it to slow it down or make it
 * fail; a JetStream sink would implement the same interface when several ingest nodes exist.
 */
import type { ChangedDays } from '../../air/reading-writer.ts';
import type { Db } from '../../store/db.ts';
import { pgSink } from './pg-sink.ts';
import { sqliteSink } from './sqlite-sink.ts';
import { sqliteWorkerSink } from './sqlite-worker-sink.ts';
import type { IngestBatch } from './value-batch.ts';

/** Day buckets (UTC, as in the readings key) of one station whose hourly readings changed. */
export interface ChangedStationDays {
  stationId: number;
  days: number[];
}

/** What a committed batch changed. */
export interface SinkResult {
  /** Where hourly readings changed, for the daily roll-up (plain data: it crosses threads). */
  changed: ChangedStationDays[];
}

/** Destination of group-commit batches. */
export interface IngestSink {
  /** Writes the batch in one transaction; resolves after COMMIT, rejects if nothing was stored. */
  write(batch: IngestBatch): Promise<SinkResult>;
  /** Releases what the sink holds (a writer thread). */
  close?(): Promise<void>;
}

/** How SQLite batches are written: on a writer thread (default) or on the main thread. */
export type SqliteWriterMode = 'thread' | 'inline';

/**
 * The sink over the store: on SQLite a writer thread (an in-memory store, or `inline`, writes
 * on the main thread), on PostgreSQL unnest() batches over the pool.
 */
export async function storeSink(db: Db, mode: SqliteWriterMode = 'thread'): Promise<IngestSink> {
  if (!db.sqlite) return pgSink(db);
  if (mode === 'inline' || db.location === ':memory:' || db.location === '') return sqliteSink(db);
  return sqliteWorkerSink(db);
}

/** The sink result of a ChangedDays (src/air/reading-writer.ts) collected during a write. */
export function sinkResult(changed: ChangedDays): SinkResult {
  return {
    changed: changed.stations().map((stationId) => ({ stationId, days: changed.days(stationId) })),
  };
}
