/**
 * Compression of the archive (node:zlib). Chunks of open segments are written on the ingest path
 * and use deflate-raw at level 1 (fast); the per-vehicle blocks of compacted segments are written
 * in the background and use deflate-raw at level 6, which squeezes the near-identical frames of
 * one vehicle much further. docs/benchmarks.md, "Heavy-truck raw archive", has the measurements
 * behind the choice.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);

const CHUNK_LEVEL = 1;
const BLOCK_LEVEL = 6;

/** Compresses a chunk's packed frames (thread pool: the event loop keeps serving). */
export function compressChunk(raw: Buffer): Promise<Buffer> {
  return deflateRaw(raw, { level: CHUNK_LEVEL });
}

/** Compresses one vehicle's packed frames for a compacted segment. */
export function compressBlock(raw: Buffer): Promise<Buffer> {
  return deflateRaw(raw, { level: BLOCK_LEVEL });
}

/** Inflates a chunk or block in the background (compaction). */
export function inflate(compressed: Buffer): Promise<Buffer> {
  return inflateRaw(compressed);
}

/** Inflates a chunk or block at once (reads: many small blocks, no thread-pool round trips). */
export function inflateNow(compressed: Buffer, rawLength?: number): Buffer {
  return zlib.inflateRawSync(
    compressed,
    rawLength ? { maxOutputLength: Math.max(rawLength, 1) } : {},
  );
}
