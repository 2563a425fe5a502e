/** Rows of `gates`: registration, credential rotation, lookup by credential hash, heartbeats. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { GateTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
/** A gate row. */
export type GateRow = Selectable<GateTable>;
/** A gate with its enterprise's name, credit code and county. */
export type GateListRow = GateRow & {
  enterprise_name: string;
  credit_code: string;
  region_adcode: string;
};

/** Stores a new gate; returns its id. */
export async function insertGate(k: K, g: Insertable<GateTable>): Promise<number> {
  const r = await k.insertInto('gates').values(g).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Gates with their enterprises, optionally one gate or the enterprises of some counties. */
export async function listGates(
  k: K,
  f: { regions?: readonly string[] | undefined; id?: number; creditCode?: string },
): Promise<GateListRow[]> {
  if (f.regions && f.regions.length === 0) return [];
  let q = k
    .selectFrom('gates as g')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .selectAll('g')
    .select(['e.name as enterprise_name', 'e.credit_code', 'e.region_adcode']);
  if (f.regions) q = q.where('e.region_adcode', 'in', [...f.regions]);
  if (f.id !== undefined) q = q.where('g.id', '=', f.id);
  if (f.creditCode) q = q.where('e.credit_code', '=', f.creditCode);
  return q.orderBy('e.region_adcode').orderBy('g.enterprise_id').orderBy('g.id').execute();
}

/** The enabled gate whose credential hashes to `hash`, with its enterprise's county. */
export async function gateByTokenHash(
  k: K,
  hash: string,
): Promise<(GateRow & { region_adcode: string }) | undefined> {
  return k
    .selectFrom('gates as g')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .selectAll('g')
    .select('e.region_adcode')
    .where('g.token_hash', '=', hash)
    .where('g.enabled', '=', 1)
    .executeTakeFirst();
}

/** Changes a gate's credential. */
export async function setGateToken(
  k: K,
  id: number,
  hash: string,
  hint: string,
  now: number,
): Promise<void> {
  await k
    .updateTable('gates')
    .set({ token_hash: hash, token_hint: hint, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Records that the gate was heard from. */
export async function touchGate(k: K, id: number, now: number): Promise<void> {
  await k.updateTable('gates').set({ last_seen_at: now }).where('id', '=', id).execute();
}
