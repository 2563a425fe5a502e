/**
 * Assigning quarantined packets: once an unknown MN has been registered (or a password
 * corrected), its quarantined packets are fed through the same path as live ones —
 * decoder, packet handler, group commit into the store — and the rows that now went in are
 * removed from the quarantine. Packets still refused stay there with their new reason. Re-running
 * is harmless: values are keyed, so a packet stored twice is stored once.
 */
import { recomputeChanged } from '../../air/daily-rollup.ts';
import { ChangedDays } from '../../air/reading-writer.ts';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { Hj212Decoder } from '../../protocols/hj212/index.ts';
import type { Db } from '../../store/db.ts';
import { listQuarantine } from '../device-values-repo.ts';
import { DeviceCache } from './device-cache.ts';
import type { IngestContext } from './ingest-context.ts';
import { silentLog } from './ingest-log.ts';
import { RefusalLog } from './refusal-log.ts';
import { RejectSampler } from './reject-sampler.ts';
import { ValuePlausibility, type PlausibleRanges } from '../rules/value-plausibility.ts';
import { resolveIngestOptions } from './ingest-options.ts';
import { storeSink } from './sink-factory.ts';
import { IngestStats } from './ingest-stats.ts';
import { handlePacket, type PacketSource } from './packet-handler.ts';
import { unescapeRaw } from './raw-escape.ts';
import { SplitTracker } from './split-tracker.ts';
import { WriteQueue } from './write-queue.ts';
import { DAY_MS } from '../../standards/local-date.ts';

/** Outcome of a replay. */
export interface ReplayResult {
  mn: string;
  /** Quarantined packets looked at. */
  packets: number;
  /** Packets now stored (and removed from the quarantine). */
  stored: number;
  values: number;
  /** Packets still refused, by reason (they stay in the quarantine). */
  refused: Record<string, number>;
}

/** Replays the quarantined packets of a registered MN into the store (with the listener's plausible ranges). */
export async function replayQuarantine(
  db: Db,
  clock: Clock,
  mn: string,
  who: ActorContext,
  plausibleRanges?: PlausibleRanges,
): Promise<ReplayResult> {
  const rows = (await listQuarantine(db, { mn, limit: 1_000_000 })).reverse();
  const options = resolveIngestOptions({
    rateLimit: { perSecond: 0, burst: 1 },
    archive: false,
    maxFutureMs: 86_400_000,
    ...(plausibleRanges ? { plausibleRanges } : {}),
  });
  const now = (): number => clock.now();
  const cache = new DeviceCache(db, options.rateLimit, now);
  await cache.reload();
  const dev = cache.get(mn);
  if (dev === undefined)
    throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', `${mn}（请先登记设备，再重放隔离的报文）`);
  const changed = new ChangedDays();
  const sink = await storeSink(db, 'inline');
  const queue = new WriteQueue(
    sink,
    { maxBatchPackets: 5000, commitDelayMs: 0, highWater: Number.MAX_SAFE_INTEGER, lowWater: 0 },
    {
      committed: (_b, r) => {
        for (const c of r.changed) for (const d of c.days) changed.add(c.stationId, d * DAY_MS);
      },
      pressure: () => undefined,
      failed: () => undefined,
    },
    now,
  );
  const stats = new IngestStats();
  const ctx: IngestContext = {
    splits: new SplitTracker(silentLog),
    cache,
    queue,
    stats,
    archive: null,
    options,
    log: silentLog,
    refusals: new RefusalLog(silentLog, '', clock.now()),
    archiveSampler: new RejectSampler(options.archiveSample),
    quarantineSampler: new RejectSampler(options.quarantineSample),
    plausibility: new ValuePlausibility(options.plausibleRanges),
    clock,
  };
  const result: ReplayResult = { mn, packets: rows.length, stored: 0, values: 0, refused: {} };
  const storedIds: number[] = [];
  for (const q of rows) {
    let status = 'bad_field';
    const src: PacketSource = {
      id: 0,
      peer: q.peer,
      mn: null,
      packets: 0,
      rejected: 0,
      writeAck: () => undefined,
      flushAcks: () => undefined,
      expectAck: () => undefined,
      mayQuarantine: () => false,
    };
    const decoder = new Hj212Decoder({
      maxFrameLength: 9999,
      crc: dev.crc,
      version: () => dev.version,
    });
    for (const e of [...decoder.push(unescapeRaw(q.raw)), ...decoder.flush()]) {
      status = e.ok ? handlePacket(ctx, src, e.packet, e.frame.raw, q.received_at) : e.reason;
    }
    if (status === 'ok') storedIds.push(q.id);
    else result.refused[status] = (result.refused[status] ?? 0) + 1;
    if (queue.filling.packets >= 5000) await queue.drain();
  }
  await queue.drain();
  result.stored = storedIds.length;
  result.values = stats.values;
  for (let i = 0; i < storedIds.length; i += 500) {
    await db.kysely
      .deleteFrom('quarantine')
      .where('id', 'in', storedIds.slice(i, i + 500))
      .execute();
  }
  await recordAudit(db, now(), {
    actor: who.actor,
    ip: who.ip ?? null,
    action: 'device.quarantine_replay',
    target: `device:${mn}`,
    detail: { packets: result.packets, stored: result.stored, refused: result.refused },
  });
  await recomputeChanged(db, changed, () => dev.timeZone, now());
  return result;
}
