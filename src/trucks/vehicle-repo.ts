/** Vehicle registry queries: plain rows in, plain rows out. */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { TruckStatusTable, TruckVehicleTable } from './tables.ts';
import type { ValidVehicle } from './rules/vehicle-rules.ts';

type K = Kysely<DatabaseSchema>;

/** A stored vehicle. */
export type VehicleRow = Selectable<TruckVehicleTable>;

/** A vehicle with its last persisted status (nulls when it never sent a frame). */
export interface VehicleView extends VehicleRow {
  status: Selectable<TruckStatusTable> | null;
}

/** Every vehicle, by VIN, with its status. */
export async function listVehicles(k: K): Promise<VehicleView[]> {
  const [vehicles, statuses] = await Promise.all([
    k.selectFrom('truck_vehicles').selectAll().orderBy('vin').execute(),
    k.selectFrom('truck_status').selectAll().execute(),
  ]);
  const byId = new Map(statuses.map((s) => [s.vehicle_id, s]));
  return vehicles.map((v) => ({ ...v, status: byId.get(v.id) ?? null }));
}

/** One vehicle by VIN, or undefined. */
export async function findVehicle(k: K, vin: string): Promise<VehicleView | undefined> {
  const v = await k
    .selectFrom('truck_vehicles')
    .selectAll()
    .where('vin', '=', vin)
    .executeTakeFirst();
  if (!v) return undefined;
  const s = await k
    .selectFrom('truck_status')
    .selectAll()
    .where('vehicle_id', '=', v.id)
    .executeTakeFirst();
  return { ...v, status: s ?? null };
}

function columns(v: ValidVehicle) {
  return {
    plate: v.plate,
    plate_colour: v.plateColour,
    emission_stage: v.emissionStage,
    fuel: v.fuel,
    owner: v.owner,
    fleet: v.fleet,
    region_adcode: v.county,
    iccid: v.iccid,
    chip_id: v.chipId,
    reply_mode: v.replyMode,
    layout: v.layout,
    sign_key: v.signKey,
  };
}

/** Inserts a vehicle. */
export async function insertVehicle(k: K, v: ValidVehicle, now: number): Promise<void> {
  await k
    .insertInto('truck_vehicles')
    .values({ vin: v.vin, ...columns(v), created_at: now, updated_at: now })
    .execute();
}

/** Replaces a vehicle's registration (the VIN stays). */
export async function updateVehicle(k: K, id: number, v: ValidVehicle, now: number): Promise<void> {
  await k
    .updateTable('truck_vehicles')
    .set({ ...columns(v), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** True when the region exists. */
export async function regionExists(k: K, adcode: string): Promise<boolean> {
  const r = await k
    .selectFrom('regions')
    .select('adcode')
    .where('adcode', '=', adcode)
    .executeTakeFirst();
  return r !== undefined;
}
