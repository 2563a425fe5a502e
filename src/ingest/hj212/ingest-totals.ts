/**
 * The listener's totals that survive a restart: counted since `since` (the first start with this
 * database), saved to ingest_counters every status flush and at stop, and added back at start.
 * Per-minute counts, latency samples and kept rejections are live views and start afresh.
 */
import type { IngestRejectReason } from './ingest-reasons.ts';
import type { IngestContext } from './ingest-context.ts';
import type { CounterValues } from '../ingest-counters-repo.ts';
import type { RollupDebouncer } from './rollup-debouncer.ts';

const SINCE = 'since';
const BY_REASON = 'rejected.';

/** A named counter: how to read it and how to set it back. */
interface Counter {
  readonly name: string;
  get(): number;
  set(v: number): void;
}

/** The persistent counters of one server. */
export function totalCounters(ctx: IngestContext, rollup: RollupDebouncer): Counter[] {
  const { stats, splits, archive, archiveSampler, quarantineSampler, refusals } = ctx;
  const c = (name: string, get: () => number, set: (v: number) => void): Counter => ({
    name,
    get,
    set,
  });
  return [
    c(
      'packets',
      () => stats.packets,
      (v) => (stats.packets = v),
    ),
    c(
      'values',
      () => stats.values,
      (v) => (stats.values = v),
    ),
    c(
      'acks',
      () => stats.acks,
      (v) => (stats.acks = v),
    ),
    c(
      'acksDropped',
      () => stats.acksDropped,
      (v) => (stats.acksDropped = v),
    ),
    c(
      'rejected',
      () => stats.rejected,
      (v) => (stats.rejected = v),
    ),
    c(
      'quarantined',
      () => stats.quarantined,
      (v) => (stats.quarantined = v),
    ),
    c(
      'quarantinePruned',
      () => stats.quarantinePruned,
      (v) => (stats.quarantinePruned = v),
    ),
    c(
      'connectionsRefused',
      () => stats.connectionsRefused,
      (v) => (stats.connectionsRefused = v),
    ),
    c(
      'evictedPerAddress',
      () => stats.evictedPerAddress,
      (v) => (stats.evictedPerAddress = v),
    ),
    c(
      'evictedTotal',
      () => stats.evictedTotal,
      (v) => (stats.evictedTotal = v),
    ),
    c(
      'authTimeouts',
      () => stats.authTimeouts,
      (v) => (stats.authTimeouts = v),
    ),
    c(
      'splitComplete',
      () => splits.complete,
      (v) => (splits.complete = v),
    ),
    c(
      'splitIncomplete',
      () => splits.incomplete,
      (v) => (splits.incomplete = v),
    ),
    c(
      'archiveSampledOut',
      () => archiveSampler.sampledOut,
      (v) => (archiveSampler.sampledOut = v),
    ),
    c(
      'quarantineSampledOut',
      () => quarantineSampler.sampledOut,
      (v) => (quarantineSampler.sampledOut = v),
    ),
    c(
      'archiveDroppedByCap',
      () => archive?.droppedByCap ?? 0,
      (v) => {
        if (archive) archive.droppedByCap = v;
      },
    ),
    c(
      'refusalLogLines',
      () => refusals.lines,
      (v) => (refusals.lines = v),
    ),
    c(
      'stationDaysWritten',
      () => rollup.written,
      (v) => (rollup.written = v),
    ),
  ];
}

/** The values to save: every counter, the rejections by reason, and when counting started. */
export function totalsSnapshot(
  counters: readonly Counter[],
  ctx: IngestContext,
  since: number,
): CounterValues {
  const out: CounterValues = { [SINCE]: since };
  for (const k of counters) out[k.name] = k.get();
  for (const [reason, n] of Object.entries(ctx.stats.rejectedBy)) out[BY_REASON + reason] = n ?? 0;
  return out;
}

/** Adds saved values back (at start, before any traffic); returns when counting started. */
export function restoreTotals(
  counters: readonly Counter[],
  ctx: IngestContext,
  saved: CounterValues,
  now: number,
): number {
  for (const k of counters) {
    const v = saved[k.name];
    if (v !== undefined && Number.isFinite(v)) k.set(k.get() + v);
  }
  for (const [name, v] of Object.entries(saved)) {
    if (!name.startsWith(BY_REASON) || !Number.isFinite(v)) continue;
    const reason = name.slice(BY_REASON.length) as IngestRejectReason;
    ctx.stats.rejectedBy[reason] = (ctx.stats.rejectedBy[reason] ?? 0) + v;
  }
  const since = saved[SINCE];
  return since !== undefined && Number.isFinite(since) ? since : now;
}
