/**
 * The IngestSink seam (docs/architecture.md, Seams): where committed batches go. The store sink
 * writes a batch in one transaction and resolves only after COMMIT, which is what makes an HJ 212
 * ack mean "durable" (docs/architecture.md, Conventions). Tests wrap it to slow it down or make it
 * fail; a JetStream sink would implement the same interface when several ingest nodes exist. The
 * store's sink is chosen by sink-factory.ts.
 */
import type { ChangedDays } from '../../air/reading-writer.ts';
import type { IngestBatch } from './value-batch.ts';

/** Day buckets (UTC, as in the readings key) of one station whose hourly readings changed. */
export interface ChangedStationDays {
  stationId: number;
  days: number[];
}

/** What a committed batch changed. */
export interface SinkResult {
  /** Where hourly readings changed, for the daily roll-up (plain data: it crosses threads). */
  changed: ChangedStationDays[];
}

/**
 * The device_values rows of a committed batch, column by column (IngestBatch is one), for whoever
 * derives data from them after COMMIT (the CEMS projector of src/sources/cems/).
 */
export interface CommittedValues {
  readonly n: number;
  readonly deviceId: readonly number[];
  readonly cn: readonly number[];
  readonly dataTime: readonly number[];
}

/** Destination of group-commit batches. */
export interface IngestSink {
  /** Writes the batch in one transaction; resolves after COMMIT, rejects if nothing was stored. */
  write(batch: IngestBatch): Promise<SinkResult>;
  /** True when the sink needs each batch's accepted frames (IngestBatch.frames). */
  readonly wantsFrames?: boolean;
  /** Releases what the sink holds (a writer thread). */
  close?(): Promise<void>;
}

/** The sink result of a ChangedDays (src/air/reading-writer.ts) collected during a write. */
export function sinkResult(changed: ChangedDays): SinkResult {
  return {
    changed: changed.stations().map((stationId) => ({ stationId, days: changed.days(stationId) })),
  };
}
