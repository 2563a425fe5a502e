/**
 * The one-process truck commit (the TruckCommitSink of truck-commit-sink.ts), in this order per
 * batch: (1) the raw frames are appended to the archive (durable when it resolves), (2) one
 * database transaction writes the minute summaries, vehicle status and quarantine. A crash
 * between (1) and (2) leaves frames in the archive that no minute counts yet; nothing was
 * answered, so the terminal reissues them and the minute masks count each second once (the
 * archive holds the frame twice; the detail reader dedupes). A batch retried after a failed (2)
 * is not appended to the archive again: the sink remembers the write objects it archived.
 */
import type { ArchivedFrame, TruckArchive } from '../archive/truck-archive.ts';
import type { FrameWrite, TruckWrite } from '../batch-repo.ts';
import type { TruckCommitSink } from './truck-commit-sink.ts';

/** The database step of a batch (batch-repo.ts writeBatch, or the SQLite writer thread). */
export type TruckDbStep = (writes: readonly TruckWrite[], now: number) => Promise<unknown>;

/** The sink writing to `archive`, then through `writeDb`. */
export function storeCommitSink(archive: TruckArchive, writeDb: TruckDbStep): TruckCommitSink {
  const archived = new WeakSet<TruckWrite>();
  return {
    async commit(writes, now) {
      const toArchive = writes.filter(
        (w): w is FrameWrite => w.kind === 'frame' && !archived.has(w),
      );
      if (toArchive.length > 0) {
        await archive.append(toArchive.map(archivedFrame));
        for (const w of toArchive) archived.add(w);
      }
      if (writes.length > 0) await writeDb(writes, now);
    },
  };
}

/** What the archive keeps of a frame write. */
export function archivedFrame(f: FrameWrite): ArchivedFrame {
  return { vehicleId: f.vehicleId, receivedAt: f.receivedAt, bytes: f.raw };
}
