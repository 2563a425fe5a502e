/**
 * Registering heavy trucks: checks of rules/vehicle-rules.ts, the county must exist, an audit
 * record in the same transaction. Imports create or update row by row; a bad row never stops
 * the others.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError, type ErrorCode } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { checkVehicle, type ValidVehicle, type VehicleInput } from './rules/vehicle-rules.ts';
import { viewAsInput } from './vehicle-view.ts';
import {
  findVehicle,
  insertVehicle,
  listVehicles,
  regionExists,
  updateVehicle,
  type VehicleView,
} from './vehicle-repo.ts';

type Trx = Kysely<DatabaseSchema>;

/** Who makes a change and from where (for the audit log). */
export interface Actor {
  actor: string;
  ip?: string | null;
}

/** Per-row outcome of an import. */
export interface VehicleImportResult {
  line: number;
  vin: string;
  status: 'created' | 'updated' | 'rejected';
  code?: ErrorCode;
  field?: string;
  detail?: string;
}

function checked(input: VehicleInput): ValidVehicle {
  const c = checkVehicle(input);
  if (!c.ok) throw new LantianError(c.code, `${c.field}: ${c.detail}`);
  return c.vehicle;
}

async function requireRegion(trx: Trx, v: ValidVehicle): Promise<void> {
  if (!(await regionExists(trx, v.county)))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', `county: ${v.county}`);
}

async function save(
  trx: Trx,
  before: VehicleView | undefined,
  v: ValidVehicle,
  now: number,
  who: Actor,
): Promise<void> {
  await requireRegion(trx, v);
  if (before) await updateVehicle(trx, before.id, v, now);
  else await insertVehicle(trx, v, now);
  await recordAudit(trx, now, {
    actor: who.actor,
    ip: who.ip ?? null,
    action: before ? 'truck.vehicle.update' : 'truck.vehicle.create',
    target: `vehicle:${v.vin}`,
    detail: before ? { before: viewAsInput(before), after: v } : v,
  });
}

/** Registers a new vehicle; LT_ERR_VEHICLE_EXISTS when its VIN is taken. */
export async function createVehicle(
  db: Db,
  clock: Clock,
  input: VehicleInput,
  who: Actor,
): Promise<VehicleView> {
  const v = checked(input);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    if (await findVehicle(trx, v.vin)) throw new LantianError('LT_ERR_VEHICLE_EXISTS', v.vin);
    await save(trx, undefined, v, now, who);
  });
  return (await findVehicle(db.kysely, v.vin))!;
}

/** Changes a registration: fields of `patch` replace the stored ones (the VIN stays). */
export async function changeVehicle(
  db: Db,
  clock: Clock,
  vin: string,
  patch: Partial<Omit<VehicleInput, 'vin'>>,
  who: Actor,
): Promise<VehicleView> {
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await findVehicle(trx, vin);
    if (!before) throw new LantianError('LT_ERR_VEHICLE_NOT_FOUND', vin);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const v = checked({ ...viewAsInput(before), ...defined, vin: before.vin });
    await save(trx, before, v, now, who);
  });
  return (await findVehicle(db.kysely, vin))!;
}

/**
 * Imports registrations: each row is created, updated (VIN already registered: importing a file
 * again is idempotent) or rejected with its reason.
 */
export async function importVehicles(
  db: Db,
  clock: Clock,
  rows: ReadonlyArray<{ line: number; input: VehicleInput }>,
  who: Actor,
): Promise<VehicleImportResult[]> {
  const now = clock.now();
  const results: VehicleImportResult[] = [];
  const seen = new Map<string, number>();
  await db.kysely.transaction().execute(async (trx) => {
    for (const { line, input } of rows) {
      const c = checkVehicle(input);
      if (!c.ok) {
        results.push({
          line,
          vin: input.vin,
          status: 'rejected',
          code: c.code,
          field: c.field,
          detail: c.detail,
        });
        continue;
      }
      const v = c.vehicle;
      const first = seen.get(v.vin);
      if (first !== undefined) {
        results.push({
          line,
          vin: v.vin,
          status: 'rejected',
          code: 'LT_ERR_VEHICLE_EXISTS',
          field: 'vin',
          detail: `与第 ${first} 行重复`,
        });
        continue;
      }
      seen.set(v.vin, line);
      if (!(await regionExists(trx, v.county))) {
        results.push({
          line,
          vin: v.vin,
          status: 'rejected',
          code: 'LT_ERR_REGION_NOT_FOUND',
          field: 'county',
          detail: `行政区 ${v.county} 未登记`,
        });
        continue;
      }
      const before = await findVehicle(trx, v.vin);
      await save(trx, before, v, now, who);
      results.push({ line, vin: v.vin, status: before ? 'updated' : 'created' });
    }
  });
  return results;
}

/** Every registered vehicle with its status. */
export async function vehicles(db: Db): Promise<VehicleView[]> {
  return listVehicles(db.kysely);
}
