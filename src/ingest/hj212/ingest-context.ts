/** What the parts of the ingest server share: registry cache, queue, counters, archive, settings. */
import type { Clock } from '../../clock.ts';
import type { Downlink } from '../commands/downlink.ts';
import type { DeviceCache } from './device-cache.ts';
import type { IngestLog } from './ingest-log.ts';
import type { IngestStats } from './ingest-stats.ts';
import type { ResolvedIngestOptions } from './ingest-options.ts';
import type { RawArchive } from './raw-archive.ts';
import type { RefusalLog } from './refusal-log.ts';
import type { RejectSampler } from './reject-sampler.ts';
import type { SplitTracker } from './split-tracker.ts';
import type { WriteQueue } from './write-queue.ts';
import type { ValuePlausibility } from '../rules/value-plausibility.ts';

/** Shared state of one ingest server. */
export interface IngestContext {
  readonly cache: DeviceCache;
  readonly queue: WriteQueue;
  readonly stats: IngestStats;
  readonly splits: SplitTracker;
  readonly archive: RawArchive | null;
  readonly options: ResolvedIngestOptions;
  readonly log: IngestLog;
  /** Refusals of connections and frames, logged as counts per interval. */
  readonly refusals: RefusalLog;
  /** Which rejected frames get a raw-archive line, and which are quarantined (per address). */
  readonly archiveSampler: RejectSampler;
  readonly quarantineSampler: RejectSampler;
  /** Which received values are measurements (rules/value-plausibility.ts). */
  readonly plausibility: ValuePlausibility;
  readonly clock: Clock;
  /** Commands to devices and their answers (absent in tools that only read). */
  downlink?: Downlink;
}

// The logger moved to ingest-log.ts; re-exported for code written against this module.
export { silentLog, type IngestLog } from './ingest-log.ts';
