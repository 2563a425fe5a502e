/**
 * Limits of the files commands read (LANTIAN_IMPORT_*), parsed by zod. A `.gz` import is unpacked
 * with a bound so that a small gzip bomb cannot fill memory (issue 15): the default leaves ample
 * room for a year of hourly data of a large city in long CSV form.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';

const MB = 1024 * 1024;

const ImportEnvSchema = z.object({
  LANTIAN_IMPORT_MAX_UNPACKED_MB: z.coerce.number().positive().max(4096).default(512),
});

export interface ImportConfig {
  /** Most bytes a `.gz` file may unpack to; reading stops with LT_ERR_IMPORT_TOO_LARGE beyond. */
  readonly maxUnpackedBytes: number;
}

/** The import limits from an environment (process.env by default). */
export function importConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ImportConfig {
  const parsed = ImportEnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  return { maxUnpackedBytes: Math.round(parsed.data.LANTIAN_IMPORT_MAX_UNPACKED_MB * MB) };
}
