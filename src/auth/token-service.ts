/**
 * API tokens for integrations and the CLI: named, shown once at creation, stored as SHA-256,
 * revocable, with their last use recorded. A token acts with its owner's role and scope.
 * Only a person signed in with a password (or the CLI on the server) mints tokens: a token cannot
 * create another token, so a stolen or short-lived token can never outlive itself through a child.
 * A password change or an administrator's reset revokes all of the owner's tokens.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { ActorContext } from '../audit/actor.ts';
import type { Principal } from './principal.ts';
import { hashSecret, isApiTokenShape, newApiToken, tokenHint } from './secret-token.ts';
import { shouldTouch } from './session-rules.ts';
import type { TokenRow, UserRow } from './tables.ts';
import {
  findTokenById,
  findTokenWithUser,
  hasLiveTokenNamed,
  insertToken,
  revokeTokenRow,
  touchToken,
  type TokenWithOwner,
} from './token-repo.ts';
import { mustFindUser } from './user-service.ts';

const NAME_RE = /^[\p{L}\p{N}._ -]{1,64}$/u;

/** A token just created: `token` is shown this once and never again. */
export interface CreatedToken {
  token: string;
  row: TokenWithOwner;
}

/** True when the principal may manage the tokens of that user (own tokens; the city office: all). */
export function canManageTokensOf(p: Principal, userId: number): boolean {
  return p.role === 'city-admin' || p.userId === userId;
}

/**
 * Refuses a request made with an API token that tries to create a token (LT_ERR_FORBIDDEN): a
 * child token could outlive its parent's expiry and revocation.
 */
export function assertMayMintTokens(p: Principal): void {
  if (p.via === 'token') {
    throw new LantianError('LT_ERR_FORBIDDEN', 'API 令牌不能创建令牌，请登录后在账号页面创建');
  }
}

/** Creates a token for a user (token.create); LT_ERR_TOKEN_EXISTS when a live one has the name. */
export async function createToken(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  userId: number,
  rawName: string,
  expiresAt: number | null,
): Promise<CreatedToken> {
  const name = rawName.trim();
  if (!NAME_RE.test(name)) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      '令牌名称为 1–64 个字符（文字、数字、空格和 . _ -）',
    );
  }
  const now = clock.now();
  if (expiresAt !== null && expiresAt <= now) {
    throw new LantianError('LT_ERR_BAD_REQUEST', '令牌到期时间必须晚于现在');
  }
  const token = newApiToken();
  const id = await db.kysely.transaction().execute(async (trx) => {
    const user = await mustFindUser(trx, userId);
    if (user.disabled === 1) throw new LantianError('LT_ERR_ACCOUNT_DISABLED', user.username);
    if (await hasLiveTokenNamed(trx, userId, name, now)) {
      throw new LantianError('LT_ERR_TOKEN_EXISTS', `${user.username} / ${name}`);
    }
    const newId = await insertToken(trx, {
      user_id: userId,
      name,
      token_hash: hashSecret(token),
      hint: tokenHint(token),
      created_at: now,
      created_by: ctx.actor,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, now, {
      ...ctx,
      action: 'token.create',
      target: `token:${newId}`,
      detail: { user: user.username, name, expiresAt },
    });
    return newId;
  });
  return { token, row: (await findTokenById(db.kysely, id))! };
}

/** The token with that id, or LT_ERR_TOKEN_NOT_FOUND. */
export async function mustFindToken(db: Db, id: number): Promise<TokenWithOwner> {
  const t = await findTokenById(db.kysely, id);
  if (!t) throw new LantianError('LT_ERR_TOKEN_NOT_FOUND', `#${id}`);
  return t;
}

/** Revokes a token (token.revoke); it stops working at once. */
export async function revokeToken(
  db: Db,
  clock: Clock,
  ctx: ActorContext,
  id: number,
): Promise<TokenWithOwner> {
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const t = await findTokenById(trx, id);
    if (!t) throw new LantianError('LT_ERR_TOKEN_NOT_FOUND', `#${id}`);
    await revokeTokenRow(trx, id, now);
    await recordAudit(trx, now, {
      ...ctx,
      action: 'token.revoke',
      target: `token:${id}`,
      detail: { user: t.username, name: t.name, alreadyRevoked: t.revoked_at !== null },
    });
  });
  return mustFindToken(db, id);
}

/** True when a token row is usable at `now`. */
export function isTokenLive(t: TokenRow, now: number): boolean {
  return t.revoked_at === null && (t.expires_at === null || t.expires_at > now);
}

/** The enabled account behind a live token, with the token row, or undefined; records the use. */
export async function resolveToken(
  db: Db,
  clock: Clock,
  token: string,
): Promise<{ user: UserRow; token: TokenRow } | undefined> {
  if (!isApiTokenShape(token)) return undefined;
  const found = await findTokenWithUser(db.kysely, hashSecret(token));
  const now = clock.now();
  if (!found || found.user.disabled === 1 || !isTokenLive(found.token, now)) return undefined;
  if (found.token.last_used_at === null || shouldTouch(found.token.last_used_at, now)) {
    await touchToken(db.kysely, found.token.id, now);
  }
  return found;
}
