/**
 * A chunk of an open segment file: one append call's frames of one segment slot. Layout
 * (little-endian):
 *
 *   magic 'LTC1' (4) | bodyLength u32 | crc32(body) u32 | body
 *   body = frameCount n u32 | groupCount G u32 | vehicleId u32 × n |
 *          (compressedLength u32, rawLength u32) × G | deflate-raw(packed frames of group g) × G
 *
 * A frame of vehicle v is in group v mod G; frames are stored group by group, each group in
 * append order, so a vehicle's frames keep their order. G grows with the chunk (about 128 frames a
 * group, at most 64 groups), so that a read of one vehicle inflates one group, not the whole
 * chunk. The vehicle ids are uncompressed so that a read can tell from the header alone whether a
 * chunk holds a vehicle. The length and checksum make a torn tail (a chunk cut short by a crash,
 * or garbage after it) detectable: the reader stops at the first chunk that does not check.
 */
import { compressChunk, inflateChunk, inflateChunkNow } from './codec.ts';
import { crc32 } from './crc32.ts';
import { packFrames, unpackFrames, type PackedFrame } from './frame-pack.ts';

const CHUNK_MAGIC = 0x3143544c; // 'LTC1' read as u32 LE
export const CHUNK_HEAD = 12;
const FRAMES_PER_GROUP = 128;
const MAX_GROUPS = 64;

/** A frame with its vehicle, as a chunk holds it. */
export interface ChunkFrame extends PackedFrame {
  vehicleId: number;
}

/** A chunk ready to write, with what the in-memory index keeps of it. */
export interface BuiltChunk {
  bytes: Buffer;
  frames: number;
  rawLength: number;
  vehicleIds: Uint32Array;
}

/** Groups, packs, compresses (in the thread pool) and frames one chunk. */
export async function buildChunk(frames: readonly ChunkFrame[]): Promise<BuiltChunk> {
  const n = frames.length;
  const groups = Math.min(MAX_GROUPS, Math.max(1, Math.floor(n / FRAMES_PER_GROUP)));
  const byGroup: ChunkFrame[][] = Array.from({ length: groups }, () => []);
  for (const f of frames) byGroup[f.vehicleId % groups]!.push(f);
  const raws = byGroup.map((g) => packFrames(g));
  const packed = await Promise.all(raws.map((r) => compressChunk(r)));
  const ordered = byGroup.flat();
  const headLength = 8 + 4 * n + 8 * groups;
  const bodyLength = headLength + packed.reduce((s, p) => s + p.length, 0);
  const out = Buffer.allocUnsafe(CHUNK_HEAD + bodyLength);
  out.writeUInt32LE(CHUNK_MAGIC, 0);
  out.writeUInt32LE(bodyLength, 4);
  let at = CHUNK_HEAD;
  out.writeUInt32LE(n, at);
  out.writeUInt32LE(groups, at + 4);
  at += 8;
  const vehicleIds = new Uint32Array(n);
  ordered.forEach((f, i) => {
    vehicleIds[i] = f.vehicleId;
    out.writeUInt32LE(f.vehicleId, at + 4 * i);
  });
  at += 4 * n;
  for (let g = 0; g < groups; g++) {
    out.writeUInt32LE(packed[g]!.length, at);
    out.writeUInt32LE(raws[g]!.length, at + 4);
    at += 8;
  }
  for (const p of packed) {
    out.set(p, at);
    at += p.length;
  }
  out.writeUInt32LE(crc32(out.subarray(CHUNK_HEAD)), 8);
  const rawLength = raws.reduce((s, r) => s + r.length, 0);
  return { bytes: out, frames: n, rawLength, vehicleIds };
}

/** What the 12-byte head says, or null when it is not a chunk head. */
export function readChunkHead(head: Buffer): { bodyLength: number; crc: number } | null {
  if (head.length < CHUNK_HEAD || head.readUInt32LE(0) !== CHUNK_MAGIC) return null;
  return { bodyLength: head.readUInt32LE(4), crc: head.readUInt32LE(8) };
}

/** The parsed body of a chunk whose checksum was verified. */
export interface ChunkBody {
  vehicleIds: Uint32Array;
  rawLength: number;
  groups: Array<{ compressed: Buffer; rawLength: number }>;
}

/** Parses a chunk body; null when its checksum or structure does not check. */
export function parseChunkBody(body: Buffer, crc: number): ChunkBody | null {
  if (body.length < 8 || crc32(body) !== crc) return null;
  const n = body.readUInt32LE(0);
  const g = body.readUInt32LE(4);
  let at = 8 + 4 * n + 8 * g;
  if (g < 1 || at > body.length) return null;
  const vehicleIds = new Uint32Array(n);
  for (let i = 0; i < n; i++) vehicleIds[i] = body.readUInt32LE(8 + 4 * i);
  const groups: ChunkBody['groups'] = [];
  let rawLength = 0;
  for (let k = 0; k < g; k++) {
    const len = body.readUInt32LE(8 + 4 * n + 8 * k);
    const raw = body.readUInt32LE(8 + 4 * n + 8 * k + 4);
    if (at + len > body.length) return null;
    groups.push({ compressed: body.subarray(at, at + len), rawLength: raw });
    rawLength += raw;
    at += len;
  }
  return at === body.length ? { vehicleIds, rawLength, groups } : null;
}

function groupFrames(body: ChunkBody, g: number, raw: Buffer): ChunkFrame[] {
  const G = body.groups.length;
  const ids = body.vehicleIds.filter((id) => id % G === g);
  return unpackFrames(raw, ids.length).map((p, i) => ({
    vehicleId: ids[i]!,
    receivedAt: p.receivedAt,
    bytes: p.bytes,
  }));
}

/** The frames of one vehicle in a chunk, inflating only its group (reads). */
export function vehicleFramesNow(body: ChunkBody, vehicleId: number): ChunkFrame[] {
  const g = vehicleId % body.groups.length;
  const group = body.groups[g]!;
  const raw = inflateChunkNow(group.compressed, group.rawLength);
  return groupFrames(body, g, raw).filter((f) => f.vehicleId === vehicleId);
}

/** Every frame of a chunk, group by group (compaction; inflated in the thread pool). */
export async function allFrames(body: ChunkBody): Promise<ChunkFrame[]> {
  const raws = await Promise.all(body.groups.map((g) => inflateChunk(g.compressed)));
  return raws.flatMap((raw, g) => groupFrames(body, g, raw));
}
