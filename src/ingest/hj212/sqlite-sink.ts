/**
 * The inline SQLite sink: writes batches on the main thread's better-sqlite3 handle while
 * holding Kysely's single connection (connection()), so a batch never interleaves with a Kysely
 * transaction of an HTTP request on the same handle. Used for in-memory stores and when
 * LANTIAN_HJ212_SQLITE_WRITER=inline; the default is the writer thread (sqlite-worker-sink.ts),
 * which keeps fsync and checkpoints off the event loop.
 */
import type { Db } from '../../store/db.ts';
import type { IngestSink } from './ingest-sink.ts';
import { sqliteBatchWriter } from './sqlite-batch-writer.ts';

/** The inline SQLite sink of a store. */
export function sqliteSink(db: Db): IngestSink {
  const write = sqliteBatchWriter(db.sqlite!);
  return {
    async write(b) {
      return db.kysely.connection().execute(async () => write(b));
    },
  };
}
