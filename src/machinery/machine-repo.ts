/** Queries of registered machines and their photos (machinery_machines, machinery_photos). */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { MachineTable, MachineryPhotoTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
export type MachineRow = Selectable<MachineTable>;
export type PhotoRow = Selectable<MachineryPhotoTable>;

/** A machine by id. */
export function findMachine(k: K, id: number): Promise<MachineRow | undefined> {
  return k.selectFrom('machinery_machines').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A machine by registration code. */
export function findMachineByCode(k: K, code: string): Promise<MachineRow | undefined> {
  return k.selectFrom('machinery_machines').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Machines of the given counties ('all': every one), newest first, optionally filtered. */
export async function listMachines(
  k: K,
  regions: 'all' | string[],
  f: { q?: string | undefined; stage?: string | undefined },
): Promise<MachineRow[]> {
  if (regions !== 'all' && regions.length === 0) return [];
  let q = k.selectFrom('machinery_machines').selectAll().orderBy('id', 'desc');
  if (regions !== 'all') q = q.where('region_adcode', 'in', regions);
  if (f.stage) q = q.where('emission_stage', '=', f.stage);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('code', 'like', like.toUpperCase()),
        eb('owner_name', 'like', like),
        eb('engine_number', 'like', like),
      ]),
    );
  }
  return q.execute();
}

/** Codes already issued with a prefix (to find the next serial). */
export async function codesWithPrefix(k: K, prefix: string): Promise<string[]> {
  const rows = await k
    .selectFrom('machinery_machines')
    .select('code')
    .where('code', 'like', `${prefix}%`)
    .execute();
  return rows.map((r) => r.code);
}

/** Inserts a machine; returns its id. */
export async function insertMachine(k: K, row: Insertable<MachineTable>): Promise<number> {
  const r = await k
    .insertInto('machinery_machines')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Updates a machine. */
export async function updateMachine(
  k: K,
  id: number,
  patch: Updateable<MachineTable>,
): Promise<void> {
  await k.updateTable('machinery_machines').set(patch).where('id', '=', id).execute();
}

/** Deletes a machine and its photo rows (its checks keep their code, the machine link is cut). */
export async function deleteMachine(k: K, id: number): Promise<void> {
  await k.deleteFrom('machinery_photos').where('machine_id', '=', id).execute();
  await k
    .updateTable('machinery_inspections')
    .set({ machine_id: null })
    .where('machine_id', '=', id)
    .execute();
  await k
    .updateTable('machinery_violations')
    .set({ machine_id: null })
    .where('machine_id', '=', id)
    .execute();
  await k.deleteFrom('machinery_machines').where('id', '=', id).execute();
}

/** Inserts a photo row. */
export async function insertPhoto(k: K, row: Insertable<MachineryPhotoTable>): Promise<void> {
  await k.insertInto('machinery_photos').values(row).execute();
}

/** Photos of machines or of inspections. */
export async function photosOf(
  k: K,
  owner: 'machine_id' | 'inspection_id',
  ids: readonly number[],
): Promise<PhotoRow[]> {
  if (ids.length === 0) return [];
  return k
    .selectFrom('machinery_photos')
    .selectAll()
    .where(owner, 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** A photo by id. */
export function findPhoto(k: K, id: number): Promise<PhotoRow | undefined> {
  return k.selectFrom('machinery_photos').selectAll().where('id', '=', id).executeTakeFirst();
}
