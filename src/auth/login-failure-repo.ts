/**
 * Failed sign-ins in the store. Kept in the database rather than in memory so that the limits
 * survive a restart and hold across several server processes sharing one PostgreSQL.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';

type Exec = Kysely<DatabaseSchema>;

/** Times of a key's failures after `since`. */
export async function failureTimes(k: Exec, key: string, since: number): Promise<number[]> {
  const rows = await k
    .selectFrom('auth_login_failures')
    .select('at')
    .where('key', '=', key)
    .where('at', '>', since)
    .execute();
  return rows.map((r) => r.at);
}

/** Records one failure under each key, and drops failures older than `pruneBefore`. */
export async function recordFailure(
  k: Exec,
  keys: readonly string[],
  at: number,
  pruneBefore: number,
): Promise<void> {
  await k.deleteFrom('auth_login_failures').where('at', '<', pruneBefore).execute();
  await k
    .insertInto('auth_login_failures')
    .values(keys.map((key) => ({ key, at })))
    .execute();
}

/** Forgets a key's failures (after a successful sign-in). */
export async function clearFailures(k: Exec, key: string): Promise<void> {
  await k.deleteFrom('auth_login_failures').where('key', '=', key).execute();
}
