/**
 * Storing what terminals send, one transaction per batch (the listener's group commit): raw
 * frames, their records (a record already stored — a reissue — is skipped by its key), each
 * vehicle's status, and the quarantine counts of unregistered VINs. Reading back recent records.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import type { RecordRow } from './record-rows.ts';
import type { TruckRecordTable, TruckStatusTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;

/** An accepted frame of a registered vehicle and its records. */
export interface FrameWrite {
  kind: 'frame';
  vehicleId: number;
  receivedAt: number;
  peer: string;
  command: number;
  layout: string | null;
  rawHex: string;
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
  recordsInserted: number;
  duplicates: number;
}

const STREAM_TYPES = new Set([0x02, 0x03, 0x05]);

type Status = Selectable<TruckStatusTable>;

/** Writes a batch in one transaction; throws (nothing stored) on failure. */
export async function writeBatch(
  db: Db,
  batch: readonly TruckWrite[],
  now: number,
): Promise<BatchResult> {
  const result: BatchResult = { frames: 0, recordsInserted: 0, duplicates: 0 };
  await db.kysely.transaction().execute(async (trx) => {
    const frames = batch.filter((w): w is FrameWrite => w.kind === 'frame');
    const ids = [...new Set(frames.map((f) => f.vehicleId))];
    const status = new Map<number, Status>();
    if (ids.length > 0) {
      for (const s of await trx
        .selectFrom('truck_status')
        .selectAll()
        .where('vehicle_id', 'in', ids)
        .execute())
        status.set(s.vehicle_id, s);
    }
    const records: Array<Insertable<TruckRecordTable>> = [];
    for (const f of frames) {
      const frameId = await insertFrame(trx, f);
      result.frames++;
      for (const row of f.rows)
        records.push({
          ...row,
          vehicle_id: f.vehicleId,
          frame_id: frameId,
          received_at: f.receivedAt,
        });
      status.set(f.vehicleId, merge(status.get(f.vehicleId), f, now));
    }
    // All records of the batch in few statements; a key already stored (a reissue) is skipped,
    // and RETURNING names the vehicles of the rows really inserted.
    for (let i = 0; i < records.length; i += 400) {
      const inserted = await trx
        .insertInto('truck_records')
        .values(records.slice(i, i + 400))
        .onConflict((oc) => oc.columns(['vehicle_id', 'record_time', 'type', 'seq']).doNothing())
        .returning('vehicle_id')
        .execute();
      for (const r of inserted) {
        const s = status.get(r.vehicle_id)!;
        s.records = Number(s.records) + 1;
      }
      result.recordsInserted += inserted.length;
    }
    result.duplicates = records.length - result.recordsInserted;
    if (status.size > 0) {
      const rows = [...status.values()].filter((s) => ids.includes(s.vehicle_id));
      await trx
        .insertInto('truck_status')
        .values(rows)
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
  });
  return result;
}

async function insertFrame(trx: K, f: FrameWrite): Promise<number> {
  const frame = await trx
    .insertInto('truck_frames')
    .values({
      vehicle_id: f.vehicleId,
      received_at: f.receivedAt,
      peer: f.peer,
      command: f.command,
      layout: f.layout,
      raw: f.rawHex,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return frame.id;
}

function merge(before: Status | undefined, f: FrameWrite, now: number): Status {
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
  s.last_frame_at = Math.max(Number(s.last_frame_at), f.receivedAt);
  s.last_command = f.command;
  s.last_peer = f.peer;
  if (f.login) s.last_login_at = f.receivedAt;
  if (f.logout) s.last_logout_at = f.receivedAt;
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

/** A stored record. */
export type StoredRecord = Selectable<TruckRecordTable>;

/** The newest records of a vehicle (by collection time), newest first. */
export async function recentRecords(
  db: Db,
  vehicleId: number,
  limit: number,
): Promise<StoredRecord[]> {
  const rows = await db.kysely
    .selectFrom('truck_records')
    .selectAll()
    .where('vehicle_id', '=', vehicleId)
    .orderBy('record_time', 'desc')
    .orderBy('type')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    record_time: Number(r.record_time),
    received_at: Number(r.received_at),
  }));
}

/** Quarantined VINs, most recent first. */
export async function listTruckQuarantine(db: Db, limit: number) {
  return db.kysely
    .selectFrom('truck_quarantine')
    .selectAll()
    .orderBy('last_at', 'desc')
    .limit(limit)
    .execute();
}
