/**
 * The database step of the truck listener on a writer thread (truck-writer-worker.ts) for a
 * file-backed SQLite store, as the HJ 212 ingest does (src/ingest/hj212/sqlite-worker-sink.ts),
 * through the shared src/store/writer-thread.ts.
 * The main thread posts a batch's writes (without the raw frames, which are already archived)
 * and resolves when the writer reports COMMIT; the replies go out after that. While the writer's
 * transaction runs, the main thread holds Kysely's single connection, so no transaction of an
 * HTTP request is open across the writer's commit (no SQLITE_BUSY_SNAPSHOT). A writer that dies
 * is restarted on the next batch; the batch it held is retried by the commit queue.
 */
import type { Db } from '../../store/db.ts';
import { startWriterThread } from '../../store/writer-thread.ts';
import type { BatchResult, TruckWrite } from '../batch-repo.ts';
import type { TruckWriterData } from './truck-writer-worker.ts';

/** The writer: the listener's `writeDb` and a way to stop the thread. */
export interface TruckWriter {
  write(writes: readonly TruckWrite[], now: number): Promise<BatchResult>;
  close(): Promise<void>;
}

/** Starts the writer thread for a file-backed SQLite store. */
export async function startSqliteTruckWriter(db: Db, movingKmh: number): Promise<TruckWriter> {
  const synchronous =
    Number(db.sqlite!.pragma('synchronous', { simple: true })) >= 2 ? 'FULL' : 'NORMAL';
  const workerData: TruckWriterData = {
    entry: new URL('./truck-writer-worker.ts', import.meta.url).href,
    path: db.location,
    synchronous,
    movingKmh,
  };
  const thread = await startWriterThread<BatchResult>(
    db,
    workerData,
    (code) => `重型车写入线程已退出（${code}）`,
  );
  return {
    write(writes, now) {
      // The raw bytes stay on this thread: they are archived already and the writer needs none.
      const lean = writes.map((w) => (w.kind === 'frame' ? { ...w, raw: new Uint8Array(0) } : w));
      return thread.write({ writes: lean, now });
    },
    close: () => thread.close(),
  };
}
