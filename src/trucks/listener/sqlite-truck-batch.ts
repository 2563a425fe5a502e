/**
 * The database step of a batch for SQLite with prepared statements (run on the writer thread,
 * truck-writer-worker.ts): the same reads, merges and writes as batch-repo.ts writeBatch — point
 * reads of the batch's minutes and status rows, applyFrames, upserts of the rows it changed, the
 * quarantine counts — in one transaction, without building SQL per batch.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  applyFrames,
  frameWrites,
  minuteKeysOf,
  type BatchResult,
  type Status,
  type TruckWrite,
} from '../batch-repo.ts';
import { minuteKey, type MinuteSummary } from '../minutes/minute-summary.ts';

const MINUTE_COLUMNS: ReadonlyArray<keyof MinuteSummary> = [
  'vehicle_id',
  'minute',
  'seen_lo',
  'seen_hi',
  'records',
  'reissued',
  'engine_seconds',
  'moving_seconds',
  'speed_sum',
  'speed_max',
  'nox_down_sum',
  'nox_down_n',
  'nox_up_sum',
  'nox_up_n',
  'scr_in_sum',
  'scr_in_n',
  'scr_out_sum',
  'scr_out_n',
  'reagent_min',
  'reagent_max',
  'fuel_l',
  'nox_g',
  'mileage_min',
  'mileage_max',
  'fixes',
  'last_lon',
  'last_lat',
  'flag_counts',
  'rule_version',
  'updated_at',
];

const STATUS_COLUMNS: ReadonlyArray<keyof Status> = [
  'vehicle_id',
  'last_frame_at',
  'last_command',
  'last_peer',
  'last_login_at',
  'last_logout_at',
  'last_record_time',
  'last_lon',
  'last_lat',
  'last_speed',
  'records',
  'updated_at',
];

function upsertSql(table: string, columns: readonly string[], key: readonly string[]): string {
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return (
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')}) ` +
    `on conflict (${key.join(', ')}) do update set ${set.join(', ')}`
  );
}

/** Prepares the statements; returns the batch step (synchronous, one transaction). */
export function sqliteTruckBatchWriter(
  h: BetterSqlite3.Database,
  movingKmh: number,
): (batch: readonly TruckWrite[], now: number) => BatchResult {
  const selMinute = h.prepare('select * from truck_minutes where vehicle_id = ? and minute = ?');
  const upMinute = h.prepare(upsertSql('truck_minutes', MINUTE_COLUMNS, ['vehicle_id', 'minute']));
  const selStatus = h.prepare('select * from truck_status where vehicle_id = ?');
  const upStatus = h.prepare(upsertSql('truck_status', STATUS_COLUMNS, ['vehicle_id']));
  const upQuarantine = h.prepare(
    'insert into truck_quarantine (vin, reason, first_at, last_at, last_peer, frames, last_raw) ' +
      'values (?, ?, ?, ?, ?, 1, ?) on conflict (vin) do update set reason = excluded.reason, ' +
      'last_at = excluded.last_at, last_peer = excluded.last_peer, ' +
      'frames = truck_quarantine.frames + 1, last_raw = excluded.last_raw',
  );
  const pick = <T>(row: T, columns: ReadonlyArray<keyof T>) =>
    Object.fromEntries(columns.map((c) => [c, row[c]]));
  return h.transaction((batch: readonly TruckWrite[], now: number): BatchResult => {
    const frames = frameWrites(batch);
    const status = new Map<number, Status>();
    for (const id of new Set(frames.map((f) => f.vehicleId))) {
      const s = selStatus.get(id) as Status | undefined;
      if (s) status.set(id, s);
    }
    const minutes = new Map<string, MinuteSummary>();
    for (const k of minuteKeysOf(frames)) {
      const m = selMinute.get(k.vehicleId, k.minute) as MinuteSummary | undefined;
      if (m) minutes.set(minuteKey(k.vehicleId, k.minute), m);
    }
    const plan = applyFrames(frames, status, minutes, movingKmh, now);
    for (const m of plan.minutes) upMinute.run(pick(m, MINUTE_COLUMNS));
    for (const s of plan.status) upStatus.run(pick(s, STATUS_COLUMNS));
    for (const q of batch)
      if (q.kind === 'quarantine') upQuarantine.run(q.vin, q.reason, q.at, q.at, q.peer, q.rawHex);
    return plan.result;
  });
}
