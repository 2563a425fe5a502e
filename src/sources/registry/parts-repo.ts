/**
 * Queries of an enterprise's parts: production lines, control facilities, outlets, their limit
 * overrides and the devices (by MN) that report for the outlets.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type {
  ControlFacilityTable,
  OutletLimitTable,
  OutletTable,
  ProductionLineTable,
} from '../tables.ts';

type K = Kysely<DatabaseSchema>;

export type LineRow = Selectable<ProductionLineTable>;
export type FacilityRow = Selectable<ControlFacilityTable>;
export type OutletRow = Selectable<OutletTable>;
export type LimitRow = Selectable<OutletLimitTable>;

/** The lines of enterprises, by code. */
export async function linesOf(k: K, enterpriseIds: readonly number[]): Promise<LineRow[]> {
  if (enterpriseIds.length === 0) return [];
  return k
    .selectFrom('production_lines')
    .selectAll()
    .where('enterprise_id', 'in', [...enterpriseIds])
    .orderBy('code')
    .execute();
}

/** The control facilities of an enterprise, by code. */
export async function facilitiesOf(k: K, enterpriseId: number): Promise<FacilityRow[]> {
  return k
    .selectFrom('control_facilities')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('code')
    .execute();
}

/** The outlets of enterprises, by code. */
export async function outletsOf(k: K, enterpriseIds: readonly number[]): Promise<OutletRow[]> {
  if (enterpriseIds.length === 0) return [];
  return k
    .selectFrom('outlets')
    .selectAll()
    .where('enterprise_id', 'in', [...enterpriseIds])
    .orderBy('code')
    .execute();
}

/** The limit overrides of outlets, by pollutant. */
export async function limitsOf(k: K, outletIds: readonly number[]): Promise<LimitRow[]> {
  if (outletIds.length === 0) return [];
  return k
    .selectFrom('outlet_limits')
    .selectAll()
    .where('outlet_id', 'in', [...outletIds])
    .orderBy('pollutant')
    .execute();
}

/** The MNs of the devices reporting for outlets: outlet id → MNs in order. */
export async function mnsOf(k: K, outletIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (outletIds.length === 0) return out;
  const rows = await k
    .selectFrom('devices')
    .select(['outlet_id', 'mn'])
    .where('outlet_id', 'in', [...outletIds])
    .orderBy('mn')
    .execute();
  for (const r of rows) out.set(r.outlet_id!, [...(out.get(r.outlet_id!) ?? []), r.mn]);
  return out;
}

/** One outlet by its city-wide code, or undefined. */
export async function outletByCode(k: K, code: string): Promise<OutletRow | undefined> {
  return k.selectFrom('outlets').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A device by MN with the outlet it reports for (and that outlet's enterprise), or undefined. */
export async function deviceByMn(
  k: K,
  mn: string,
): Promise<
  | {
      id: number;
      kind: string;
      outlet_id: number | null;
      outlet_code: string | null;
      enterprise_id: number | null;
    }
  | undefined
> {
  return k
    .selectFrom('devices as d')
    .leftJoin('outlets as o', 'o.id', 'd.outlet_id')
    .select(['d.id', 'd.kind', 'd.outlet_id', 'o.code as outlet_code', 'o.enterprise_id'])
    .where('d.mn', '=', mn)
    .executeTakeFirst();
}

/** Points a device at an outlet. */
export async function pointDevice(
  k: K,
  deviceId: number,
  outletId: number,
  now: number,
): Promise<void> {
  await k
    .updateTable('devices')
    .set({ outlet_id: outletId, updated_at: now })
    .where('id', '=', deviceId)
    .execute();
}

/** Inserts an outlet and returns its id. */
export async function insertOutlet(
  k: K,
  row: Omit<Insertable<OutletTable>, 'id'>,
): Promise<number> {
  const r = await k.insertInto('outlets').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Changes an outlet's columns. */
export async function updateOutlet(k: K, id: number, set: Updateable<OutletTable>): Promise<void> {
  await k.updateTable('outlets').set(set).where('id', '=', id).execute();
}

/** Replaces the limit overrides of an outlet. */
export async function replaceLimits(
  k: K,
  outletId: number,
  rows: ReadonlyArray<Omit<Insertable<OutletLimitTable>, 'outlet_id'>>,
): Promise<void> {
  await k.deleteFrom('outlet_limits').where('outlet_id', '=', outletId).execute();
  if (rows.length > 0)
    await k
      .insertInto('outlet_limits')
      .values(rows.map((r) => ({ ...r, outlet_id: outletId })))
      .execute();
}

/** Sets one limit override (insert or replace). */
export async function upsertLimit(k: K, row: Insertable<OutletLimitTable>): Promise<void> {
  await k
    .insertInto('outlet_limits')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['outlet_id', 'pollutant']).doUpdateSet({
        limit_mg_m3: row.limit_mg_m3,
        ref_o2: row.ref_o2 ?? null,
        basis: row.basis,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Removes one limit override; true when there was one. */
export async function deleteLimit(k: K, outletId: number, pollutant: string): Promise<boolean> {
  const r = await k
    .deleteFrom('outlet_limits')
    .where('outlet_id', '=', outletId)
    .where('pollutant', '=', pollutant)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One line of an enterprise by code, or undefined. */
export async function lineByCode(
  k: K,
  enterpriseId: number,
  code: string,
): Promise<LineRow | undefined> {
  return k
    .selectFrom('production_lines')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** One facility of an enterprise by code, or undefined. */
export async function facilityByCode(
  k: K,
  enterpriseId: number,
  code: string,
): Promise<FacilityRow | undefined> {
  return k
    .selectFrom('control_facilities')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts a line. */
export async function insertLine(
  k: K,
  row: Omit<Insertable<ProductionLineTable>, 'id'>,
): Promise<void> {
  await k.insertInto('production_lines').values(row).execute();
}

/** Changes a line. */
export async function updateLine(
  k: K,
  id: number,
  set: Updateable<ProductionLineTable>,
): Promise<void> {
  await k.updateTable('production_lines').set(set).where('id', '=', id).execute();
}

/** Inserts a facility. */
export async function insertFacility(
  k: K,
  row: Omit<Insertable<ControlFacilityTable>, 'id'>,
): Promise<void> {
  await k.insertInto('control_facilities').values(row).execute();
}

/** Changes a facility. */
export async function updateFacility(
  k: K,
  id: number,
  set: Updateable<ControlFacilityTable>,
): Promise<void> {
  await k.updateTable('control_facilities').set(set).where('id', '=', id).execute();
}

/** Moves an enterprise's outlets to its region (outlets carry it for device scope). */
export async function setOutletsRegion(
  k: K,
  enterpriseId: number,
  regionAdcode: string,
): Promise<void> {
  await k
    .updateTable('outlets')
    .set({ region_adcode: regionAdcode })
    .where('enterprise_id', '=', enterpriseId)
    .execute();
}
