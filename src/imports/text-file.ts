/** Reads a text file for import, transparently un-gzipping `*.gz`, with catalogue errors. */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LantianError } from '../errors.ts';
import { lineOfNul } from '../nul-character.ts';
import { importConfigFromEnv, type ImportConfig } from './import-config.ts';

/** Bytes zlib unpacks per step; the size bound is checked after each step. */
const INFLATE_STEP = 64 * 1024;

/**
 * Unpacks a gzip buffer piece by piece, stopping as soon as the output passes `maxBytes` (zlib's
 * maxOutputLength is checked after every INFLATE_STEP), so a gzip bomb costs at most `maxBytes`
 * of memory and the time to unpack that much: LT_ERR_IMPORT_TOO_LARGE.
 */
function gunzipBounded(path: string, buf: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(buf, { chunkSize: INFLATE_STEP, maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new LantianError(
        'LT_ERR_IMPORT_TOO_LARGE',
        `${path}：解压后超过 ${maxBytes.toLocaleString('en-US')} 字节（LANTIAN_IMPORT_MAX_UNPACKED_MB）`,
        { limit: maxBytes },
      );
    throw new LantianError('LT_ERR_CSV_TRUNCATED', `${path}: gzip ${(e as Error).message}`);
  }
}

/**
 * The whole file as UTF-8 text (a leading byte-order mark is dropped); LT_ERR_NUL_CHARACTER when it
 * contains U+0000, LT_ERR_IMPORT_TOO_LARGE when a `.gz` unpacks to more than the limit
 * (LANTIAN_IMPORT_MAX_UNPACKED_MB unless given).
 */
export function readTextFile(
  path: string,
  limits: ImportConfig = importConfigFromEnv(process.env),
): string {
  let buf: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    buf = readFileSync(path);
  } catch {
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', path);
  }
  if (path.endsWith('.gz')) {
    buf = gunzipBounded(path, buf, limits.maxUnpackedBytes);
  }
  const text = buf.toString('utf8');
  // PostgreSQL cannot store U+0000; refuse the file on every dialect, saying where (nul-character.ts).
  const nulLine = lineOfNul(text);
  if (nulLine !== undefined)
    throw new LantianError('LT_ERR_NUL_CHARACTER', `${path} 第 ${nulLine} 行`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits text into lines (LF or CRLF). `complete` is false when the text does not end with a
 * line break, which is how a file cut short in transfer usually looks.
 */
export function splitLines(text: string): { lines: string[]; complete: boolean } {
  const complete = text.length === 0 || text.endsWith('\n');
  const lines = text.split('\n');
  if (complete) lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return { lines, complete };
}
