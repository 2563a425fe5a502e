/** Kysely queries of the infrared cameras. */
import type { Insertable, Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { FireCamera, FireCameraTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;

/** A camera by its code. */
export async function findCameraByCode(k: K, code: string): Promise<FireCamera | undefined> {
  return k.selectFrom('fire_cameras').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts a camera; returns its id. */
export async function insertCamera(k: K, c: Insertable<FireCameraTable>): Promise<number> {
  const r = await k.insertInto('fire_cameras').values(c).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Every camera, by code. */
export async function listCameras(k: K): Promise<FireCamera[]> {
  return k.selectFrom('fire_cameras').selectAll().orderBy('code').execute();
}
