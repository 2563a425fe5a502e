/**
 * A chunk of an open segment file: one append call's frames of one segment slot. Layout
 * (little-endian):
 *
 *   magic 'LTC1' (4) | bodyLength u32 | crc32(body) u32 | body
 *   body = frameCount u32 | rawLength u32 | vehicleId u32 × frameCount | deflate-raw(packed frames)
 *
 * The vehicle ids are uncompressed so that a read can tell from the header alone whether a chunk
 * holds a vehicle. The length and checksum make a torn tail (a chunk cut short by a crash, or
 * garbage after it) detectable: the reader stops at the first chunk that does not check.
 */
import { crc32 } from './crc32.ts';
import { packFrames, unpackFrames, type PackedFrame } from './frame-pack.ts';

export const CHUNK_MAGIC = 0x3143544c; // 'LTC1' read as u32 LE
export const CHUNK_HEAD = 12;

/** A frame with its vehicle, as a chunk holds it. */
export interface ChunkFrame extends PackedFrame {
  vehicleId: number;
}

/** Builds a chunk's bytes from frames and their compressed packing. */
export function encodeChunk(
  frames: readonly ChunkFrame[],
  compressed: Buffer,
  rawLength: number,
): Buffer {
  const n = frames.length;
  const bodyLength = 8 + 4 * n + compressed.length;
  const out = Buffer.allocUnsafe(CHUNK_HEAD + bodyLength);
  out.writeUInt32LE(CHUNK_MAGIC, 0);
  out.writeUInt32LE(bodyLength, 4);
  out.writeUInt32LE(n, 12);
  out.writeUInt32LE(rawLength, 16);
  for (let i = 0; i < n; i++) out.writeUInt32LE(frames[i]!.vehicleId, 20 + 4 * i);
  out.set(compressed, 20 + 4 * n);
  out.writeUInt32LE(crc32(out.subarray(CHUNK_HEAD)), 8);
  return out;
}

/** The packed (uncompressed) bytes a chunk will compress. */
export function chunkPayload(frames: readonly ChunkFrame[]): Buffer {
  return packFrames(frames);
}

/** What the 12-byte head says, or null when it is not a chunk head. */
export function readChunkHead(head: Buffer): { bodyLength: number; crc: number } | null {
  if (head.length < CHUNK_HEAD || head.readUInt32LE(0) !== CHUNK_MAGIC) return null;
  return { bodyLength: head.readUInt32LE(4), crc: head.readUInt32LE(8) };
}

/** The parsed body of a chunk whose checksum was verified (null when it does not check). */
export interface ChunkBody {
  vehicleIds: Uint32Array;
  rawLength: number;
  compressed: Buffer;
}

export function parseChunkBody(body: Buffer, crc: number): ChunkBody | null {
  if (body.length < 8 || crc32(body) !== crc) return null;
  const n = body.readUInt32LE(0);
  if (8 + 4 * n > body.length) return null;
  const vehicleIds = new Uint32Array(n);
  for (let i = 0; i < n; i++) vehicleIds[i] = body.readUInt32LE(8 + 4 * i);
  return { vehicleIds, rawLength: body.readUInt32LE(4), compressed: body.subarray(8 + 4 * n) };
}

/** The frames of a chunk body, given its inflated payload. */
export function chunkFrames(body: ChunkBody, raw: Buffer): ChunkFrame[] {
  const packed = unpackFrames(raw, body.vehicleIds.length);
  return packed.map((p, i) => ({
    vehicleId: body.vehicleIds[i]!,
    receivedAt: p.receivedAt,
    bytes: p.bytes,
  }));
}
