/** API tokens in the store, keyed by the SHA-256 of the token. */
import type { Insertable, Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { AuthTokensTable, TokenRow, UserRow } from './tables.ts';

type Exec = Kysely<DatabaseSchema>;

/** A token row with its owner's user name. */
export type TokenWithOwner = TokenRow & { username: string };

/** Stores a new token and returns its id. */
export async function insertToken(k: Exec, row: Insertable<AuthTokensTable>): Promise<number> {
  const r = await k.insertInto('auth_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A token and its account, by the hash of the token. */
export async function findTokenWithUser(
  k: Exec,
  tokenHash: string,
): Promise<{ token: TokenRow; user: UserRow } | undefined> {
  const token = await k
    .selectFrom('auth_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!token) return undefined;
  const user = await k
    .selectFrom('users')
    .selectAll()
    .where('id', '=', token.user_id)
    .executeTakeFirst();
  return user ? { token, user } : undefined;
}

function withOwner(k: Exec) {
  return k
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .selectAll('auth_tokens')
    .select('users.username');
}

/** One token with its owner, by id. */
export async function findTokenById(k: Exec, id: number): Promise<TokenWithOwner | undefined> {
  return withOwner(k).where('auth_tokens.id', '=', id).executeTakeFirst();
}

/** Tokens (of one user, or all), newest first. */
export async function listTokens(k: Exec, userId?: number): Promise<TokenWithOwner[]> {
  let q = withOwner(k).orderBy('auth_tokens.id', 'desc');
  if (userId !== undefined) q = q.where('auth_tokens.user_id', '=', userId);
  return q.execute();
}

/** True when the user has a token of that name that is neither revoked nor expired at `now`. */
export async function hasLiveTokenNamed(
  k: Exec,
  userId: number,
  name: string,
  now: number,
): Promise<boolean> {
  const r = await k
    .selectFrom('auth_tokens')
    .select('id')
    .where('user_id', '=', userId)
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return r !== undefined;
}

/** Records a use of the token. */
export async function touchToken(k: Exec, id: number, at: number): Promise<void> {
  await k.updateTable('auth_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Revokes one token (no effect when already revoked). */
export async function revokeTokenRow(k: Exec, id: number, at: number): Promise<void> {
  await k
    .updateTable('auth_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every token of a user; returns how many. */
export async function revokeUserTokens(k: Exec, userId: number, at: number): Promise<number> {
  const r = await k
    .updateTable('auth_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
