/**
 * The SQLite sink that writes on a writer thread (sqlite-writer-worker.ts, started through
 * src/store/writer-thread.ts). The main thread packs a batch (batch-wire.ts), posts it, and
 * resolves when the writer reports COMMIT; the acks go out after that, as with any sink. A
 * writer that dies is restarted on the next batch; the batch it held is retried by the write
 * queue.
 */
import type { Db } from '../../store/db.ts';
import { startWriterThread } from '../../store/writer-thread.ts';
import { encodeBatch } from './batch-wire.ts';
import type { IngestSink, SinkResult } from './ingest-sink.ts';
import type { WriterWorkerData } from './sqlite-writer-worker.ts';

/** A sink with a thread to stop. */
export interface ClosableSink extends IngestSink {
  close(): Promise<void>;
}

/** Starts the writer thread for a file-backed SQLite store. */
export async function sqliteWorkerSink(db: Db): Promise<ClosableSink> {
  const synchronous =
    Number(db.sqlite!.pragma('synchronous', { simple: true })) >= 2 ? 'FULL' : 'NORMAL';
  const workerData: WriterWorkerData = {
    entry: new URL('./sqlite-writer-worker.ts', import.meta.url).href,
    path: db.location,
    synchronous,
  };
  const thread = await startWriterThread<SinkResult>(
    db,
    workerData,
    (code) => `写入线程已退出（${code}）`,
  );
  return {
    write(b) {
      const msg = encodeBatch(b);
      return thread.write({ batch: msg }, [msg.nums.buffer as ArrayBuffer]);
    },
    close: () => thread.close(),
  };
}
