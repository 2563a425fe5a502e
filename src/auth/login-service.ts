/**
 * Sign-in: limits first (login-limiter.ts: a user name delayed at an address stays delayed there
 * even with the right password), then the password, then a new session. Every attempt is
 * audited: auth.login, auth.login_failed (with the reason) and auth.login_throttled.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { AuthConfig } from './auth-config.ts';
import { clearLoginFailures, loginVerdict, noteLoginFailure } from './login-limiter.ts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { startSession, type ClientInfo, type StartedSession } from './session-service.ts';
import type { UserRow } from './tables.ts';
import { findUserByUsername, updateUserRow } from './user-repo.ts';

/** A successful sign-in. */
export interface LoginResult extends StartedSession {
  user: UserRow;
}

/** Signs a user in, or throws LT_ERR_RATE_LIMITED / LT_ERR_BAD_CREDENTIALS / LT_ERR_ACCOUNT_DISABLED. */
export async function login(
  db: Db,
  clock: Clock,
  config: AuthConfig,
  rawUsername: string,
  password: string,
  client: ClientInfo,
): Promise<LoginResult> {
  // Unknown shapes are not rejected early: they fail like a wrong password, and count.
  const username = rawUsername.trim().toLowerCase().slice(0, 64);
  const now = clock.now();
  const audit = (action: string, detail?: unknown): Promise<void> =>
    recordAudit(db, now, {
      actor: username,
      action,
      target: `user:${username}`,
      ip: client.ip,
      detail,
    });

  const verdict = await loginVerdict(db, config, now, username, client.ip);
  if (verdict.blocked) {
    const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
    await audit('auth.login_throttled', { retryAfterSeconds });
    throw new LantianError('LT_ERR_RATE_LIMITED', `请 ${retryAfterSeconds} 秒后再试`, {
      retryAfterSeconds,
    });
  }

  const user = await findUserByUsername(db.kysely, username);
  const ok = user
    ? await verifyPassword(password, user.password_hash)
    : await burnPasswordCheck(password);
  if (!user || !ok) {
    await noteLoginFailure(db, config, now, username, client.ip);
    await audit('auth.login_failed', { reason: user ? 'bad_password' : 'unknown_user' });
    throw new LantianError('LT_ERR_BAD_CREDENTIALS');
  }
  if (user.disabled === 1) {
    await audit('auth.login_failed', { reason: 'disabled' });
    throw new LantianError('LT_ERR_ACCOUNT_DISABLED', username);
  }

  await clearLoginFailures(db, username, client.ip);
  if (needsRehash(user.password_hash)) {
    // Raise old hashes to the current parameters while the password is at hand.
    await updateUserRow(db.kysely, user.id, { password_hash: await hashPassword(password) });
  }
  const session = await startSession(db, clock, config, user.id, client);
  await audit('auth.login', {
    via: 'session',
    mustChangePassword: user.must_change_password === 1,
  });
  return { ...session, user };
}
