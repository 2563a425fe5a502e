/** Store access of roadside devices, their records and inspection-station records. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { RoadsideInspectionTable, RoadsideRecordTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored record row. */
export type RecordRow = Selectable<RoadsideRecordTable>;
/** A stored inspection row. */
export type InspectionRow = Selectable<RoadsideInspectionTable>;

/** Every device, by code. */
export function listDeviceRows(k: K) {
  return k.selectFrom('roadside_devices').selectAll().orderBy('code').execute();
}

/** The device with that code. */
export function deviceByCode(k: K, code: string) {
  return k.selectFrom('roadside_devices').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Stores a device; returns its id. */
export async function insertDevice(
  k: K,
  row: Insertable<DatabaseSchema['roadside_devices']>,
): Promise<number> {
  return (
    await k.insertInto('roadside_devices').values(row).returning('id').executeTakeFirstOrThrow()
  ).id;
}

/** The record a device already sent with that id of its own. */
export function recordByExternalId(k: K, deviceId: number, externalId: string) {
  return k
    .selectFrom('roadside_records')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** Stores a record; returns its id. */
export async function insertRecord(k: K, row: Insertable<RoadsideRecordTable>): Promise<number> {
  return (
    await k.insertInto('roadside_records').values(row).returning('id').executeTakeFirstOrThrow()
  ).id;
}

/** What the record list filters by. */
export interface RecordFilter {
  from: number;
  to: number;
  deviceIds: number[];
  plate?: string | undefined;
  failedOnly?: boolean | undefined;
  limit: number;
}

/** Records of some devices in [from, to), newest first. */
export function recordRows(k: K, f: RecordFilter) {
  if (f.deviceIds.length === 0) return Promise.resolve([] as RecordRow[]);
  let q = k
    .selectFrom('roadside_records')
    .selectAll()
    .where('device_id', 'in', f.deviceIds)
    .where('measured_at', '>=', f.from)
    .where('measured_at', '<', f.to);
  if (f.plate) q = q.where('plate', '=', f.plate);
  if (f.failedOnly) q = q.where('failed', '=', 1);
  return q.orderBy('measured_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** True when a record of these devices refers to the photo. */
export async function photoInRecords(k: K, sha256: string, deviceIds: number[]): Promise<boolean> {
  if (deviceIds.length === 0) return false;
  const row = await k
    .selectFrom('roadside_records')
    .select('id')
    .where('device_id', 'in', deviceIds)
    .where('photos', 'like', `%"${sha256}"%`)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts inspections or replaces those with the same station and serial; returns how many were new. */
export async function upsertInspections(
  k: K,
  rows: Insertable<RoadsideInspectionTable>[],
): Promise<number> {
  let created = 0;
  for (const row of rows) {
    const old = await k
      .selectFrom('roadside_inspections')
      .select('id')
      .where('station_code', '=', row.station_code)
      .where('serial', '=', row.serial)
      .executeTakeFirst();
    if (old)
      await k.updateTable('roadside_inspections').set(row).where('id', '=', old.id).execute();
    else {
      await k.insertInto('roadside_inspections').values(row).execute();
      created++;
    }
  }
  return created;
}

/** Passing inspections before `to` of vehicles with these plates or VINs. */
export function passesOf(k: K, plates: string[], vins: string[], to: number) {
  if (plates.length === 0) return Promise.resolve([] as InspectionRow[]);
  return k
    .selectFrom('roadside_inspections')
    .selectAll()
    .where((eb) =>
      vins.length > 0
        ? eb.or([eb('plate', 'in', plates), eb('vin', 'in', vins)])
        : eb('plate', 'in', plates),
    )
    .where('passed', '=', 1)
    .where('inspected_at', '<', to)
    .execute();
}
