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
import { normalizePollutant } from '../../air/pollutant-names.ts';
import {
  DEFAULT_PLAUSIBLE_RANGES,
  type PlausibleRange,
  type PlausibleRanges,
} from '../rules/value-plausibility.ts';
import type { Hj212IngestOptions } from './ingest-options.ts';

const MB = 2 ** 20;
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Hj212EnvSchema = z.object({
  LANTIAN_HJ212_HOST: z.string().min(1).default('0.0.0.0'),
  LANTIAN_HJ212_PORT: int(0, 65535).default(9212),
  LANTIAN_HJ212_UNKNOWN: z.enum(['reject', 'quarantine']).default('reject'),
  LANTIAN_HJ212_MAX_CONNECTIONS: int(1, 1_000_000).default(10_000),
  LANTIAN_HJ212_MAX_PENDING_PER_ADDRESS: int(1, 1_000_000).default(64),
  LANTIAN_HJ212_AUTH_TIMEOUT_S: int(1, 86_400).default(120),
  LANTIAN_HJ212_IDLE_TIMEOUT_S: int(1, 86_400).default(900),
  LANTIAN_HJ212_REFUSAL_LOG_S: int(1, 86_400).default(60),
  LANTIAN_HJ212_MAX_FRAME: int(64, 9999).default(DEFAULT_MAX_FRAME_LENGTH),
  LANTIAN_HJ212_RATE_LIMIT: int(0, 1_000_000).default(100),
  LANTIAN_HJ212_RATE_BURST: int(1, 10_000_000).optional(),
  LANTIAN_HJ212_QUEUE_HIGH: int(1, 10_000_000).default(50_000),
  LANTIAN_HJ212_QUEUE_LOW: int(0, 10_000_000).optional(),
  LANTIAN_HJ212_BATCH_MAX: int(1, 1_000_000).default(5000),
  LANTIAN_HJ212_COMMIT_MS: int(0, 10_000).default(5),
  LANTIAN_HJ212_ARCHIVE_DIR: z.string().default('var/archive/hj212'),
  LANTIAN_HJ212_ARCHIVE_DAYS: int(0, 36_500).default(90),
  LANTIAN_HJ212_ARCHIVE_MAX_MB: int(0, 1e9).default(20_480),
  LANTIAN_HJ212_ARCHIVE_REJECTED_MB_PER_HOUR: int(0, 1e6).default(16),
  LANTIAN_HJ212_REJECT_SAMPLE_PER_ADDRESS: int(0, 1e9).default(60),
  LANTIAN_HJ212_REJECT_SAMPLE_PER_S: int(0, 1e9).default(50),
  LANTIAN_HJ212_QUARANTINE_PER_ADDRESS: int(0, 1e9).default(600),
  LANTIAN_HJ212_QUARANTINE_PER_S: int(0, 1e9).default(100),
  LANTIAN_HJ212_QUARANTINE_MAX_ROWS: int(1, 1e9).default(100_000),
  LANTIAN_HJ212_QUARANTINE_DAYS: int(0, 36_500).default(30),
  LANTIAN_HJ212_ROLLUP_MS: int(0, 3_600_000).default(1000),
  LANTIAN_HJ212_REGISTRY_REFRESH_S: int(1, 86_400).default(30),
  LANTIAN_HJ212_PLAUSIBLE_RANGES: z.string().optional(),
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

const Range = z.object({ min: z.number().optional(), max: z.number().optional() }).strict();
const RangesOverride = z
  .object({
    station: z.record(z.string(), Range).optional(),
    outlet: z.record(z.string(), Range).optional(),
  })
  .strict();

/**
 * The plausible ranges: the defaults with the overrides of LANTIAN_HJ212_PLAUSIBLE_RANGES, a JSON
 * object such as {"station":{"PM10":{"max":50000}}} (pollutant names as stored: SO2, PM2.5 …).
 */
function plausibleRanges(json: string | undefined): PlausibleRanges {
  if (json === undefined || json.trim() === '') return DEFAULT_PLAUSIBLE_RANGES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new LantianError('LT_ERR_BAD_CONFIG', 'LANTIAN_HJ212_PLAUSIBLE_RANGES 不是合法的 JSON');
  }
  const r = RangesOverride.safeParse(parsed);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new LantianError(
      'LT_ERR_BAD_CONFIG',
      `LANTIAN_HJ212_PLAUSIBLE_RANGES.${first?.path.join('.')}: ${first?.message}`,
    );
  }
  const out: Record<string, Record<string, PlausibleRange>> = {};
  for (const kind of ['station', 'outlet'] as const) {
    const merged: Record<string, PlausibleRange> = { ...DEFAULT_PLAUSIBLE_RANGES[kind] };
    for (const [name, o] of Object.entries(r.data[kind] ?? {})) {
      const p = normalizePollutant(name);
      if (p === undefined) {
        throw new LantianError(
          'LT_ERR_BAD_CONFIG',
          `LANTIAN_HJ212_PLAUSIBLE_RANGES: 未知污染物 "${name}"`,
        );
      }
      const base = merged[p] ?? { min: 0, max: Number.MAX_VALUE };
      const range = { min: o.min ?? base.min, max: o.max ?? base.max };
      if (!(range.min < range.max)) {
        throw new LantianError(
          'LT_ERR_BAD_CONFIG',
          `LANTIAN_HJ212_PLAUSIBLE_RANGES: ${name} 的 min 应小于 max`,
        );
      }
      merged[p] = range;
    }
    out[kind] = merged;
  }
  return out as unknown as PlausibleRanges;
}

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
    maxPendingPerAddress: e.LANTIAN_HJ212_MAX_PENDING_PER_ADDRESS,
    authTimeoutMs: e.LANTIAN_HJ212_AUTH_TIMEOUT_S * 1000,
    idleTimeoutMs: e.LANTIAN_HJ212_IDLE_TIMEOUT_S * 1000,
    refusalLogMs: e.LANTIAN_HJ212_REFUSAL_LOG_S * 1000,
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
      dir === '' || dir === 'off'
        ? false
        : {
            dir,
            retentionDays: e.LANTIAN_HJ212_ARCHIVE_DAYS,
            maxBytes: e.LANTIAN_HJ212_ARCHIVE_MAX_MB * MB,
            rejectedBytesPerHour: e.LANTIAN_HJ212_ARCHIVE_REJECTED_MB_PER_HOUR * MB,
          },
    archiveSample: {
      perAddressPerMinute: e.LANTIAN_HJ212_REJECT_SAMPLE_PER_ADDRESS,
      perSecond: e.LANTIAN_HJ212_REJECT_SAMPLE_PER_S,
    },
    quarantineSample: {
      perAddressPerMinute: e.LANTIAN_HJ212_QUARANTINE_PER_ADDRESS,
      perSecond: e.LANTIAN_HJ212_QUARANTINE_PER_S,
    },
    quarantine: {
      maxRows: e.LANTIAN_HJ212_QUARANTINE_MAX_ROWS,
      retentionDays: e.LANTIAN_HJ212_QUARANTINE_DAYS,
    },
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
    plausibleRanges: plausibleRanges(e.LANTIAN_HJ212_PLAUSIBLE_RANGES),
  });
}
