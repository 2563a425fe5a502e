/**
 * Applies the sign-in limits (login-throttle.ts) to the stored failures: per user name and per
 * client address. Used by sign-in and by the own-password change, which also tests a password.
 */
import type { Db } from '../store/db.ts';
import type { AuthConfig } from './auth-config.ts';
import { clearFailures, failureTimes, recordFailure } from './login-failure-repo.ts';
import { throttleVerdict, worstVerdict, type ThrottleVerdict } from './login-throttle.ts';

const userKey = (username: string): string => `user:${username}`;
const ipKey = (ip: string): string => `ip:${ip}`;

/** Whether a sign-in for this user name from this address may proceed now. */
export async function loginVerdict(
  db: Db,
  config: AuthConfig,
  now: number,
  username: string,
  ip: string,
): Promise<ThrottleVerdict> {
  const since = now - config.loginWindowMs;
  const [byUser, byIp] = await Promise.all([
    failureTimes(db.kysely, userKey(username), since),
    failureTimes(db.kysely, ipKey(ip), since),
  ]);
  return worstVerdict(
    throttleVerdict(byUser, config.loginMaxFailuresPerUser, config.loginWindowMs, now),
    throttleVerdict(byIp, config.loginMaxFailuresPerIp, config.loginWindowMs, now),
  );
}

/** Counts one failed password for this user name and this address. */
export async function noteLoginFailure(
  db: Db,
  config: AuthConfig,
  now: number,
  username: string,
  ip: string,
): Promise<void> {
  await recordFailure(db.kysely, [userKey(username), ipKey(ip)], now, now - config.loginWindowMs);
}

/** Forgets the user name's failures after a successful sign-in (the address keeps its count). */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await clearFailures(db.kysely, userKey(username));
}
