/**
 * The SQLite writer thread of the truck listener: its own connection to the store's file and the
 * database step of a batch (batch-repo.ts writeBatch: minute summaries, status, quarantine in one
 * transaction). The inserts, the fsync of each commit (synchronous=FULL) and WAL checkpoints
 * happen here, not on the event loop that reads sockets and writes replies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb, type Db } from '../../store/db.ts';
import { writeBatch, type BatchResult, type TruckWrite } from '../batch-repo.ts';

/** Data the main thread starts the writer with. */
export interface TruckWriterData {
  entry: string;
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  movingKmh: number;
}

/** Messages to the writer. */
export type ToTruckWriter =
  { type: 'write'; id: number; writes: TruckWrite[]; now: number } | { type: 'close' };

/** Messages from the writer. */
export type FromTruckWriter =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'written'; id: number; result: BatchResult }
  | { type: 'error'; id: number; error: string };

const data = workerData as TruckWriterData;
const port = parentPort!;
const send = (m: FromTruckWriter): void => port.postMessage(m);

let db: Db;
try {
  db = await openDb({ sqlitePath: data.path, sqliteSynchronous: data.synchronous });
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'failed', error: (e as Error).message });
  process.exit(1);
}

// One batch at a time, in the order they arrive.
let chain: Promise<void> = Promise.resolve();
port.on('message', (m: ToTruckWriter) => {
  chain = chain.then(async () => {
    if (m.type === 'close') {
      await db.close();
      port.close();
      return;
    }
    try {
      send({
        type: 'written',
        id: m.id,
        result: await writeBatch(db, m.writes, m.now, data.movingKmh),
      });
    } catch (e) {
      send({ type: 'error', id: m.id, error: (e as Error).message });
    }
  });
});
