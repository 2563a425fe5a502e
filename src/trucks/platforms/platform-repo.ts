/** Forwarding-platform registry queries (table truck_platforms, migration 0023). */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { TruckPlatformTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored platform. */
export type PlatformRow = Selectable<TruckPlatformTable>;

/** Every platform, by id. */
export async function listPlatforms(k: K): Promise<PlatformRow[]> {
  return k.selectFrom('truck_platforms').selectAll().orderBy('id').execute();
}

/** One platform by id or by login username. */
export async function findPlatform(k: K, key: number | string): Promise<PlatformRow | undefined> {
  const q = k.selectFrom('truck_platforms').selectAll();
  return (
    typeof key === 'number' ? q.where('id', '=', key) : q.where('username', '=', key)
  ).executeTakeFirst();
}

/** Inserts a platform; returns its id. */
export async function insertPlatform(
  k: K,
  p: { name: string; username: string; passwordHash: string; region: string; createdBy: string },
  now: number,
): Promise<number> {
  const r = await k
    .insertInto('truck_platforms')
    .values({
      name: p.name,
      username: p.username,
      password_hash: p.passwordHash,
      enabled: 1,
      region_adcode: p.region,
      created_by: p.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Enables or disables a platform. */
export async function setPlatformEnabled(
  k: K,
  id: number,
  enabled: boolean,
  now: number,
): Promise<void> {
  await k
    .updateTable('truck_platforms')
    .set({ enabled: enabled ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Records a successful platform login. */
export async function markPlatformLogin(k: K, id: number, at: number, peer: string): Promise<void> {
  await k
    .updateTable('truck_platforms')
    .set({ last_login_at: at, last_login_peer: peer })
    .where('id', '=', id)
    .execute();
}
