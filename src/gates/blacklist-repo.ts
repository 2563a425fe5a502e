/** Rows of the gate blacklist and its change log (the log's largest id is the version). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { GateBlacklistTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
/** A blacklist row. */
export type BlacklistRow = Selectable<GateBlacklistTable>;

/** The blacklist's version: the id of its latest change, 0 before any. */
export async function blacklistVersion(k: K): Promise<number> {
  const r = await k
    .selectFrom('gate_blacklist_changes')
    .select((eb) => eb.fn.max('id').as('v'))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Active entries (not removed), newest first; all entries when `withRemoved`. */
export async function listBlacklist(k: K, withRemoved = false): Promise<BlacklistRow[]> {
  let q = k.selectFrom('gate_blacklist').selectAll();
  if (!withRemoved) q = q.where('removed_at', 'is', null);
  return q.orderBy('id', 'desc').execute();
}

/** Active entries matching a plate or a VIN. */
export async function blacklistHits(
  k: K,
  plate: string,
  vin: string | null,
): Promise<BlacklistRow[]> {
  return k
    .selectFrom('gate_blacklist')
    .selectAll()
    .where('removed_at', 'is', null)
    .where((eb) => {
      const ors = [];
      if (plate) ors.push(eb('plate', '=', plate));
      if (vin) ors.push(eb('vin', '=', vin));
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .execute();
}

/** One entry by id. */
export async function findBlacklistEntry(k: K, id: number): Promise<BlacklistRow | undefined> {
  return k.selectFrom('gate_blacklist').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds an entry and its change; returns the entry id. */
export async function addBlacklistEntry(k: K, e: Insertable<GateBlacklistTable>): Promise<number> {
  return k.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('gate_blacklist')
      .values(e)
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('gate_blacklist_changes')
      .values({ entry_id: r.id, action: 'add', changed_at: e.added_at, changed_by: e.added_by })
      .execute();
    return Number(r.id);
  });
}

/** Marks an entry removed and logs the change. */
export async function removeBlacklistEntry(
  k: K,
  id: number,
  by: string,
  now: number,
): Promise<void> {
  await k.transaction().execute(async (trx) => {
    await trx
      .updateTable('gate_blacklist')
      .set({ removed_at: now, removed_by: by })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('gate_blacklist_changes')
      .values({ entry_id: id, action: 'remove', changed_at: now, changed_by: by })
      .execute();
  });
}
