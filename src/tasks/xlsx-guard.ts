/**
 * The limits an uploaded spreadsheet (.xlsx, a ZIP of XML parts) must keep before anything parses
 * it: number of ZIP entries, bytes after unpacking, worksheet rows and cells. Every entry is
 * inflated as a stream, in 64 KiB pieces that are counted and dropped, so a "spreadsheet bomb" (a
 * 1.3 MB file whose sheet unpacks to 338 MB of identical rows) is refused after a few megabytes,
 * with memory held to one piece. Rows and cells are counted from the worksheet XML's <row> and <c>
 * start tags (ECMA-376 Part 1, §18.3.1.73 row and §18.3.1.4 c), with or without a namespace prefix.
 *
 * The ZIP is read from its central directory (APPNOTE.TXT §4.3.12, §4.3.16), the same way the
 * spreadsheet library reads it; ZIP64 archives and compression methods other than stored (0) and
 * deflate (8) are refused, as no spreadsheet of the sizes allowed needs them.
 */
import { createInflateRaw } from 'node:zlib';
import { LantianError } from '../errors.ts';

/** What a spreadsheet may contain. */
export interface XlsxLimits {
  /** ZIP entries (a workbook has a dozen or two). */
  readonly maxEntries: number;
  /** Bytes of all entries after unpacking. */
  readonly maxUnpackedBytes: number;
  /** Worksheet rows, all sheets together. */
  readonly maxRows: number;
  /** Worksheet cells, all sheets together. */
  readonly maxCells: number;
}

/** What a spreadsheet held, counted. */
export interface XlsxCounts {
  entries: number;
  unpackedBytes: number;
  rows: number;
  cells: number;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const PIECE = 64 * 1024;

const unreadable = (filename: string, why: string): LantianError =>
  new LantianError('LT_ERR_SHEET_HEADER', `${filename} 无法读取：${why}`);

const overLimit = (filename: string, what: string, limit: number): LantianError =>
  new LantianError(
    'LT_ERR_SHEET_LIMIT',
    `${filename}：${what}超过上限 ${limit.toLocaleString('en-US')}，已停止读取`,
    { limit },
  );

/** The entries named by the central directory. */
export function zipEntries(b: Uint8Array, filename: string, maxEntries: number): Entry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw unreadable(filename, '不是 ZIP 格式（找不到中央目录）');
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff || dirSize === 0xffffffff)
    throw unreadable(filename, '不支持 ZIP64 格式');
  if (count > maxEntries) throw overLimit(filename, `压缩包内文件数 ${count} `, maxEntries);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || view.getUint32(at, true) !== CENTRAL)
      throw unreadable(filename, '中央目录已损坏');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff)
      throw unreadable(filename, '不支持 ZIP64 格式');
    const name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen));
    entries.push({ name, method, compressedSize, localOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry (after its local header). */
function entryData(b: Uint8Array, e: Entry, filename: string): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const h = e.localOffset;
  if (h + 30 > b.length || view.getUint32(h, true) !== LOCAL)
    throw unreadable(filename, `${e.name} 的文件头已损坏`);
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  if (start + e.compressedSize > b.length) throw unreadable(filename, `${e.name} 不完整`);
  return b.subarray(start, start + e.compressedSize);
}

/** Start tags of rows and cells, prefixed or not; at most 20 characters of prefix. */
const TAG = /<(?:[A-Za-z_][\w.-]{0,19}:)?(row|c)[\s/>]/g;
const CARRY = 32;

/** Counts <row> and <c> start tags over pieces of XML, across piece boundaries. */
export class TagCounter {
  rows = 0;
  cells = 0;
  private carry = '';

  /** Adds one piece (the XML's tag names are ASCII, so latin1 keeps their positions). */
  add(piece: Uint8Array): void {
    const text =
      this.carry + Buffer.from(piece.buffer, piece.byteOffset, piece.length).toString('latin1');
    const seen = this.carry.length;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      // A tag that ended inside the carry was counted with the previous piece.
      if (m.index + m[0].length <= seen) continue;
      if (m[1] === 'row') this.rows++;
      else this.cells++;
    }
    this.carry = text.slice(-CARRY);
  }
}

/** Feeds an entry's unpacked bytes to `onPiece`, one piece at a time; throws what it throws. */
function unpack(
  data: Uint8Array,
  method: number,
  name: string,
  filename: string,
  onPiece: (p: Uint8Array) => void,
): Promise<void> {
  if (method === 0) {
    for (let i = 0; i < data.length; i += PIECE) onPiece(data.subarray(i, i + PIECE));
    return Promise.resolve();
  }
  if (method !== 8)
    return Promise.reject(unreadable(filename, `${name} 的压缩方式 ${method} 不受支持`));
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: PIECE });
    let failed = false;
    inflate.on('data', (p: Buffer) => {
      if (failed) return;
      try {
        onPiece(p);
      } catch (e) {
        failed = true;
        inflate.destroy();
        reject(e);
      }
    });
    inflate.on('error', (e) => {
      if (!failed) reject(unreadable(filename, `${name}：${e.message}`));
      failed = true;
    });
    inflate.on('end', () => {
      if (!failed) resolve();
    });
    inflate.end(data);
  });
}

/**
 * Unpacks every entry as a stream and counts bytes, rows and cells, refusing with
 * LT_ERR_SHEET_LIMIT at the first limit passed (LT_ERR_SHEET_HEADER when it is no readable ZIP).
 */
export async function checkXlsxLimits(
  b: Uint8Array,
  filename: string,
  limits: XlsxLimits,
): Promise<XlsxCounts> {
  const entries = zipEntries(b, filename, limits.maxEntries);
  let unpackedBytes = 0;
  const tags = new TagCounter();
  for (const e of entries) {
    const xml = /\.xml$/i.test(e.name);
    const counter = new TagCounter();
    await unpack(entryData(b, e, filename), e.method, e.name, filename, (p) => {
      unpackedBytes += p.length;
      if (unpackedBytes > limits.maxUnpackedBytes)
        throw overLimit(filename, '解压后的大小（字节）', limits.maxUnpackedBytes);
      if (!xml) return;
      counter.add(p);
      if (tags.rows + counter.rows > limits.maxRows)
        throw overLimit(filename, '行数', limits.maxRows);
      if (tags.cells + counter.cells > limits.maxCells)
        throw overLimit(filename, '单元格数', limits.maxCells);
    });
    tags.rows += counter.rows;
    tags.cells += counter.cells;
  }
  return { entries: entries.length, unpackedBytes, rows: tags.rows, cells: tags.cells };
}
