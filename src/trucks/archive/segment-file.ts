/**
 * A compacted segment file: the frames of one segment slot sorted by vehicle, one compressed
 * block per vehicle, and an index at the end. Layout (little-endian):
 *
 *   block × n        deflate-raw(packed frames of one vehicle, in append order)
 *   index × n        vehicleId u32 | offset f64 | length u32 | frames u32 | crc32(block) u32
 *                    (24 bytes each, ascending vehicleId)
 *   fence × ⌈n/S⌉    vehicleId u32 of index entries 0, S, 2S, … (S = fence step)
 *   footer (40)      magic 'LTS1' | n u32 | S u32 | indexOffset f64 | frames f64 | rawBytes f64 |
 *                    crc32(footer's first 36 bytes) u32
 *
 * A reader finds one vehicle with four positional reads (footer, fence, ≤ S index entries,
 * block), whatever the number of vehicles. A segment is written to a temporary name, fsync'd and
 * then renamed, so a segment file is never seen half-written.
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from './crc32.ts';

const MAGIC = 0x3153544c; // 'LTS1'
const ENTRY = 24;
const FOOTER = 40;
const FENCE_STEP = 128;

/** One vehicle's block as the index lists it. */
export interface SegmentEntry {
  vehicleId: number;
  offset: number;
  length: number;
  frames: number;
  crc: number;
}

/** What a segment's footer says. */
export interface SegmentFooter {
  entries: number;
  fenceStep: number;
  indexOffset: number;
  frames: number;
  rawBytes: number;
}

/** The index, fence and footer that end a segment whose blocks are already written. */
export function encodeSegmentTail(
  entries: SegmentEntry[],
  indexOffset: number,
  rawBytes: number,
): Buffer {
  const sorted = [...entries].sort((a, b) => a.vehicleId - b.vehicleId);
  const fences = Math.ceil(sorted.length / FENCE_STEP);
  const out = Buffer.alloc(sorted.length * ENTRY + fences * 4 + FOOTER);
  let frames = 0;
  sorted.forEach((e, i) => {
    const at = i * ENTRY;
    out.writeUInt32LE(e.vehicleId, at);
    out.writeDoubleLE(e.offset, at + 4);
    out.writeUInt32LE(e.length, at + 12);
    out.writeUInt32LE(e.frames, at + 16);
    out.writeUInt32LE(e.crc, at + 20);
    frames += e.frames;
  });
  const fenceAt = sorted.length * ENTRY;
  for (let f = 0; f < fences; f++)
    out.writeUInt32LE(sorted[f * FENCE_STEP]!.vehicleId, fenceAt + 4 * f);
  const foot = fenceAt + fences * 4;
  out.writeUInt32LE(MAGIC, foot);
  out.writeUInt32LE(sorted.length, foot + 4);
  out.writeUInt32LE(FENCE_STEP, foot + 8);
  out.writeDoubleLE(indexOffset, foot + 12);
  out.writeDoubleLE(frames, foot + 20);
  out.writeDoubleLE(rawBytes, foot + 28);
  out.writeUInt32LE(crc32(out.subarray(foot, foot + 36)), foot + 36);
  return out;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error(`segment read cut short at ${position}`);
  return buf;
}

/** The footer of an open segment file (throws when it does not check). */
export async function readSegmentFooter(fh: FileHandle): Promise<SegmentFooter> {
  const { size } = await fh.stat();
  if (size < FOOTER) throw new Error('segment too short');
  const f = await readAt(fh, size - FOOTER, FOOTER);
  if (f.readUInt32LE(0) !== MAGIC || crc32(f.subarray(0, 36)) !== f.readUInt32LE(36)) {
    throw new Error('segment footer does not check');
  }
  return {
    entries: f.readUInt32LE(4),
    fenceStep: f.readUInt32LE(8),
    indexOffset: f.readDoubleLE(12),
    frames: f.readDoubleLE(20),
    rawBytes: f.readDoubleLE(28),
  };
}

function entryAt(buf: Buffer, i: number): SegmentEntry {
  const at = i * ENTRY;
  return {
    vehicleId: buf.readUInt32LE(at),
    offset: buf.readDoubleLE(at + 4),
    length: buf.readUInt32LE(at + 12),
    frames: buf.readUInt32LE(at + 16),
    crc: buf.readUInt32LE(at + 20),
  };
}

/** The index entry of one vehicle, or null when the segment does not hold it. */
export async function findSegmentEntry(
  fh: FileHandle,
  footer: SegmentFooter,
  vehicleId: number,
): Promise<SegmentEntry | null> {
  if (footer.entries === 0) return null;
  const fences = Math.ceil(footer.entries / footer.fenceStep);
  const fenceAt = footer.indexOffset + footer.entries * ENTRY;
  const fence = await readAt(fh, fenceAt, fences * 4);
  let lo = 0;
  let hi = fences - 1;
  if (vehicleId < fence.readUInt32LE(0)) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fence.readUInt32LE(4 * mid) <= vehicleId) lo = mid;
    else hi = mid - 1;
  }
  const first = lo * footer.fenceStep;
  const count = Math.min(footer.fenceStep, footer.entries - first);
  const run = await readAt(fh, footer.indexOffset + first * ENTRY, count * ENTRY);
  for (let i = 0; i < count; i++) {
    if (run.readUInt32LE(i * ENTRY) === vehicleId) return entryAt(run, i);
  }
  return null;
}

/** All index entries, in file order of the index (ascending vehicle). */
export async function readSegmentIndex(
  fh: FileHandle,
  footer: SegmentFooter,
): Promise<SegmentEntry[]> {
  if (footer.entries === 0) return [];
  const buf = await readAt(fh, footer.indexOffset, footer.entries * ENTRY);
  return Array.from({ length: footer.entries }, (_, i) => entryAt(buf, i));
}

/** The compressed block of an entry, checked against its crc32 (throws when it does not check). */
export async function readSegmentBlock(fh: FileHandle, entry: SegmentEntry): Promise<Buffer> {
  const block = await readAt(fh, entry.offset, entry.length);
  if (crc32(block) !== entry.crc)
    throw new Error(`segment block of vehicle ${entry.vehicleId} does not check`);
  return block;
}
