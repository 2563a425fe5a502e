/**
 * Open segment files: chunks appended one after another (chunk-format.ts). On reopen a file is
 * scanned chunk by chunk; the first chunk that is cut short or does not check ends it, and the
 * file is truncated there (a torn tail from a crash, or garbage), so earlier chunks are never
 * touched and later appends start on a clean boundary.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { CHUNK_HEAD, parseChunkBody, readChunkHead, type ChunkBody } from './chunk-format.ts';

/** Where a chunk lies and which vehicles it holds (sorted, unique) — kept in memory. */
export interface ChunkRef {
  offset: number;
  length: number;
  frames: number;
  rawLength: number;
  vehicles: Uint32Array;
}

/** Sorted unique copy of the vehicle ids of a chunk. */
export function uniqueSorted(ids: Uint32Array): Uint32Array {
  const s = Uint32Array.from(ids).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) s[n++] = s[i]!;
  return s.slice(0, n);
}

/** True when the sorted ids contain `id`. */
export function holds(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Reads and checks the chunk at `offset`; null when it is cut short or does not check. */
async function readChunk(
  fh: FileHandle,
  offset: number,
  end: number,
): Promise<{ body: ChunkBody; length: number } | null> {
  if (offset + CHUNK_HEAD > end) return null;
  const head = Buffer.allocUnsafe(CHUNK_HEAD);
  await fh.read(head, 0, CHUNK_HEAD, offset);
  const h = readChunkHead(head);
  if (!h || offset + CHUNK_HEAD + h.bodyLength > end) return null;
  const raw = Buffer.allocUnsafe(h.bodyLength);
  const { bytesRead } = await fh.read(raw, 0, h.bodyLength, offset + CHUNK_HEAD);
  if (bytesRead !== h.bodyLength) return null;
  const body = parseChunkBody(raw, h.crc);
  return body ? { body, length: CHUNK_HEAD + h.bodyLength } : null;
}

const MAX_RUN = 16 << 20;

/**
 * Reads chunks already known from the in-memory index (ascending offsets), checked. Adjacent
 * chunks are read together, up to 16 MiB per positional read, so that a vehicle present in most
 * chunks costs a few large reads rather than one read per chunk.
 */
export async function readKnownChunks(
  fh: FileHandle,
  refs: readonly ChunkRef[],
): Promise<ChunkBody[]> {
  const out: ChunkBody[] = [];
  for (let i = 0; i < refs.length;) {
    let j = i + 1;
    let end = refs[i]!.offset + refs[i]!.length;
    while (
      j < refs.length &&
      refs[j]!.offset === end &&
      end + refs[j]!.length - refs[i]!.offset <= MAX_RUN
    ) {
      end += refs[j]!.length;
      j++;
    }
    const start = refs[i]!.offset;
    const buf = Buffer.allocUnsafe(end - start);
    const { bytesRead } = await fh.read(buf, 0, buf.length, start);
    for (const ref of refs.slice(i, j)) {
      const at = ref.offset - start;
      const h = readChunkHead(buf.subarray(at, at + CHUNK_HEAD));
      const body =
        at + ref.length <= bytesRead && h && h.bodyLength === ref.length - CHUNK_HEAD
          ? parseChunkBody(buf.subarray(at + CHUNK_HEAD, at + ref.length), h.crc)
          : null;
      if (!body) throw new Error(`chunk at ${ref.offset} does not check`);
      out.push(body);
    }
    i = j;
  }
  return out;
}

/**
 * Scans an open segment file, truncating (and fsyncing) a tail that is not a whole checked chunk
 * (unless `truncate` is false: a reader beside the writer only stops there). Returns the chunks
 * and the length kept, and how many bytes were cut (or left).
 */
export async function recoverOpenFile(
  path: string,
  truncate = true,
): Promise<{ chunks: ChunkRef[]; length: number; cut: number }> {
  const fh = await open(path, truncate ? 'r+' : 'r');
  try {
    const { size } = await fh.stat();
    const chunks: ChunkRef[] = [];
    let at = 0;
    for (;;) {
      const c = await readChunk(fh, at, size);
      if (!c) break;
      chunks.push({
        offset: at,
        length: c.length,
        frames: c.body.vehicleIds.length,
        rawLength: c.body.rawLength,
        vehicles: uniqueSorted(c.body.vehicleIds),
      });
      at += c.length;
    }
    if (at < size && truncate) {
      await fh.truncate(at);
      await fh.sync();
    }
    return { chunks, length: at, cut: size - at };
  } finally {
    await fh.close();
  }
}
