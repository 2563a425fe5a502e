/** Sessions in the store, keyed by the SHA-256 of their id. */
import type { Insertable, Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { SessionTimes } from './session-rules.ts';
import type { AuthSessionsTable, UserRow } from './tables.ts';

type Exec = Kysely<DatabaseSchema>;

/** Stores a new session. */
export async function insertSession(k: Exec, row: Insertable<AuthSessionsTable>): Promise<void> {
  await k.insertInto('auth_sessions').values(row).execute();
}

/** A session's times with its account, by the hash of the session id (one query: the hot path). */
export async function findSessionWithUser(
  k: Exec,
  idHash: string,
): Promise<{ session: SessionTimes; user: UserRow } | undefined> {
  const row = await k
    .selectFrom('auth_sessions as s')
    .innerJoin('users', 'users.id', 's.user_id')
    .selectAll('users')
    .select([
      's.created_at as s_created_at',
      's.last_seen_at as s_last_seen_at',
      's.expires_at as s_expires_at',
      's.revoked_at as s_revoked_at',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { s_created_at, s_last_seen_at, s_expires_at, s_revoked_at, ...user } = row;
  return {
    session: {
      created_at: s_created_at,
      last_seen_at: s_last_seen_at,
      expires_at: s_expires_at,
      revoked_at: s_revoked_at,
    },
    user,
  };
}

/** Records a use of the session. */
export async function touchSession(k: Exec, idHash: string, at: number): Promise<void> {
  await k
    .updateTable('auth_sessions')
    .set({ last_seen_at: at })
    .where('id_hash', '=', idHash)
    .execute();
}

/** Revokes one session (no effect when already revoked). */
export async function revokeSession(k: Exec, idHash: string, at: number): Promise<void> {
  await k
    .updateTable('auth_sessions')
    .set({ revoked_at: at })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live session of a user, except the one given; returns how many. */
export async function revokeUserSessions(
  k: Exec,
  userId: number,
  at: number,
  exceptIdHash?: string,
): Promise<number> {
  let q = k
    .updateTable('auth_sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a user's sessions that ended before `before` (kept a while for the record, then dropped). */
export async function deleteEndedSessions(k: Exec, userId: number, before: number): Promise<void> {
  await k
    .deleteFrom('auth_sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .execute();
}
