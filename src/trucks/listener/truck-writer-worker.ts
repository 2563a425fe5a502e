/**
 * The SQLite writer thread of the truck listener: its own connection to the store's file and the
 * database step of a batch with prepared statements (sqlite-truck-batch.ts: minute summaries,
 * status, quarantine in one transaction). The inserts, the fsync of each commit (synchronous=FULL) and WAL checkpoints
 * happen here, not on the event loop that reads sockets and writes replies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb, type Db } from '../../store/db.ts';
import type { BatchResult, TruckWrite } from '../batch-repo.ts';
import { sqliteTruckBatchWriter } from './sqlite-truck-batch.ts';

/** Data the main thread starts the writer with. */
export interface TruckWriterData {
  entry: string;
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  movingKmh: number;
}

/** Messages to the writer. */
type ToTruckWriter =
  { type: 'write'; id: number; writes: TruckWrite[]; now: number } | { type: 'close' };

/** Messages from the writer. */
type FromTruckWriter =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'written'; id: number; result: BatchResult }
  | { type: 'error'; id: number; error: string };

const data = workerData as TruckWriterData;
const port = parentPort!;
const send = (m: FromTruckWriter): void => port.postMessage(m);

let db: Db;
let write: ReturnType<typeof sqliteTruckBatchWriter>;
try {
  db = await openDb({ sqlitePath: data.path, sqliteSynchronous: data.synchronous });
  write = sqliteTruckBatchWriter(db.sqlite!, data.movingKmh);
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'failed', error: (e as Error).message });
  process.exit(1);
}

port.on('message', (m: ToTruckWriter) => {
  if (m.type === 'close') {
    void db.close().then(() => port.close());
    return;
  }
  try {
    send({ type: 'written', id: m.id, result: write(m.writes, m.now) });
  } catch (e) {
    send({ type: 'error', id: m.id, error: (e as Error).message });
  }
});
