/**
 * A user changing their own password: the current password is required (a stolen session alone
 * cannot take the account over) and counts against the sign-in limits like a sign-in does. On
 * success every other session of the user ends (the one in use stays) and every API token of the
 * user is revoked: whoever held a copy of the old password may have made one.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { AuthConfig } from './auth-config.ts';
import { loginVerdict, noteLoginFailure } from './login-limiter.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import type { ActorContext } from '../audit/actor.ts';
import { hashSecret } from './secret-token.ts';
import { revokeUserSessions } from './session-repo.ts';
import { revokeUserTokens } from './token-repo.ts';
import { updateUserRow } from './user-repo.ts';
import { mustFindUser } from './user-service.ts';

/** Changes a user's own password (user.password_change). */
export async function changeOwnPassword(
  db: Db,
  clock: Clock,
  config: AuthConfig,
  ctx: ActorContext & { ip: string },
  userId: number,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | undefined,
): Promise<void> {
  const user = await mustFindUser(db.kysely, userId);
  const now = clock.now();
  const verdict = await loginVerdict(db, config, now, user.username, ctx.ip);
  if (verdict.blocked) {
    const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new LantianError('LT_ERR_RATE_LIMITED', `请 ${retryAfterSeconds} 秒后再试`, {
      retryAfterSeconds,
    });
  }
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    await noteLoginFailure(db, config, now, user.username, ctx.ip);
    await recordAudit(db, now, {
      ...ctx,
      action: 'user.password_change_failed',
      target: `user:${user.username}`,
      detail: { reason: 'bad_password' },
    });
    throw new LantianError('LT_ERR_BAD_CREDENTIALS', '当前密码不正确');
  }
  assertPasswordPolicy(newPassword, user.username);
  if (newPassword === currentPassword) {
    throw new LantianError('LT_ERR_WEAK_PASSWORD', '新密码不能与当前密码相同');
  }
  const hash = await hashPassword(newPassword);
  await db.kysely.transaction().execute(async (trx) => {
    await updateUserRow(trx, userId, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now,
      updated_at: now,
    });
    const sessionsRevoked = await revokeUserSessions(
      trx,
      userId,
      now,
      keepSessionId ? hashSecret(keepSessionId) : undefined,
    );
    const tokensRevoked = await revokeUserTokens(trx, userId, now);
    await recordAudit(trx, now, {
      ...ctx,
      action: 'user.password_change',
      target: `user:${user.username}`,
      detail: { sessionsRevoked, tokensRevoked },
    });
  });
}
