/**
 * HJ 212 ingest settings from the environment (LANTIAN_HJ212_*), parsed once by zod; the
 * defaults are those of ingest-options.ts. docs/ingest.md explains each one.
 */
import { z } from 'zod';
import { LantianError } from '../../errors.ts';
import {
  DEFAULT_ID_LIMITS,
  DEFAULT_MAX_FRAME_LENGTH,
  ID_LENGTH_CEILING,
} from '../../protocols/hj212/index.ts';
import type { Hj212IngestOptions } from './ingest-options.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Hj212EnvSchema = z.object({
  LANTIAN_HJ212_HOST: z.string().min(1).default('0.0.0.0'),
  LANTIAN_HJ212_PORT: int(0, 65535).default(9212),
  LANTIAN_HJ212_UNKNOWN: z.enum(['reject', 'quarantine']).default('reject'),
  LANTIAN_HJ212_MAX_CONNECTIONS: int(1, 1_000_000).default(10_000),
  LANTIAN_HJ212_IDLE_TIMEOUT_S: int(1, 86_400).default(900),
  LANTIAN_HJ212_MAX_FRAME: int(64, 9999).default(DEFAULT_MAX_FRAME_LENGTH),
  LANTIAN_HJ212_RATE_LIMIT: int(0, 1_000_000).default(100),
  LANTIAN_HJ212_RATE_BURST: int(1, 10_000_000).optional(),
  LANTIAN_HJ212_QUEUE_HIGH: int(1, 10_000_000).default(50_000),
  LANTIAN_HJ212_QUEUE_LOW: int(0, 10_000_000).optional(),
  LANTIAN_HJ212_BATCH_MAX: int(1, 1_000_000).default(5000),
  LANTIAN_HJ212_COMMIT_MS: int(0, 10_000).default(5),
  LANTIAN_HJ212_ARCHIVE_DIR: z.string().default('var/archive/hj212'),
  LANTIAN_HJ212_ARCHIVE_DAYS: int(0, 36_500).default(90),
  LANTIAN_HJ212_ROLLUP_MS: int(0, 3_600_000).default(1000),
  LANTIAN_HJ212_REGISTRY_REFRESH_S: int(1, 86_400).default(30),
  LANTIAN_HJ212_SQLITE_WRITER: z.enum(['thread', 'inline']).default('thread'),
  // MN / PW lengths accepted (protocols/hj212/id-limits.ts; HJ 212-2017 Table 3 says 24 / 6).
  LANTIAN_HJ212_MN_MIN: int(1, ID_LENGTH_CEILING).default(DEFAULT_ID_LIMITS.mn.min),
  LANTIAN_HJ212_MN_MAX: int(1, ID_LENGTH_CEILING).default(DEFAULT_ID_LIMITS.mn.max),
  LANTIAN_HJ212_PW_MAX: int(0, ID_LENGTH_CEILING).default(DEFAULT_ID_LIMITS.pwMax),
  LANTIAN_HJ212_CLOCK_SKEW_S: int(1, 86_400 * 365).default(300),
  // Downlink (src/ingest/commands/downlink.ts; docs/ingest.md "Downlink").
  LANTIAN_HJ212_COMMAND_TIMEOUT_S: int(1, 86_400).default(600),
  LANTIAN_HJ212_CLOCK_SYNC_GAP_S: int(60, 86_400 * 30).default(3600),
  LANTIAN_HJ212_BACKFILL: z.enum(['auto', 'off']).default('auto'),
  LANTIAN_HJ212_BACKFILL_GAP_S: int(10, 86_400).default(600),
  LANTIAN_HJ212_BACKFILL_MAX_HOURS: int(1, 24 * 366).default(168),
});

/** The ingest part of the configuration: options for startHj212Ingest (without seams). */
export type Hj212Config = Readonly<Omit<Hj212IngestOptions, 'sink'>>;

/** Reads LANTIAN_HJ212_* from an environment. */
export function hj212ConfigFromEnv(env: NodeJS.ProcessEnv): Hj212Config {
  const parsed = Hj212EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  const low = e.LANTIAN_HJ212_QUEUE_LOW ?? Math.floor(e.LANTIAN_HJ212_QUEUE_HIGH / 2);
  if (low >= e.LANTIAN_HJ212_QUEUE_HIGH) {
    throw new LantianError(
      'LT_ERR_BAD_CONFIG',
      'LANTIAN_HJ212_QUEUE_LOW 应小于 LANTIAN_HJ212_QUEUE_HIGH',
    );
  }
  if (e.LANTIAN_HJ212_MN_MIN > e.LANTIAN_HJ212_MN_MAX) {
    throw new LantianError(
      'LT_ERR_BAD_CONFIG',
      'LANTIAN_HJ212_MN_MIN 应不大于 LANTIAN_HJ212_MN_MAX',
    );
  }
  const dir = e.LANTIAN_HJ212_ARCHIVE_DIR.trim();
  return Object.freeze({
    host: e.LANTIAN_HJ212_HOST,
    port: e.LANTIAN_HJ212_PORT,
    unknownDevice: e.LANTIAN_HJ212_UNKNOWN,
    maxConnections: e.LANTIAN_HJ212_MAX_CONNECTIONS,
    idleTimeoutMs: e.LANTIAN_HJ212_IDLE_TIMEOUT_S * 1000,
    maxFrameLength: e.LANTIAN_HJ212_MAX_FRAME,
    rateLimit: {
      perSecond: e.LANTIAN_HJ212_RATE_LIMIT,
      burst: e.LANTIAN_HJ212_RATE_BURST ?? Math.max(1, e.LANTIAN_HJ212_RATE_LIMIT * 5),
    },
    queueHighWater: e.LANTIAN_HJ212_QUEUE_HIGH,
    queueLowWater: low,
    maxBatchPackets: e.LANTIAN_HJ212_BATCH_MAX,
    commitDelayMs: e.LANTIAN_HJ212_COMMIT_MS,
    archive:
      dir === '' || dir === 'off' ? false : { dir, retentionDays: e.LANTIAN_HJ212_ARCHIVE_DAYS },
    rollupDelayMs: e.LANTIAN_HJ212_ROLLUP_MS,
    registryRefreshMs: e.LANTIAN_HJ212_REGISTRY_REFRESH_S * 1000,
    sqliteWriter: e.LANTIAN_HJ212_SQLITE_WRITER,
    clockSkewLimitMs: e.LANTIAN_HJ212_CLOCK_SKEW_S * 1000,
    downlink: {
      commandTimeoutMs: e.LANTIAN_HJ212_COMMAND_TIMEOUT_S * 1000,
      clockSyncGapMs: e.LANTIAN_HJ212_CLOCK_SYNC_GAP_S * 1000,
      backfill: e.LANTIAN_HJ212_BACKFILL === 'auto',
      backfillGapMs: e.LANTIAN_HJ212_BACKFILL_GAP_S * 1000,
      backfillMaxHours: e.LANTIAN_HJ212_BACKFILL_MAX_HOURS,
    },
    idLimits: {
      mn: { min: e.LANTIAN_HJ212_MN_MIN, max: e.LANTIAN_HJ212_MN_MAX },
      pwMax: e.LANTIAN_HJ212_PW_MAX,
    },
  });
}
