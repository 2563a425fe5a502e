/**
 * Finding NUL characters (U+0000) in input (pure). PostgreSQL cannot store U+0000 in a text
 * column, so every way in — HTTP (src/http/nul-guard.ts), files read by the CLI and imports —
 * refuses it with LT_ERR_NUL_CHARACTER on every dialect rather than let one dialect fail.
 */
import { LantianError } from './errors.ts';

/** Nesting deeper than this is not searched further (request bodies are size-bounded anyway). */
const MAX_DEPTH = 64;

/**
 * The path (`a.b.0.c`; '' for the value itself) of the first string or object key containing
 * U+0000 in a JSON-like value, or undefined when there is none.
 */
export function pathOfNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Buffer.isBuffer(value)) return undefined;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\0')) return here;
    const found = pathOfNul(v, here, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Line (1-based) of the first U+0000 in a text, or undefined. */
export function lineOfNul(text: string): number | undefined {
  const at = text.indexOf('\0');
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Throws LT_ERR_NUL_CHARACTER naming `where` and the path when a parsed value contains U+0000. */
export function refuseNul(value: unknown, where: string): void {
  const path = pathOfNul(value);
  if (path !== undefined) {
    throw new LantianError('LT_ERR_NUL_CHARACTER', path ? `${where} ${path}` : where, { path });
  }
}
