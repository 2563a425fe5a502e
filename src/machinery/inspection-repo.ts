/** Queries of field checks and violations (machinery_inspections, machinery_violations). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { MachineryInspectionTable, MachineryViolationTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
export type InspectionRow = Selectable<MachineryInspectionTable>;
export type ViolationRow = Selectable<MachineryViolationTable>;
/** A violation with what its check saw. */
export type ViolationListRow = ViolationRow &
  Pick<InspectionRow, 'code_seen' | 'lon' | 'lat' | 'inspected_by'>;

/** Inserts a check; returns its id. */
export async function insertInspection(
  k: K,
  row: Insertable<MachineryInspectionTable>,
): Promise<number> {
  const r = await k
    .insertInto('machinery_inspections')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** A check by id. */
export function findInspection(k: K, id: number): Promise<InspectionRow | undefined> {
  return k.selectFrom('machinery_inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a violation. */
export async function insertViolation(
  k: K,
  row: Insertable<MachineryViolationTable>,
): Promise<void> {
  await k.insertInto('machinery_violations').values(row).execute();
}

const listed = (k: K) =>
  k
    .selectFrom('machinery_violations as v')
    .innerJoin('machinery_inspections as i', 'i.id', 'v.inspection_id')
    .selectAll('v')
    .select(['i.code_seen', 'i.lon', 'i.lat', 'i.inspected_by']);

/** Violations of the given counties, newest first. */
export async function listViolations(
  k: K,
  regions: 'all' | string[],
  status: string | undefined,
): Promise<ViolationListRow[]> {
  if (regions !== 'all' && regions.length === 0) return [];
  let q = listed(k).orderBy('v.id', 'desc');
  if (regions !== 'all') q = q.where('v.region_adcode', 'in', regions);
  if (status) q = q.where('v.status', '=', status);
  return q.execute();
}

/** Violations of one check. */
export function violationsOfInspection(k: K, inspectionId: number): Promise<ViolationListRow[]> {
  return listed(k).where('v.inspection_id', '=', inspectionId).orderBy('v.id').execute();
}

/** A violation by id. */
export function findViolation(k: K, id: number): Promise<ViolationListRow | undefined> {
  return listed(k).where('v.id', '=', id).executeTakeFirst();
}

/** Sets a violation's status. */
export async function setViolationStatus(
  k: K,
  id: number,
  status: string,
  note: string,
  by: string,
  at: number,
): Promise<void> {
  await k
    .updateTable('machinery_violations')
    .set({ status, status_note: note, updated_by: by, updated_at: at })
    .where('id', '=', id)
    .execute();
}
