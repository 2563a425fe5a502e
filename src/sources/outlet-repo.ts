/** Enterprise outlets in the store. */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { OutletTable } from './tables.ts';

/** A stored outlet. */
export type Outlet = Selectable<OutletTable>;

/** One outlet by code, or undefined. */
export async function findOutlet(
  k: Kysely<DatabaseSchema>,
  code: string,
): Promise<Outlet | undefined> {
  return k.selectFrom('outlets').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The id of the outlet with this code, creating it (name = code) when missing. */
export async function ensureOutlet(
  k: Kysely<DatabaseSchema>,
  code: string,
  now: number,
): Promise<{ id: number; created: boolean }> {
  const found = await findOutlet(k, code);
  if (found) return { id: found.id, created: false };
  const row = await k
    .insertInto('outlets')
    .values({
      code,
      name: code,
      enterprise: null,
      region_adcode: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}
