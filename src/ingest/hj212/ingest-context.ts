/** What the parts of the ingest server share: registry cache, queue, counters, archive, settings. */
import type { Clock } from '../../clock.ts';
import type { Downlink } from '../commands/downlink.ts';
import type { DeviceCache } from './device-cache.ts';
import type { IngestStats } from './ingest-stats.ts';
import type { ResolvedIngestOptions } from './ingest-options.ts';
import type { RawArchive } from './raw-archive.ts';
import type { SplitTracker } from './split-tracker.ts';
import type { WriteQueue } from './write-queue.ts';

/** A pino-like logger (pino's Logger fits). */
export interface IngestLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything. */
export const silentLog: IngestLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Shared state of one ingest server. */
export interface IngestContext {
  readonly cache: DeviceCache;
  readonly queue: WriteQueue;
  readonly stats: IngestStats;
  readonly splits: SplitTracker;
  readonly archive: RawArchive | null;
  readonly options: ResolvedIngestOptions;
  readonly log: IngestLog;
  readonly clock: Clock;
  /** Commands to devices and their answers (absent in tools that only read). */
  downlink?: Downlink;
}
