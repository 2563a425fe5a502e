/**
 * One vehicle's frames out of one archive file: a compacted segment (found through its index)
 * or the given chunks of an open file. Shared by the full archive and the read-only view.
 */
import { open } from 'node:fs/promises';
import { vehicleFramesNow } from './chunk-format.ts';
import { decompressBlockNow } from './codec.ts';
import { unpackFrames } from './frame-pack.ts';
import { holds, readKnownChunks, type ChunkRef } from './open-file.ts';
import { findSegmentEntry, readSegmentBlock, readSegmentFooter } from './segment-file.ts';
import type { ArchivedFrame } from './truck-archive.ts';

/** The vehicle's frames in a compacted segment file. */
export async function segmentVehicleFrames(
  path: string,
  vehicleId: number,
): Promise<ArchivedFrame[]> {
  const fh = await open(path, 'r');
  try {
    const entry = await findSegmentEntry(fh, await readSegmentFooter(fh), vehicleId);
    if (!entry) return [];
    const raw = decompressBlockNow(await readSegmentBlock(fh, entry));
    return unpackFrames(raw, entry.frames).map((f) => ({
      vehicleId,
      receivedAt: f.receivedAt,
      bytes: f.bytes,
    }));
  } finally {
    await fh.close();
  }
}

/** The vehicle's frames in the known chunks of an open file, in append order. */
export async function openFileVehicleFrames(
  path: string,
  chunks: readonly ChunkRef[],
  vehicleId: number,
): Promise<ArchivedFrame[]> {
  const refs = chunks.filter((c) => holds(c.vehicles, vehicleId));
  if (!refs.length) return [];
  const fh = await open(path, 'r');
  try {
    const out: ArchivedFrame[] = [];
    for (const body of await readKnownChunks(fh, refs))
      for (const f of vehicleFramesNow(body, vehicleId)) out.push(f);
    return out;
  } finally {
    await fh.close();
  }
}
