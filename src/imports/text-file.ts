/** Reads a text file for import, transparently un-gzipping `*.gz`, with catalogue errors. */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LantianError } from '../errors.ts';
import { lineOfNul } from '../nul-character.ts';

/**
 * The whole file as UTF-8 text (a leading byte-order mark is dropped); LT_ERR_NUL_CHARACTER when it
 * contains U+0000.
 */
export function readTextFile(path: string): string {
  let buf: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    buf = readFileSync(path);
  } catch {
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', path);
  }
  if (path.endsWith('.gz')) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new LantianError('LT_ERR_CSV_TRUNCATED', `${path}: gzip ${(e as Error).message}`);
    }
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
