/**
 * The main-thread side of a SQLite writer thread (the HJ 212 ingest's and the truck listener's).
 * The worker module named in `workerData.entry` is started through worker-boot.mjs (which
 * registers tsx inside the thread), answers `ready` or `failed`, then one `written` or `error`
 * per numbered `write` request. While a request runs, the main thread holds Kysely's single
 * connection, so no transaction of an HTTP request is open across the writer's commit (none of
 * them meets SQLITE_BUSY_SNAPSHOT; their queries wait for the batch). A thread that dies fails
 * what it held and is started again on the next request; callers retry.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { Db } from './db.ts';

/** What a writer thread sends back. */
export type WriterReply<R> =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'written'; id: number; result: R }
  | { type: 'error'; id: number; error: string }
  | { type: 'closed' };

/** A started writer thread. */
export interface WriterThread<R> {
  /** Posts `{ type: 'write', id, ...body }`; resolves with the writer's result after COMMIT. */
  write(body: object, transfer?: readonly TransferListItem[]): Promise<R>;
  /** Asks the thread to close its database and waits until it has exited. */
  close(): Promise<void>;
}

interface Pending<R> {
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

/** Starts a writer thread; `exitMessage` names the thread in the error of one that exits. */
export async function startWriterThread<R>(
  db: Db,
  workerData: { entry: string },
  exitMessage: (code: number) => string,
): Promise<WriterThread<R>> {
  const pending = new Map<number, Pending<R>>();
  let nextId = 1;
  let worker: Worker | null = null;
  let starting: Promise<Worker> | null = null;

  const start = (): Promise<Worker> =>
    (starting ??= new Promise<Worker>((resolve, reject) => {
      const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData });
      w.on('message', (m: WriterReply<R>) => {
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
      w.on('exit', (code) => gone(new Error(exitMessage(code))));
    }));

  await start();
  return {
    write(body, transfer) {
      return db.kysely.connection().execute(async () => {
        const w = worker ?? (await start());
        const id = nextId++;
        return new Promise<R>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          w.postMessage({ type: 'write', id, ...body }, transfer ? [...transfer] : undefined);
        });
      });
    },
    async close() {
      const w = worker;
      if (w === null) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ type: 'close' });
      });
    },
  };
}
