/** Settings of the HJ 212 ingest server, with their defaults (docs/ingest.md lists the env vars). */
import {
  DEFAULT_ID_LIMITS,
  DEFAULT_MAX_FRAME_LENGTH,
  type IdLimits,
} from '../../protocols/hj212/index.ts';
import { DEFAULT_DOWNLINK_OPTIONS, type DownlinkOptions } from '../commands/downlink.ts';
import type { IngestSink, SqliteWriterMode } from './ingest-sink.ts';
import type { RateLimit } from './rate-limiter.ts';

/** What to do with packets from unknown MNs or with a wrong PW. */
export type UnknownDevicePolicy = 'reject' | 'quarantine';

/** Options of startHj212Ingest; every field has a default. */
export interface Hj212IngestOptions {
  /** Listen address; default 0.0.0.0. */
  host?: string;
  /** TCP port; default 9212, 0 = a random free port. */
  port?: number;
  /** Unknown MN / wrong PW: 'reject' (default) or 'quarantine'. */
  unknownDevice?: UnknownDevicePolicy;
  /** Connections open at once; default 10 000. */
  maxConnections?: number;
  /** A connection silent this long is closed; default 900 000 ms. */
  idleTimeoutMs?: number;
  /** Largest data segment accepted; default DEFAULT_MAX_FRAME_LENGTH (protocols/hj212/framer.ts). */
  maxFrameLength?: number;
  /** Per-device packets per second and burst; perSecond 0 = no limit. Default 100/s, burst 500. */
  rateLimit?: RateLimit;
  /** Stop reading sockets at this many queued packets; default 50 000. */
  queueHighWater?: number;
  /** Resume reading below this many; default half the high-water mark. */
  queueLowWater?: number;
  /** Flush a transaction at this many packets; default 5000. */
  maxBatchPackets?: number;
  /** Flush a transaction this long after its first packet; default 5 ms. */
  commitDelayMs?: number;
  /** Raw archive directory and retention, or false for none; default var/archive/hj212, 90 days. */
  archive?: { dir: string; retentionDays: number } | false;
  /** Time zone of archive file names and lines; default Asia/Shanghai. */
  archiveTimeZone?: string;
  /** Debounce of the daily roll-up of air stations; default 1000 ms. */
  rollupDelayMs?: number;
  /** Registry reload period; default 30 000 ms. */
  registryRefreshMs?: number;
  /** Period of persisting per-device status; default 10 000 ms. */
  statusFlushMs?: number;
  /** DataTime accepted up to this far in the future; default 1 day. */
  maxFutureMs?: number;
  /** SQLite: write on a writer thread (default) or inline on the event loop. */
  sqliteWriter?: SqliteWriterMode;
  /** Downlink: command timeout, automatic clock setting and history requests (downlink.ts). */
  downlink?: Partial<Omit<DownlinkOptions, 'clockSkewLimitMs'>>;
  /** Clock skew above which a device shows the problem clock_skew; default 300 000 ms. */
  clockSkewLimitMs?: number;
  /** Accepted MN / PW lengths; default permissive (protocols/hj212/id-limits.ts). */
  idLimits?: IdLimits;
  /** Where batches go; default the store (tests pass a slowed-down or failing sink). */
  sink?: IngestSink;
}

/** Options with every default applied. */
export type ResolvedIngestOptions = Required<Omit<Hj212IngestOptions, 'sink'>> & {
  sink?: IngestSink;
};

/** Applies the defaults. */
export function resolveIngestOptions(o: Hj212IngestOptions): ResolvedIngestOptions {
  const high = o.queueHighWater ?? 50_000;
  return {
    host: o.host ?? '0.0.0.0',
    port: o.port ?? 9212,
    unknownDevice: o.unknownDevice ?? 'reject',
    maxConnections: o.maxConnections ?? 10_000,
    idleTimeoutMs: o.idleTimeoutMs ?? 900_000,
    maxFrameLength: o.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH,
    rateLimit: o.rateLimit ?? { perSecond: 100, burst: 500 },
    queueHighWater: high,
    queueLowWater: o.queueLowWater ?? Math.floor(high / 2),
    maxBatchPackets: o.maxBatchPackets ?? 5000,
    commitDelayMs: o.commitDelayMs ?? 5,
    archive: o.archive ?? { dir: 'var/archive/hj212', retentionDays: 90 },
    archiveTimeZone: o.archiveTimeZone ?? 'Asia/Shanghai',
    rollupDelayMs: o.rollupDelayMs ?? 1000,
    registryRefreshMs: o.registryRefreshMs ?? 30_000,
    statusFlushMs: o.statusFlushMs ?? 10_000,
    maxFutureMs: o.maxFutureMs ?? 86_400_000,
    sqliteWriter: o.sqliteWriter ?? 'thread',
    idLimits: o.idLimits ?? DEFAULT_ID_LIMITS,
    clockSkewLimitMs: o.clockSkewLimitMs ?? 300_000,
    downlink: { ...DEFAULT_DOWNLINK_OPTIONS, ...o.downlink },
    ...(o.sink ? { sink: o.sink } : {}),
  };
}
