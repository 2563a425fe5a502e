/**
 * Account rules: creating, changing, disabling accounts and resetting passwords. Each change is
 * written to the audit log in the same transaction. Accounts are never deleted, so that the audit
 * log's names keep their meaning and a user name cannot pass to someone else.
 */
import type { Kysely } from 'kysely';
import { findRegion } from '../air/region-repo.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { assertDepartmentKnown } from './department-names.ts';
import { hashPassword } from './password-hash.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import type { ActorContext } from '../audit/actor.ts';
import { normalizeUsername, validateRoleBinding, type RoleBinding } from './role-binding.ts';
import { revokeUserSessions } from './session-repo.ts';
import type { UserRow } from './tables.ts';
import { revokeUserTokens } from './token-repo.ts';
import {
  countActiveAdmins,
  findUserById,
  findUserByUsername,
  insertUser,
  updateUserRow,
} from './user-repo.ts';

/** What it takes to create an account. */
export interface NewUser {
  username: string;
  displayName?: string | undefined;
  role: string;
  regionAdcode?: string | null | undefined;
  department?: string | null | undefined;
  enterprise?: string | null | undefined;
  password: string;
  /** Require a new password at first sign-in (default for accounts an administrator creates). */
  mustChangePassword?: boolean | undefined;
}

/** Changes to an account; giving `role` replaces the whole binding. */
export interface UserPatch {
  displayName?: string | undefined;
  role?: string | undefined;
  regionAdcode?: string | null | undefined;
  department?: string | null | undefined;
  enterprise?: string | null | undefined;
}

const MAX_DISPLAY_NAME = 64;

function displayName(raw: string | undefined, fallback: string): string {
  const d = (raw ?? '').trim() || fallback;
  if ([...d].length > MAX_DISPLAY_NAME) {
    throw new LantianError('LT_ERR_BAD_REQUEST', `显示名称不超过 ${MAX_DISPLAY_NAME} 个字符`);
  }
  return d;
}

async function assertRegionKnown(db: Db, b: RoleBinding): Promise<void> {
  if (b.regionAdcode !== null && !(await findRegion(db, b.regionAdcode))) {
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', `${b.regionAdcode}（请先登记行政区）`);
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The account with that id, or LT_ERR_USER_NOT_FOUND. */
export async function mustFindUser(k: Kysely<DatabaseSchema>, id: number): Promise<UserRow> {
  const u = await findUserById(k, id);
  if (!u) throw new LantianError('LT_ERR_USER_NOT_FOUND', `#${id}`);
  return u;
}

/** The account with that user name, or LT_ERR_USER_NOT_FOUND. */
export async function mustFindUsername(db: Db, username: string): Promise<UserRow> {
  const u = await findUserByUsername(db.kysely, username.trim().toLowerCase());
  if (!u) throw new LantianError('LT_ERR_USER_NOT_FOUND', username);
  return u;
}

/** Refuses to leave the platform without an enabled city-office account. */
async function assertNotLastAdmin(k: Kysely<DatabaseSchema>, u: UserRow): Promise<void> {
  if (u.role === 'city-admin' && u.disabled === 0 && (await countActiveAdmins(k)) <= 1) {
    throw new LantianError('LT_ERR_LAST_ADMIN', u.username);
  }
}

/** Creates an account (user.create); LT_ERR_USER_EXISTS when the name is taken. */
export async function createUser(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  input: NewUser,
): Promise<UserRow> {
  const username = normalizeUsername(input.username);
  const binding = validateRoleBinding(input);
  const name = displayName(input.displayName, username);
  await assertRegionKnown(db, binding);
  if (binding.department !== null) await assertDepartmentKnown(db, binding.department);
  assertPasswordPolicy(input.password, username);
  const hash = await hashPassword(input.password);
  const now = clock.now();
  const mustChange = input.mustChangePassword ?? false;
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      if (await findUserByUsername(trx, username))
        throw new LantianError('LT_ERR_USER_EXISTS', username);
      const id = await insertUser(trx, {
        username,
        display_name: name,
        role: binding.role,
        region_adcode: binding.regionAdcode,
        department: binding.department,
        enterprise: binding.enterprise,
        password_hash: hash,
        must_change_password: mustChange ? 1 : 0,
        disabled: 0,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
      });
      await recordAudit(trx, now, {
        ...ctx,
        action: 'user.create',
        target: `user:${username}`,
        detail: { ...binding, displayName: name, mustChangePassword: mustChange },
      });
      return mustFindUser(trx, id);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new LantianError('LT_ERR_USER_EXISTS', username);
    throw e;
  }
}

/** Changes an account's name, role or binding (user.update). */
export async function updateUser(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  id: number,
  patch: UserPatch,
): Promise<UserRow> {
  const u = await mustFindUser(db.kysely, id);
  const keep = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const binding = validateRoleBinding(
    patch.role !== undefined
      ? { ...patch, role: patch.role }
      : {
          role: u.role,
          regionAdcode: keep(patch.regionAdcode, u.region_adcode),
          department: keep(patch.department, u.department),
          enterprise: keep(patch.enterprise, u.enterprise),
        },
  );
  const name = displayName(patch.displayName, u.display_name);
  await assertRegionKnown(db, binding);
  if (binding.department !== null && binding.department !== u.department)
    await assertDepartmentKnown(db, binding.department);
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    if (binding.role !== 'city-admin') await assertNotLastAdmin(trx, u);
    await updateUserRow(trx, id, {
      display_name: name,
      role: binding.role,
      region_adcode: binding.regionAdcode,
      department: binding.department,
      enterprise: binding.enterprise,
      updated_at: now,
    });
    await recordAudit(trx, now, {
      ...ctx,
      action: 'user.update',
      target: `user:${u.username}`,
      detail: {
        before: {
          displayName: u.display_name,
          role: u.role,
          regionAdcode: u.region_adcode,
          department: u.department,
          enterprise: u.enterprise,
        },
        after: { displayName: name, ...binding },
      },
    });
    return mustFindUser(trx, id);
  });
}

/**
 * Disables an account (user.disable) — its sessions and API tokens are revoked at once — or
 * enables it again (user.enable).
 */
export async function setUserDisabled(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  id: number,
  disabled: boolean,
): Promise<UserRow> {
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    const u = await mustFindUser(trx, id);
    if (disabled) await assertNotLastAdmin(trx, u);
    await updateUserRow(trx, id, { disabled: disabled ? 1 : 0, updated_at: now });
    const detail = disabled
      ? {
          sessionsRevoked: await revokeUserSessions(trx, id, now),
          tokensRevoked: await revokeUserTokens(trx, id, now),
        }
      : {};
    await recordAudit(trx, now, {
      ...ctx,
      action: disabled ? 'user.disable' : 'user.enable',
      target: `user:${u.username}`,
      detail,
    });
    return mustFindUser(trx, id);
  });
}

/**
 * Sets a new password chosen by an administrator (user.password_reset) and signs the user out
 * everywhere: every session ends and every API token of the user is revoked (a token made by
 * whoever knew the old password must not survive the reset).
 */
export async function resetPassword(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  id: number,
  password: string,
  mustChangePassword: boolean,
): Promise<UserRow> {
  const u = await mustFindUser(db.kysely, id);
  assertPasswordPolicy(password, u.username);
  const hash = await hashPassword(password);
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, {
      password_hash: hash,
      must_change_password: mustChangePassword ? 1 : 0,
      password_changed_at: now,
      updated_at: now,
    });
    const sessionsRevoked = await revokeUserSessions(trx, id, now);
    const tokensRevoked = await revokeUserTokens(trx, id, now);
    await recordAudit(trx, now, {
      ...ctx,
      action: 'user.password_reset',
      target: `user:${u.username}`,
      detail: { mustChangePassword, sessionsRevoked, tokensRevoked },
    });
    return mustFindUser(trx, id);
  });
}
