/** Reading a file named on the command line, with the catalogue error for a missing one. */
import { readFileSync } from 'node:fs';
import { LantianError } from '../errors.ts';

/** The bytes of the file at `path`; LT_ERR_FILE_NOT_FOUND when there is none. */
export function readInputFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new LantianError('LT_ERR_FILE_NOT_FOUND', path);
    throw e;
  }
}
