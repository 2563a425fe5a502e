/**
 * Configuration: environment variables parsed once by a zod schema, then frozen. CLI flags
 * (--db, --port …) override the environment where a command offers them.
 */
import { z } from 'zod';
import { LantianError } from './errors.ts';

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  LANTIAN_DB: z.string().min(1).default('./var/lantian.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 须以 postgres:// 开头')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LANTIAN_HTTP_HOST: z.string().default('0.0.0.0'),
  LANTIAN_HTTP_PORT: port.default(8080),
  LANTIAN_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
});

/** The parsed, frozen configuration. */
export interface Config {
  /** SQLite file used when no DATABASE_URL is given. */
  readonly sqlitePath: string;
  /** PostgreSQL URL; when set, PostgreSQL is used instead of SQLite. */
  readonly databaseUrl: string | undefined;
  readonly httpHost: string;
  readonly httpPort: number;
  readonly logLevel: string;
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    sqlitePath: e.LANTIAN_DB,
    databaseUrl: e.DATABASE_URL,
    httpHost: e.LANTIAN_HTTP_HOST,
    httpPort: e.LANTIAN_HTTP_PORT,
    logLevel: e.LANTIAN_LOG_LEVEL,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  });
}
