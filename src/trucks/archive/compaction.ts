/**
 * Compaction of a closed segment slot: the previous compacted segment (if any) and the open
 * files sealed for it are rewritten into one segment sorted by vehicle (segment-file.ts), each
 * vehicle's frames in append order (the previous segment's first, then the chunks in file and
 * offset order). Memory stays bounded: when the slot holds more raw bytes than the budget, frames
 * are first spread over ⌈raw ÷ budget⌉ spill files by vehicle id, and each spill file is then
 * grouped in memory on its own. The result is written to `<out>.tmp`, fsync'd and renamed; the
 * caller fsyncs the directory and removes the inputs.
 */
import { open, rename, rm, readFile, type FileHandle } from 'node:fs/promises';
import { allFrames } from './chunk-format.ts';
import { crc32 } from './crc32.ts';
import { compressBlock, decompressBlock } from './codec.ts';
import { packFrames, unpackFrames, type PackedFrame } from './frame-pack.ts';
import { readKnownChunks, type ChunkRef } from './open-file.ts';
import {
  encodeSegmentTail,
  readSegmentBlock,
  readSegmentFooter,
  readSegmentIndex,
  type SegmentEntry,
} from './segment-file.ts';

/** What one compaction reads and writes. */
export interface CompactionInput {
  segPath: string | null;
  opens: ReadonlyArray<{ path: string; length: number; chunks: readonly ChunkRef[] }>;
  outPath: string;
  memoryBytes: number;
  /** Checked between inputs; true stops the compaction (the inputs stay as they were). */
  aborted: () => boolean;
}

class Aborted extends Error {}

type Feed = (vehicleId: number, frames: readonly PackedFrame[]) => Promise<void>;

/** Streams every frame of the inputs, in append order per vehicle, into `feed`. */
async function feedInputs(input: CompactionInput, feed: Feed): Promise<void> {
  if (input.segPath) {
    const fh = await open(input.segPath, 'r');
    try {
      const footer = await readSegmentFooter(fh);
      for (const e of await readSegmentIndex(fh, footer)) {
        if (input.aborted()) throw new Aborted();
        const raw = await decompressBlock(await readSegmentBlock(fh, e));
        await feed(e.vehicleId, unpackFrames(raw, e.frames));
      }
    } finally {
      await fh.close();
    }
  }
  for (const o of input.opens) {
    const fh = await open(o.path, 'r');
    try {
      // In runs of at most 64 chunks: bounded memory, few large reads.
      for (let i = 0; i < o.chunks.length; i += 64) {
        for (const body of await readKnownChunks(fh, o.chunks.slice(i, i + 64))) {
          if (input.aborted()) throw new Aborted();
          const frames = await allFrames(body);
          for (const f of frames) await feed(f.vehicleId, [f]);
        }
      }
    } finally {
      await fh.close();
    }
  }
}

/** Appends blocks to the segment being written and keeps their index entries. */
class SegmentWriter {
  readonly entries: SegmentEntry[] = [];
  position = 0;
  rawBytes = 0;
  constructor(private readonly fh: FileHandle) {}

  async block(vehicleId: number, frames: readonly PackedFrame[]): Promise<void> {
    const raw = packFrames(frames);
    const block = await compressBlock(raw);
    await this.fh.write(block, 0, block.length, this.position);
    this.entries.push({
      vehicleId,
      offset: this.position,
      length: block.length,
      frames: frames.length,
      crc: crc32(block),
    });
    this.position += block.length;
    this.rawBytes += raw.length;
  }

  async groups(byVehicle: Map<number, PackedFrame[]>): Promise<void> {
    for (const id of [...byVehicle.keys()].sort((a, b) => a - b))
      await this.block(id, byVehicle.get(id)!);
  }
}

/** Buffered writer of one spill file: vehicleId u32 | receivedAt f64 | length u32 | bytes. */
class Spill {
  private parts: Buffer[] = [];
  private size = 0;
  private position = 0;
  constructor(
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  async add(vehicleId: number, f: PackedFrame): Promise<void> {
    const head = Buffer.allocUnsafe(16);
    head.writeUInt32LE(vehicleId, 0);
    head.writeDoubleLE(f.receivedAt, 4);
    head.writeUInt32LE(f.bytes.length, 12);
    this.parts.push(head, Buffer.from(f.bytes));
    this.size += 16 + f.bytes.length;
    if (this.size >= 4 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const buf = Buffer.concat(this.parts, this.size);
    await this.fh.write(buf, 0, buf.length, this.position);
    this.position += buf.length;
    this.parts = [];
    this.size = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
  }
}

function groupSpill(buf: Buffer): Map<number, PackedFrame[]> {
  const groups = new Map<number, PackedFrame[]>();
  let at = 0;
  while (at < buf.length) {
    const id = buf.readUInt32LE(at);
    const receivedAt = buf.readDoubleLE(at + 4);
    const len = buf.readUInt32LE(at + 12);
    const bytes = buf.subarray(at + 16, at + 16 + len);
    at += 16 + len;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = []));
    g.push({ receivedAt, bytes });
  }
  return groups;
}

/** Raw bytes a compaction will handle (for the number of spill files). */
async function inputRawBytes(input: CompactionInput): Promise<number> {
  let raw = 0;
  for (const o of input.opens) for (const c of o.chunks) raw += c.rawLength;
  if (input.segPath) {
    const fh = await open(input.segPath, 'r');
    try {
      raw += (await readSegmentFooter(fh)).rawBytes;
    } finally {
      await fh.close();
    }
  }
  return raw;
}

/**
 * Compacts the inputs into `outPath`. Resolves with the frames and bytes written, or null when
 * aborted (nothing of the output is left behind).
 */
export async function compactSlot(
  input: CompactionInput,
): Promise<{ frames: number; bytes: number } | null> {
  const tmp = `${input.outPath}.tmp`;
  const buckets = Math.max(1, Math.ceil((await inputRawBytes(input)) / input.memoryBytes));
  const spills: Spill[] = [];
  const out = await open(tmp, 'w');
  try {
    const writer = new SegmentWriter(out);
    if (buckets === 1) {
      const groups = new Map<number, PackedFrame[]>();
      await feedInputs(input, async (id, frames) => {
        let g = groups.get(id);
        if (!g) groups.set(id, (g = []));
        for (const f of frames) g.push(f);
      });
      await writer.groups(groups);
    } else {
      for (let b = 0; b < buckets; b++) {
        const p = `${input.outPath}.spill${b}`;
        spills.push(new Spill(p, await open(p, 'w')));
      }
      await feedInputs(input, async (id, frames) => {
        for (const f of frames) await spills[id % buckets]!.add(id, f);
      });
      for (const s of spills) await s.close();
      for (const s of spills) {
        if (input.aborted()) throw new Aborted();
        await writer.groups(groupSpill(await readFile(s.path)));
        await rm(s.path, { force: true });
      }
    }
    const tail = encodeSegmentTail(writer.entries, writer.position, writer.rawBytes);
    await out.write(tail, 0, tail.length, writer.position);
    await out.sync();
    await out.close();
    await rename(tmp, input.outPath);
    const frames = writer.entries.reduce((n, e) => n + e.frames, 0);
    return { frames, bytes: writer.position + tail.length };
  } catch (e) {
    await out.close().catch(() => undefined);
    await rm(tmp, { force: true });
    for (const s of spills) {
      await s.close().catch(() => undefined);
      await rm(s.path, { force: true });
    }
    if (e instanceof Aborted) return null;
    throw e;
  }
}
