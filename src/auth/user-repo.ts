/** Accounts in the store: plain rows in, plain rows out. Every function works inside a transaction. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { UserRow, UsersTable } from './tables.ts';

type Exec = Kysely<DatabaseSchema>;

/** Inserts an account and returns its id. */
export async function insertUser(k: Exec, row: Insertable<UsersTable>): Promise<number> {
  const r = await k.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** One account by its (normalised) user name, or undefined. */
export async function findUserByUsername(k: Exec, username: string): Promise<UserRow | undefined> {
  return k.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** One account by id, or undefined. */
export async function findUserById(k: Exec, id: number): Promise<UserRow | undefined> {
  return k.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Filters for listing accounts. */
export interface UserQuery {
  role?: string;
  regionAdcode?: string;
  includeDisabled?: boolean;
}

/** Accounts ordered by user name. */
export async function listUsers(k: Exec, q: UserQuery = {}): Promise<UserRow[]> {
  let sel = k.selectFrom('users').selectAll().orderBy('username');
  if (q.role) sel = sel.where('role', '=', q.role);
  if (q.regionAdcode) sel = sel.where('region_adcode', '=', q.regionAdcode);
  if (q.includeDisabled === false) sel = sel.where('disabled', '=', 0);
  return sel.execute();
}

/** Changes columns of one account. */
export async function updateUserRow(
  k: Exec,
  id: number,
  patch: Updateable<UsersTable>,
): Promise<void> {
  await k.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** How many enabled city-office accounts exist. */
export async function countActiveAdmins(k: Exec): Promise<number> {
  const r = await k
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'city-admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
