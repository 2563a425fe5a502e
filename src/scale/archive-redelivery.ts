/**
 * The archive is append-only: a frame appended by a writer that died before it acknowledged the
 * message (killed between the archive append and the database COMMIT, or between the COMMIT and
 * the ack) would be appended again when JetStream redelivers it. So frames of redelivered
 * messages are first looked up in the archive — same vehicle, same receipt time, same bytes —
 * and only the missing ones are appended. Each message carries the ingest node's receipt time,
 * so the frame reads back exactly as it was appended. Messages delivered for the first time skip
 * the lookup (the common case costs nothing); the lookup reads the vehicle's Beijing day, once
 * per (vehicle, day) of the batch.
 */
import { createHash } from 'node:crypto';
import { beijingDay } from '../trucks/archive/beijing-slot.ts';
import type { TruckArchiveReader } from '../trucks/archive/archive-reader.ts';
import type { FrameWrite } from '../trucks/batch-repo.ts';

const identity = (receivedAt: number, bytes: Uint8Array): string =>
  `${receivedAt}:${createHash('sha1').update(bytes).digest('hex')}`;

/** The frames of `redelivered` that the archive does not hold yet. */
export async function notYetArchived(
  archive: TruckArchiveReader,
  redelivered: readonly FrameWrite[],
): Promise<FrameWrite[]> {
  const held = new Map<string, Promise<Set<string>>>();
  const heldOf = (f: FrameWrite): Promise<Set<string>> => {
    const day = beijingDay(f.receivedAt);
    const key = `${f.vehicleId}/${day}`;
    let s = held.get(key);
    if (!s) {
      s = archive
        .readVehicleDay(f.vehicleId, day)
        .then((frames) => new Set(frames.map((a) => identity(a.receivedAt, a.bytes))));
      held.set(key, s);
    }
    return s;
  };
  const out: FrameWrite[] = [];
  for (const f of redelivered)
    if (!(await heldOf(f)).has(identity(f.receivedAt, f.raw))) out.push(f);
  return out;
}
