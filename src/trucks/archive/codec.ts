/**
 * Compression of the archive (node:zlib). Chunks of open segments are written on the ingest path
 * and use deflate-raw at level 1 (fast). The per-vehicle blocks of compacted segments are written
 * in the background and use brotli at quality 6, which squeezes the similar frames of one vehicle
 * about 10 % further than deflate at any level. docs/benchmarks.md, "Heavy-truck raw archive",
 * has the measurements behind the choice.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliCompress = promisify(zlib.brotliCompress);
const brotliDecompress = promisify(zlib.brotliDecompress);

const CHUNK_LEVEL = 1;
const BLOCK_QUALITY = 6;

/** Compresses a chunk's packed frames (thread pool: the event loop keeps serving). */
export function compressChunk(raw: Buffer): Promise<Buffer> {
  return deflateRaw(raw, { level: CHUNK_LEVEL });
}

/** Inflates a chunk in the background (compaction). */
export function inflateChunk(compressed: Buffer): Promise<Buffer> {
  return inflateRaw(compressed);
}

/** Inflates a chunk at once (reads: many small chunks, no thread-pool round trips). */
export function inflateChunkNow(compressed: Buffer, rawLength: number): Buffer {
  return zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(rawLength, 1) });
}

/** Compresses one vehicle's packed frames for a compacted segment. */
export function compressBlock(raw: Buffer): Promise<Buffer> {
  return brotliCompress(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BLOCK_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
}

/** Decompresses a block in the background (compaction merging an earlier segment). */
export function decompressBlock(compressed: Buffer): Promise<Buffer> {
  return brotliDecompress(compressed);
}

/** Decompresses a block at once (reads). */
export function decompressBlockNow(compressed: Buffer): Buffer {
  return zlib.brotliDecompressSync(compressed);
}
