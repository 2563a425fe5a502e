/** Settings of the HJ 212 ingest server, with their defaults (docs/ingest.md lists the env vars). */
import {
  DEFAULT_ID_LIMITS,
  DEFAULT_MAX_FRAME_LENGTH,
  type IdLimits,
} from '../../protocols/hj212/index.ts';
import { DEFAULT_DOWNLINK_OPTIONS, type DownlinkOptions } from '../commands/downlink.ts';
import type { IngestSink } from './ingest-sink.ts';
import type { SqliteWriterMode } from './sink-factory.ts';
import type { RateLimit } from './rate-limiter.ts';
import type { SampleLimits } from './reject-sampler.ts';
import { DEFAULT_PLAUSIBLE_RANGES, type PlausibleRanges } from '../rules/value-plausibility.ts';

/** Raw archive settings (raw-archive.ts). */
export interface ArchiveSettings {
  dir: string;
  /** Days to keep; 0 keeps everything (up to maxBytes). */
  retentionDays: number;
  /** Size cap of the whole archive; 0 = none. Default 20 GiB. */
  maxBytes?: number;
  /** Bytes of rejected frames' lines per hour; 0 = none. Default 16 MiB. */
  rejectedBytesPerHour?: number;
  /** How often the size cap is checked; default 60 000 ms. */
  capCheckMs?: number;
}

/** Quarantine bounds (quarantine-repo.ts). */
export interface QuarantineSettings {
  /** Rows kept; default 100 000 (the oldest go first). */
  maxRows: number;
  /** Days kept; default 30, 0 = until the row cap removes them. */
  retentionDays: number;
  /** How often the bounds are applied; default 10 000 ms. */
  pruneMs: number;
}

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
  /** Connections open at once; default 10 000 (unauthenticated ones are evicted first). */
  maxConnections?: number;
  /** Unauthenticated connections from one remote address; default 64 (connection-table.ts). */
  maxPendingPerAddress?: number;
  /** A connection that sent no frame of a registered device (MN and PW) this long after it opened is closed; default 120 000 ms. */
  authTimeoutMs?: number;
  /** A connection silent this long is closed; default 900 000 ms. */
  idleTimeoutMs?: number;
  /** Refusals are logged as counts once per this interval; default 60 000 ms. */
  refusalLogMs?: number;
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
  /** Raw archive directory, retention and caps, or false for none; default var/archive/hj212, 90 days. */
  archive?: ArchiveSettings | false;
  /** Copies of rejected frames in the raw archive, per address and in all; default 60/min, 50/s. */
  archiveSample?: SampleLimits;
  /** Quarantined packets, per address and in all; default 600/min, 100/s. */
  quarantineSample?: SampleLimits;
  /** Quarantine size and retention. */
  quarantine?: Partial<QuarantineSettings>;
  /** Time zone of archive file names and lines; default Asia/Shanghai. */
  archiveTimeZone?: string;
  /** Debounce of the daily roll-up of air stations; default 1000 ms. */
  rollupDelayMs?: number;
  /** Registry reload period; default 30 000 ms. */
  registryRefreshMs?: number;
  /** Period of persisting per-device status; default 10 000 ms. */
  statusFlushMs?: number;
  /** Plausible range per device kind and pollutant; default rules/value-plausibility.ts. */
  plausibleRanges?: PlausibleRanges;
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
export type ResolvedIngestOptions = Required<
  Omit<Hj212IngestOptions, 'sink' | 'archive' | 'quarantine'>
> & {
  archive: Required<ArchiveSettings> | false;
  quarantine: QuarantineSettings;
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
    maxPendingPerAddress: o.maxPendingPerAddress ?? 64,
    authTimeoutMs: o.authTimeoutMs ?? 120_000,
    idleTimeoutMs: o.idleTimeoutMs ?? 900_000,
    refusalLogMs: o.refusalLogMs ?? 60_000,
    maxFrameLength: o.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH,
    rateLimit: o.rateLimit ?? { perSecond: 100, burst: 500 },
    queueHighWater: high,
    queueLowWater: o.queueLowWater ?? Math.floor(high / 2),
    maxBatchPackets: o.maxBatchPackets ?? 5000,
    commitDelayMs: o.commitDelayMs ?? 5,
    archive:
      o.archive === false
        ? false
        : {
            dir: o.archive?.dir ?? 'var/archive/hj212',
            retentionDays: o.archive?.retentionDays ?? 90,
            maxBytes: o.archive?.maxBytes ?? 20 * 2 ** 30,
            rejectedBytesPerHour: o.archive?.rejectedBytesPerHour ?? 16 * 2 ** 20,
            capCheckMs: o.archive?.capCheckMs ?? 60_000,
          },
    archiveSample: o.archiveSample ?? { perAddressPerMinute: 60, perSecond: 50 },
    quarantineSample: o.quarantineSample ?? { perAddressPerMinute: 600, perSecond: 100 },
    quarantine: {
      maxRows: o.quarantine?.maxRows ?? 100_000,
      retentionDays: o.quarantine?.retentionDays ?? 30,
      pruneMs: o.quarantine?.pruneMs ?? 10_000,
    },
    archiveTimeZone: o.archiveTimeZone ?? 'Asia/Shanghai',
    rollupDelayMs: o.rollupDelayMs ?? 1000,
    registryRefreshMs: o.registryRefreshMs ?? 30_000,
    statusFlushMs: o.statusFlushMs ?? 10_000,
    maxFutureMs: o.maxFutureMs ?? 86_400_000,
    plausibleRanges: o.plausibleRanges ?? DEFAULT_PLAUSIBLE_RANGES,
    sqliteWriter: o.sqliteWriter ?? 'thread',
    idLimits: o.idLimits ?? DEFAULT_ID_LIMITS,
    clockSkewLimitMs: o.clockSkewLimitMs ?? 300_000,
    downlink: { ...DEFAULT_DOWNLINK_OPTIONS, ...o.downlink },
    ...(o.sink ? { sink: o.sink } : {}),
  };
}
