/**
 * The database side of the listener's group commit, one transaction per batch (the raw frames are
 * already durable in the archive when it runs — listener/commit-queue.ts): the per-vehicle-minute
 * summaries of the batch's data-stream records (a reissued second is skipped by the minute masks),
 * each vehicle's status, and the quarantine counts of unregistered VINs.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { loadMinutes, upsertMinutes } from './minutes/minute-repo.ts';
import {
  mergeFrameIntoMinutes,
  minuteKey,
  minuteOf,
  SUMMARY_BLOCK_TYPE,
  type MinuteSummary,
} from './minutes/minute-summary.ts';
import type { RecordRow } from './record-rows.ts';
import type { TruckStatusTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;

/** An accepted frame of a registered vehicle and its records. */
export interface FrameWrite {
  kind: 'frame';
  vehicleId: number;
  /** The frame's VIN (the subject of its JetStream message on an ingest node). */
  vin: string;
  receivedAt: number;
  peer: string;
  command: number;
  /** The frame as received (goes to the archive). */
  raw: Uint8Array;
  rows: RecordRow[];
  login: boolean;
  logout: boolean;
}

/** A frame from a VIN that is not registered. */
export interface QuarantineWrite {
  kind: 'quarantine';
  vin: string;
  reason: string;
  at: number;
  peer: string;
  rawHex: string;
}

/** One item of a batch. */
export type TruckWrite = FrameWrite | QuarantineWrite;

/** What a committed batch stored. */
export interface BatchResult {
  frames: number;
  /** Data-stream records counted into minutes. */
  recordsInserted: number;
  /** Data-stream records skipped as already stored (reissue). */
  duplicates: number;
}

const STREAM_TYPES = new Set([0x02, 0x03, 0x05]);

/** A status row as stored. */
export type Status = Selectable<TruckStatusTable>;

/** Writes a batch's summaries, status and quarantine in one transaction; throws on failure. */
export async function writeBatch(
  db: Db,
  batch: readonly TruckWrite[],
  now: number,
  movingKmh: number,
): Promise<BatchResult> {
  const result: BatchResult = { frames: 0, recordsInserted: 0, duplicates: 0 };
  await db.kysely.transaction().execute(async (trx) => {
    const frames = frameWrites(batch);
    const status = await loadStatus(trx, [...new Set(frames.map((f) => f.vehicleId))]);
    const minutes = await loadMinutes(trx, minuteKeysOf(frames));
    const plan = applyFrames(frames, status, minutes, movingKmh, now);
    Object.assign(result, plan.result);
    await upsertMinutes(trx, plan.minutes);
    await upsertStatus(trx, plan.status);
    await upsertQuarantine(trx, batch);
  });
  return result;
}

/** The frame writes of a batch. */
export function frameWrites(batch: readonly TruckWrite[]): FrameWrite[] {
  return batch.filter((w): w is FrameWrite => w.kind === 'frame');
}

/** The (vehicle, minute) keys the data-stream records of the frames fall in. */
export function minuteKeysOf(
  frames: readonly FrameWrite[],
): Array<{ vehicleId: number; minute: number }> {
  const keys = new Map<string, { vehicleId: number; minute: number }>();
  for (const f of frames)
    for (const r of f.rows)
      if (r.type === SUMMARY_BLOCK_TYPE) {
        const minute = minuteOf(r.record_time);
        keys.set(minuteKey(f.vehicleId, minute), { vehicleId: f.vehicleId, minute });
      }
  return [...keys.values()];
}

/**
 * Merges the frames, in order, into the stored status rows and minutes (pure; mutates the maps):
 * what the batch's transaction must write back.
 */
export function applyFrames(
  frames: readonly FrameWrite[],
  status: Map<number, Status>,
  minutes: Map<string, MinuteSummary>,
  movingKmh: number,
  now: number,
): { result: BatchResult; minutes: MinuteSummary[]; status: Status[] } {
  const result: BatchResult = { frames: 0, recordsInserted: 0, duplicates: 0 };
  const touched = new Set<string>();
  for (const f of frames) {
    result.frames++;
    const m = mergeFrameIntoMinutes(minutes, f.vehicleId, f.rows, f.command, movingKmh, now);
    result.recordsInserted += m.added;
    result.duplicates += m.duplicates;
    const s = mergeStatus(status.get(f.vehicleId), f, now);
    s.records = Number(s.records) + m.added;
    status.set(f.vehicleId, s);
    if (m.added > 0)
      for (const r of f.rows)
        if (r.type === SUMMARY_BLOCK_TYPE)
          touched.add(minuteKey(f.vehicleId, minuteOf(r.record_time)));
  }
  const ids = new Set(frames.map((f) => f.vehicleId));
  return {
    result,
    minutes: [...touched].map((k) => minutes.get(k)!),
    status: [...status.values()].filter((s) => ids.has(s.vehicle_id)),
  };
}

async function loadStatus(trx: K, ids: number[]): Promise<Map<number, Status>> {
  const status = new Map<number, Status>();
  for (let i = 0; i < ids.length; i += 500)
    for (const s of await trx
      .selectFrom('truck_status')
      .selectAll()
      .where('vehicle_id', 'in', ids.slice(i, i + 500))
      .execute())
      status.set(s.vehicle_id, s);
  return status;
}

async function upsertStatus(trx: K, rows: Status[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('truck_status')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('vehicle_id').doUpdateSet((eb) => ({
          last_frame_at: eb.ref('excluded.last_frame_at'),
          last_command: eb.ref('excluded.last_command'),
          last_peer: eb.ref('excluded.last_peer'),
          last_login_at: eb.ref('excluded.last_login_at'),
          last_logout_at: eb.ref('excluded.last_logout_at'),
          last_record_time: eb.ref('excluded.last_record_time'),
          last_lon: eb.ref('excluded.last_lon'),
          last_lat: eb.ref('excluded.last_lat'),
          last_speed: eb.ref('excluded.last_speed'),
          records: eb.ref('excluded.records'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
}

async function upsertQuarantine(trx: K, batch: readonly TruckWrite[]): Promise<void> {
  for (const q of batch) {
    if (q.kind !== 'quarantine') continue;
    await trx
      .insertInto('truck_quarantine')
      .values({
        vin: q.vin,
        reason: q.reason,
        first_at: q.at,
        last_at: q.at,
        last_peer: q.peer,
        frames: 1,
        last_raw: q.rawHex,
      })
      .onConflict((oc) =>
        oc.column('vin').doUpdateSet((eb) => ({
          reason: eb.ref('excluded.reason'),
          last_at: eb.ref('excluded.last_at'),
          last_peer: eb.ref('excluded.last_peer'),
          frames: eb('truck_quarantine.frames', '+', 1),
          last_raw: eb.ref('excluded.last_raw'),
        })),
      )
      .execute();
  }
}

/** A vehicle's status after a frame (pure). */
export function mergeStatus(before: Status | undefined, f: FrameWrite, now: number): Status {
  const s: Status = before
    ? { ...before }
    : {
        vehicle_id: f.vehicleId,
        last_frame_at: f.receivedAt,
        last_command: f.command,
        last_peer: f.peer,
        last_login_at: null,
        last_logout_at: null,
        last_record_time: null,
        last_lon: null,
        last_lat: null,
        last_speed: null,
        records: 0,
        updated_at: now,
      };
  // Order-insensitive, so that a frame merged again (a JetStream redelivery to a writer) or late
  // (another writer took a later one first) changes nothing: the newest receipt wins.
  if (before === undefined || f.receivedAt >= Number(before.last_frame_at)) {
    s.last_command = f.command;
    s.last_peer = f.peer;
  }
  s.last_frame_at = Math.max(Number(s.last_frame_at), f.receivedAt);
  if (f.login) s.last_login_at = Math.max(Number(s.last_login_at ?? 0), f.receivedAt);
  if (f.logout) s.last_logout_at = Math.max(Number(s.last_logout_at ?? 0), f.receivedAt);
  for (const r of f.rows) {
    if (!STREAM_TYPES.has(r.type)) continue;
    if (s.last_record_time !== null && r.record_time < Number(s.last_record_time)) continue;
    s.last_record_time = r.record_time;
    if (r.lon !== null && r.lat !== null) {
      s.last_lon = r.lon;
      s.last_lat = r.lat;
    }
    s.last_speed = r.speed;
  }
  s.records = Number(s.records);
  s.updated_at = now;
  return s;
}
