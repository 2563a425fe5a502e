/**
 * Configuration: environment variables parsed once by a zod schema, then frozen. CLI flags
 * (--db, --port …) override the environment where a command offers them.
 */
import { z } from 'zod';
import { airRulesFromEnv, type AirRules } from './air/air-rules.ts';
import { authConfigFromEnv, type AuthConfig } from './auth/auth-config.ts';
import { LantianError } from './errors.ts';
import { importConfigFromEnv, type ImportConfig } from './imports/import-config.ts';
import { alarmsConfigFromEnv, type AlarmsConfig } from './sources/alarms/alarm-config.ts';
import { hj212ConfigFromEnv, type Hj212Config } from './ingest/hj212/ingest-config.ts';
import { powerConfigFromEnv, type PowerConfig } from './sources/power/power-config.ts';
import {
  complianceConfigFromEnv,
  type ComplianceConfig,
} from './warnings/compliance/compliance-config.ts';
import { tasksConfigFromEnv, type TasksConfig } from './tasks/task-config.ts';
import { trucksConfigFromEnv, type TrucksConfig } from './trucks/trucks-config.ts';

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
  // FULL: every commit survives power loss (what makes an HJ 212 ack durable); NORMAL in WAL
  // mode survives a process crash but may lose the last commits on power loss.
  LANTIAN_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
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
  /** Sessions, sign-in limits, cookie and origin rules (LANTIAN_SESSION_*, LANTIAN_LOGIN_* …). */
  readonly auth: AuthConfig;
  /** SQLite `synchronous` pragma of the server's store (LANTIAN_SQLITE_SYNCHRONOUS). */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** HJ 212 listener and pipeline (LANTIAN_HJ212_*). */
  readonly hj212: Hj212Config;
  /** Key-task dispatch: attachments, blob folder, reminders (LANTIAN_BLOB_DIR, LANTIAN_TASKS_*). */
  readonly tasks: TasksConfig;
  /** Completeness rules of the air figures (LANTIAN_AIR_*, docs/assessment.md). */
  readonly air: AirRules;
  /** Heavy-truck listener, online window and record rules (LANTIAN_TRUCKS_*, docs/trucks.md). */
  readonly trucks: TrucksConfig;
  /** Limits of the files commands read (LANTIAN_IMPORT_MAX_UNPACKED_MB, docs/data.md). */
  readonly imports: ImportConfig;
  /** Alarms on pollution sources: thresholds, escalation, evidence (LANTIAN_ALARMS_*, docs/sources.md). */
  readonly alarms: AlarmsConfig;
  /** Electricity sub-metering: running rule, HJ 212 projector, upload limits (LANTIAN_POWER_*, docs/sources.md). */
  readonly power: PowerConfig;
  /** Compliance checks during warning episodes (LANTIAN_COMPLIANCE_*, docs/warnings.md). */
  readonly compliance: ComplianceConfig;
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
    auth: authConfigFromEnv(env),
    sqliteSynchronous: e.LANTIAN_SQLITE_SYNCHRONOUS,
    hj212: hj212ConfigFromEnv(env),
    tasks: tasksConfigFromEnv(env),
    air: airRulesFromEnv(env),
    trucks: trucksConfigFromEnv(env),
    imports: importConfigFromEnv(env),
    alarms: alarmsConfigFromEnv(env),
    power: powerConfigFromEnv(env),
    compliance: complianceConfigFromEnv(env),
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  });
}
