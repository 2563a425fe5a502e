/**
 * The uncompressed form of a run of frames inside a chunk or a compacted block: for each frame,
 * `receivedAt` (float64 LE, epoch ms), its length (uint32 LE) and its bytes. Blocks of one
 * vehicle omit nothing: the vehicle id is given by the caller.
 */

/** A frame as packed, without its vehicle. */
export interface PackedFrame {
  receivedAt: number;
  bytes: Uint8Array;
}

const ENTRY_HEAD = 12;

/** Packs frames one after another. */
export function packFrames(frames: readonly PackedFrame[]): Buffer {
  let size = 0;
  for (const f of frames) size += ENTRY_HEAD + f.bytes.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const f of frames) {
    out.writeDoubleLE(f.receivedAt, at);
    out.writeUInt32LE(f.bytes.length, at + 8);
    out.set(f.bytes, at + ENTRY_HEAD);
    at += ENTRY_HEAD + f.bytes.length;
  }
  return out;
}

/** Unpacks `count` frames (throws when the bytes do not hold exactly that many). */
export function unpackFrames(raw: Buffer, count: number): PackedFrame[] {
  const out: PackedFrame[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + ENTRY_HEAD > raw.length) throw new Error('packed frames cut short');
    const receivedAt = raw.readDoubleLE(at);
    const len = raw.readUInt32LE(at + 8);
    at += ENTRY_HEAD;
    if (at + len > raw.length) throw new Error('packed frame cut short');
    out.push({ receivedAt, bytes: new Uint8Array(raw.buffer, raw.byteOffset + at, len) });
    at += len;
  }
  if (at !== raw.length) throw new Error('packed frames: trailing bytes');
  return out;
}
