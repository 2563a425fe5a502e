/**
 * The seam of the truck listener's group commit (commit-queue.ts): where a batch of accepted
 * frames, quarantine entries and their order goes before the replies are written. One process:
 * the store sink (store-commit-sink.ts: the raw frames to the archive, then one database
 * transaction). Several nodes: the JetStream sink (src/scale/obd-jetstream-sink.ts: one message
 * per write on `obd.<VIN>.<command>`, resolved once JetStream acknowledged every one). Either way
 * `commit` resolves only when the batch is durable; a rejected commit is retried with the same
 * write objects (so a sink may remember what of them it already did).
 */
import type { TruckWrite } from '../batch-repo.ts';

/** Destination of the truck listener's batches. */
export interface TruckCommitSink {
  /** Stores the writes durably; rejects when nothing may be answered yet. */
  commit(writes: readonly TruckWrite[], now: number): Promise<void>;
}
