/** Queries of site inspections and their photos. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { DustInspectionPhotoTable, DustInspectionTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
export type PhotoRow = Selectable<DustInspectionPhotoTable>;

/** Inserts an inspection with its photos; answers its id. */
export async function insertInspection(
  k: K,
  i: Omit<Insertable<DustInspectionTable>, 'id'>,
  photos: ReadonlyArray<Omit<PhotoRow, 'inspection_id'>>,
): Promise<number> {
  const r = await k
    .insertInto('dust_inspections')
    .values(i)
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const ph of photos)
    await k
      .insertInto('dust_inspection_photos')
      .values({ ...ph, inspection_id: r.id })
      .execute();
  return r.id;
}

/** Inspections with their sources, newest first. */
export function listInspections(k: K, f: { id?: number; status?: string }) {
  let q = k
    .selectFrom('dust_inspections as i')
    .innerJoin('dust_sources as s', 's.id', 'i.source_id')
    .selectAll('i')
    .select(['s.code', 's.name', 's.department', 's.region_adcode'])
    .orderBy('i.inspected_on', 'desc')
    .orderBy('i.id', 'desc')
    .limit(2000);
  if (f.id !== undefined) q = q.where('i.id', '=', f.id);
  if (f.status) q = q.where('i.status', '=', f.status);
  return q.execute();
}

/** Photos of some inspections. */
export function photosOf(k: K, ids: readonly number[]): Promise<PhotoRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return k
    .selectFrom('dust_inspection_photos')
    .selectAll()
    .where('inspection_id', 'in', [...ids])
    .execute();
}

/** Marks an open inspection rectified; false when it was not open. */
export async function closeInspection(
  k: K,
  id: number,
  by: string,
  at: number,
  text: string,
): Promise<boolean> {
  const r = await k
    .updateTable('dust_inspections')
    .set({ status: 'closed', rectified_by: by, rectified_at: at, rectification: text })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets a source's checklist. */
export async function setChecklist(
  k: K,
  sourceId: number,
  checklist: string,
  at: number,
): Promise<void> {
  await k
    .updateTable('dust_sources')
    .set({ checklist, updated_at: at })
    .where('id', '=', sourceId)
    .execute();
}
