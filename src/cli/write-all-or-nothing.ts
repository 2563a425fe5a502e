/**
 * Writes a set of output files so that a failure leaves none of them behind: each is written to
 * a temporary file beside its target, and the temporaries are renamed into place only when all
 * were written. A folder made for the files is removed again on failure when it is empty.
 */
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One file to write. */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/** Writes every file, or (on any failure) none; rethrows the failure. */
export function writeAllOrNothing(files: readonly OutputFile[]): void {
  const made = files
    .map((f) => dirname(f.path))
    .filter((d, i, all) => all.indexOf(d) === i)
    .map((d) => mkdirSync(d, { recursive: true }))
    .filter((d): d is string => d !== undefined);
  const temps: string[] = [];
  const placed: string[] = [];
  try {
    for (const f of files) {
      const tmp = `${f.path}.tmp-${process.pid}`;
      temps.push(tmp);
      writeFileSync(tmp, f.data);
    }
    files.forEach((f, i) => {
      renameSync(temps[i]!, f.path);
      placed.push(f.path);
    });
  } catch (e) {
    for (const p of [...temps, ...placed]) rmSync(p, { force: true });
    for (const d of made.reverse()) removeIfEmpty(d);
    throw e;
  }
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // already gone or not ours to remove
  }
}
