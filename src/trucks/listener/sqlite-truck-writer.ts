/**
 * The database step of the truck listener on a writer thread (truck-writer-worker.ts) for a
 * file-backed SQLite store, as the HJ 212 ingest does (src/ingest/hj212/sqlite-worker-sink.ts).
 * The main thread posts a batch's writes (without the raw frames, which are already archived)
 * and resolves when the writer reports COMMIT; the replies go out after that. While the writer's
 * transaction runs, the main thread holds Kysely's single connection, so no transaction of an
 * HTTP request is open across the writer's commit (no SQLITE_BUSY_SNAPSHOT). A writer that dies
 * is restarted on the next batch; the batch it held is retried by the commit queue.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../../store/db.ts';
import type { BatchResult, TruckWrite } from '../batch-repo.ts';
import type { FromTruckWriter, ToTruckWriter, TruckWriterData } from './truck-writer-worker.ts';

/** The writer: the listener's `writeDb` and a way to stop the thread. */
export interface TruckWriter {
  write(writes: readonly TruckWrite[], now: number): Promise<BatchResult>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
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
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let starting: Promise<Worker> | null = null;

  const start = (): Promise<Worker> =>
    (starting ??= new Promise<Worker>((resolve, reject) => {
      const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData });
      w.on('message', (m: FromTruckWriter) => {
        if (m.type === 'ready') {
          worker = w;
          resolve(w);
        } else if (m.type === 'failed') reject(new Error(m.error));
        else {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.type === 'written') p?.resolve(m.result);
          else p?.reject(new Error(m.error));
        }
      });
      const gone = (e: Error): void => {
        worker = null;
        starting = null;
        reject(e);
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      };
      w.on('error', gone);
      w.on('exit', (code) => gone(new Error(`重型车写入线程已退出（${code}）`)));
    }));

  await start();
  return {
    async write(writes, now) {
      // The raw bytes stay on this thread: they are archived already and the writer needs none.
      const lean = writes.map((w) => (w.kind === 'frame' ? { ...w, raw: new Uint8Array(0) } : w));
      return db.kysely.connection().execute(async () => {
        const w = worker ?? (await start());
        const id = nextId++;
        return new Promise<BatchResult>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          w.postMessage({ type: 'write', id, writes: lean, now } satisfies ToTruckWriter);
        });
      });
    },
    async close() {
      const w = worker;
      if (w === null) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ type: 'close' } satisfies ToTruckWriter);
      });
    },
  };
}
