/** Power meters, the lines and facilities they hang on, and the loggers that report for them. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { PowerMeterTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored meter with the codes of its line and facility. */
export type MeterRow = Selectable<PowerMeterTable> & {
  line_code: string | null;
  facility_code: string | null;
};

/** The columns a registration sets. */
export type MeterColumns = Omit<
  Insertable<PowerMeterTable>,
  'id' | 'enterprise_id' | 'created_at' | 'updated_at'
>;

function meters(k: K) {
  return k
    .selectFrom('power_meters as m')
    .leftJoin('production_lines as l', 'l.id', 'm.line_id')
    .leftJoin('control_facilities as f', 'f.id', 'm.facility_id')
    .selectAll('m')
    .select(['l.code as line_code', 'f.code as facility_code']);
}

/** The meters of an enterprise, by code. */
export async function listMeters(k: K, enterpriseId: number): Promise<MeterRow[]> {
  return meters(k).where('m.enterprise_id', '=', enterpriseId).orderBy('m.code').execute();
}

/** One meter of an enterprise by its code. */
export async function findMeter(
  k: K,
  enterpriseId: number,
  code: string,
): Promise<MeterRow | undefined> {
  return meters(k)
    .where('m.enterprise_id', '=', enterpriseId)
    .where('m.code', '=', code)
    .executeTakeFirst();
}

/** The meter mapped to a logger's code, if any. */
export async function meterOfDevice(
  k: K,
  mn: string,
  code: string,
): Promise<{ id: number; enterprise_id: number; code: string } | undefined> {
  return k
    .selectFrom('power_meters')
    .select(['id', 'enterprise_id', 'code'])
    .where('device_mn', '=', mn)
    .where('device_code', '=', code)
    .executeTakeFirst();
}

/** Inserts a meter. */
export async function insertMeter(
  k: K,
  enterpriseId: number,
  cols: MeterColumns,
  now: number,
): Promise<void> {
  await k
    .insertInto('power_meters')
    .values({ ...cols, enterprise_id: enterpriseId, created_at: now, updated_at: now })
    .execute();
}

/** Replaces a meter's columns. */
export async function updateMeter(
  k: K,
  id: number,
  cols: MeterColumns,
  now: number,
): Promise<void> {
  await k
    .updateTable('power_meters')
    .set({ ...cols, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Removes a meter (its readings go with it). */
export async function deleteMeter(k: K, id: number): Promise<void> {
  await k.deleteFrom('power_readings').where('meter_id', '=', id).execute();
  await k.deleteFrom('power_meters').where('id', '=', id).execute();
}

/** The id of an enterprise's production line by code. */
export async function lineId(
  k: K,
  enterpriseId: number,
  code: string,
): Promise<number | undefined> {
  const r = await k
    .selectFrom('production_lines')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r?.id;
}

/** The id of an enterprise's control facility by code. */
export async function facilityId(
  k: K,
  enterpriseId: number,
  code: string,
): Promise<number | undefined> {
  const r = await k
    .selectFrom('control_facilities')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r?.id;
}

/** The lines and facilities of an enterprise. */
export async function enterpriseLayout(
  k: K,
  enterpriseId: number,
): Promise<{
  lines: Array<{ id: number; code: string; name: string }>;
  facilities: Array<{ id: number; code: string; line_id: number | null }>;
}> {
  const lines = await k
    .selectFrom('production_lines')
    .select(['id', 'code', 'name'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('code')
    .execute();
  const facilities = await k
    .selectFrom('control_facilities')
    .select(['id', 'code', 'line_id'])
    .where('enterprise_id', '=', enterpriseId)
    .execute();
  return { lines, facilities };
}

/** A registered HJ 212 device and the outlet it reports for. */
export interface LoggerRow {
  kind: string;
  outlet_id: number | null;
  outlet_enterprise_id: number | null;
  outlet_pollutants: string | null;
}

/** The device with this MN and its outlet, if registered. */
export async function findLogger(k: K, mn: string): Promise<LoggerRow | undefined> {
  return k
    .selectFrom('devices as d')
    .leftJoin('outlets as o', 'o.id', 'd.outlet_id')
    .select([
      'd.kind',
      'd.outlet_id',
      'o.enterprise_id as outlet_enterprise_id',
      'o.pollutants as outlet_pollutants',
    ])
    .where('d.mn', '=', mn)
    .executeTakeFirst();
}

/** Links a bare outlet (made for a power logger) to its enterprise as a power outlet. */
export async function linkPowerOutlet(
  k: K,
  outletId: number,
  enterpriseId: number,
  now: number,
): Promise<void> {
  await k
    .updateTable('outlets')
    .set({ enterprise_id: enterpriseId, kind: 'power', must_report: 0, updated_at: now })
    .where('id', '=', outletId)
    .execute();
}
