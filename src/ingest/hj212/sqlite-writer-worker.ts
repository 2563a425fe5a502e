/**
 * The SQLite writer thread: its own connection to the store's file, the statements of
 * sqlite-batch-writer.ts, one transaction per batch message. Blocking work — inserts, the
 * fsync of each commit (synchronous=FULL), WAL checkpoints — happens here, not on the event
 * loop that reads sockets and sends acks.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { decodeBatch, type WireBatch } from './batch-wire.ts';
import type { SinkResult } from './ingest-sink.ts';
import { sqliteBatchWriter } from './sqlite-batch-writer.ts';

/** Data the main thread starts the writer with. */
export interface WriterWorkerData {
  entry: string;
  path: string;
  synchronous: 'FULL' | 'NORMAL';
}

/** Messages to the writer. */
type ToWriter = { type: 'write'; id: number; batch: WireBatch } | { type: 'close' };

/** Messages from the writer. */
type FromWriter =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'written'; id: number; result: SinkResult }
  | { type: 'error'; id: number; error: string }
  | { type: 'closed' };

const data = workerData as WriterWorkerData;
const port = parentPort!;
const send = (m: FromWriter): void => port.postMessage(m);

let h: BetterSqlite3.Database;
let write: ReturnType<typeof sqliteBatchWriter>;
try {
  h = new BetterSqlite3(data.path);
  h.pragma('journal_mode = WAL');
  h.pragma(`synchronous = ${data.synchronous}`);
  h.pragma('busy_timeout = 5000');
  h.pragma('cache_size = -65536');
  write = sqliteBatchWriter(h);
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'failed', error: (e as Error).message });
  process.exit(1);
}

port.on('message', (m: ToWriter) => {
  if (m.type === 'close') {
    h.close();
    send({ type: 'closed' });
    port.close();
    return;
  }
  try {
    const r = write(decodeBatch(m.batch));
    send({ type: 'written', id: m.id, result: r });
  } catch (e) {
    send({ type: 'error', id: m.id, error: (e as Error).message });
  }
});
