/**
 * Heavy-truck settings from the environment (LANTIAN_TRUCKS_*), parsed once by zod: the GB 17691
 * terminal listener, the online window and the thresholds of the record rules. The rule
 * thresholds are UNVERIFIED (no national numeric rule exists: standards-mobile-limits.md §2), so
 * they are configuration with defaults; docs/trucks.md lists them.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import type { RecordRuleConfig } from './rules/record-flags.ts';
import { truckDaysConfigFromEnv, type TruckDaysConfig } from './days/days-config.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

const TrucksEnvSchema = z.object({
  LANTIAN_TRUCKS_LISTEN: z.enum(['on', 'off']).default('on'),
  LANTIAN_TRUCKS_HOST: z.string().min(1).default('0.0.0.0'),
  LANTIAN_TRUCKS_PORT: int(0, 65535).default(17691),
  LANTIAN_TRUCKS_MAX_CONNECTIONS: int(1, 1_000_000).default(20_000),
  LANTIAN_TRUCKS_MAX_PER_ADDRESS: int(1, 1_000_000).default(50),
  LANTIAN_TRUCKS_IDLE_TIMEOUT_S: int(1, 86_400).default(600),
  LANTIAN_TRUCKS_MAX_DATA: int(64, 65_531).default(8192),
  LANTIAN_TRUCKS_VIN_CHECK: z.enum(['warn', 'reject', 'off']).default('warn'),
  LANTIAN_TRUCKS_COMMIT_MS: int(0, 10_000).default(5),
  LANTIAN_TRUCKS_QUEUE_HIGH: int(1, 10_000_000).default(20_000),
  LANTIAN_TRUCKS_QUARANTINE_VINS: int(0, 10_000_000).default(10_000),
  LANTIAN_TRUCKS_ONLINE_S: int(1, 86_400).default(300),
  LANTIAN_TRUCKS_NOX_MAX_PPM: num(0, 5000).default(500),
  LANTIAN_TRUCKS_SCR_WARM_C: num(-40, 1000).default(200),
  LANTIAN_TRUCKS_NOX_MIN_UPSTREAM_PPM: num(0, 5000).default(100),
  LANTIAN_TRUCKS_NOX_RATIO: num(0, 10).default(0.8),
  LANTIAN_TRUCKS_MOVING_KMH: num(0, 300).default(5),
  LANTIAN_TRUCKS_ARCHIVE_DIR: z.string().optional(),
  LANTIAN_TRUCKS_ARCHIVE_DAYS: int(1, 36_500).default(30),
});

/** Settings of the GB 17691 terminal listener. */
export interface TruckListenerConfig {
  readonly host: string;
  /** TCP port (0 = any free port). */
  readonly port: number;
  readonly maxConnections: number;
  /** Connections one remote address may hold at once. */
  readonly maxPerAddress: number;
  readonly idleTimeoutMs: number;
  /** Largest data unit accepted (the framer's bound). */
  readonly maxDataLength: number;
  /** GB 16735 check digit: warn | reject | off (UNVERIFIED whether it is mandatory). */
  readonly vinCheck: 'warn' | 'reject' | 'off';
  /** Group-commit delay: frames arriving within this many ms share one transaction. */
  readonly commitDelayMs: number;
  /** Frames waiting for commit above which every connection stops reading. */
  readonly queueHigh: number;
  /** Distinct unregistered VINs kept in the quarantine table (the rest are only counted). */
  readonly quarantineVins: number;
}

/** The trucks part of the configuration. */
export interface TrucksConfig {
  /** Start the listener with `lantian serve`. */
  readonly listen: boolean;
  readonly listener: TruckListenerConfig;
  /** A vehicle is online when its last frame is at most this many seconds old. */
  readonly onlineWindowS: number;
  readonly rules: RecordRuleConfig;
  /** Raw-frame archive directory; null: `trucks-archive` beside the SQLite data file. */
  readonly archiveDir: string | null;
  /** Days of raw frames the archive keeps (the daily retention job removes older days). */
  readonly archiveDays: number;
  /** Daily metrics, windowed rules and their recompute job (days/days-config.ts). */
  readonly days: TruckDaysConfig;
}

/** Reads LANTIAN_TRUCKS_* from an environment. */
export function trucksConfigFromEnv(env: NodeJS.ProcessEnv): TrucksConfig {
  const parsed = TrucksEnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    listen: e.LANTIAN_TRUCKS_LISTEN === 'on',
    listener: Object.freeze({
      host: e.LANTIAN_TRUCKS_HOST,
      port: e.LANTIAN_TRUCKS_PORT,
      maxConnections: e.LANTIAN_TRUCKS_MAX_CONNECTIONS,
      maxPerAddress: e.LANTIAN_TRUCKS_MAX_PER_ADDRESS,
      idleTimeoutMs: e.LANTIAN_TRUCKS_IDLE_TIMEOUT_S * 1000,
      maxDataLength: e.LANTIAN_TRUCKS_MAX_DATA,
      vinCheck: e.LANTIAN_TRUCKS_VIN_CHECK,
      commitDelayMs: e.LANTIAN_TRUCKS_COMMIT_MS,
      queueHigh: e.LANTIAN_TRUCKS_QUEUE_HIGH,
      quarantineVins: e.LANTIAN_TRUCKS_QUARANTINE_VINS,
    }),
    onlineWindowS: e.LANTIAN_TRUCKS_ONLINE_S,
    rules: Object.freeze({
      noxDownstreamMaxPpm: e.LANTIAN_TRUCKS_NOX_MAX_PPM,
      scrWarmC: e.LANTIAN_TRUCKS_SCR_WARM_C,
      minUpstreamPpm: e.LANTIAN_TRUCKS_NOX_MIN_UPSTREAM_PPM,
      conversionRatio: e.LANTIAN_TRUCKS_NOX_RATIO,
      movingKmh: e.LANTIAN_TRUCKS_MOVING_KMH,
    }),
    archiveDir: e.LANTIAN_TRUCKS_ARCHIVE_DIR?.trim() || null,
    archiveDays: e.LANTIAN_TRUCKS_ARCHIVE_DAYS,
    days: truckDaysConfigFromEnv(env, {
      noxMaxPpm: e.LANTIAN_TRUCKS_NOX_MAX_PPM,
      scrWarmC: e.LANTIAN_TRUCKS_SCR_WARM_C,
      movingKmh: e.LANTIAN_TRUCKS_MOVING_KMH,
    }),
  });
}

/** Defaults (an empty environment). */
export const DEFAULT_TRUCKS_CONFIG: TrucksConfig = trucksConfigFromEnv({});
