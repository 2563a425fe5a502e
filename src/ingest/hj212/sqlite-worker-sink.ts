/**
 * The SQLite sink that writes on a writer thread (sqlite-writer-worker.ts). The main thread
 * packs a batch (batch-wire.ts), posts it, and resolves when the writer reports COMMIT; the acks
 * go out after that, as with any sink. While the writer's transaction runs, the main thread holds
 * Kysely's single connection (connection()): no Kysely transaction of an HTTP request can be
 * open across the writer's commit, so none of them meets SQLITE_BUSY_SNAPSHOT, and their queries
 * simply wait for the batch (tens of ms at full load). A writer that dies is restarted on the
 * next batch; the batch it held is retried by the write queue.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../../store/db.ts';
import { encodeBatch } from './batch-wire.ts';
import type { IngestSink, SinkResult } from './ingest-sink.ts';
import type { FromWriter, ToWriter, WriterWorkerData } from './sqlite-writer-worker.ts';

interface Pending {
  resolve: (r: SinkResult) => void;
  reject: (e: Error) => void;
}

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
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let starting: Promise<Worker> | null = null;

  const start = (): Promise<Worker> =>
    (starting ??= new Promise<Worker>((resolve, reject) => {
      const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData });
      w.on('message', (m: FromWriter) => {
        if (m.type === 'ready') {
          worker = w;
          resolve(w);
        } else if (m.type === 'failed') reject(new Error(m.error));
        else if (m.type === 'written' || m.type === 'error') {
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
      w.on('exit', (code) => gone(new Error(`写入线程已退出（${code}）`)));
    }));

  await start();
  return {
    async write(b) {
      const msg = encodeBatch(b);
      return db.kysely.connection().execute(async () => {
        const w = worker ?? (await start());
        const id = nextId++;
        return new Promise<SinkResult>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          w.postMessage({ type: 'write', id, batch: msg } satisfies ToWriter, [
            msg.nums.buffer as ArrayBuffer,
          ]);
        });
      });
    },
    async close() {
      const w = worker;
      if (w === null) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ type: 'close' } satisfies ToWriter);
      });
    },
  };
}
