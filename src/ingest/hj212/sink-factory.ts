/** Chooses the store's sink: a SQLite writer thread, inline SQLite, or PostgreSQL. */
import type { Db } from '../../store/db.ts';
import type { IngestSink } from './ingest-sink.ts';
import { pgSink } from './pg-sink.ts';
import { sqliteSink } from './sqlite-sink.ts';
import { sqliteWorkerSink } from './sqlite-worker-sink.ts';

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
