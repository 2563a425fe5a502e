/**
 * Applies the sign-in limits (login-throttle.ts) to the stored failures. Used by sign-in and by
 * the own-password change, which also tests a password. Three keys per failure:
 * - the user name *at* the address (`pair:`): growing delays. This is what stops guessing, and it
 *   only slows that address: a wrong password typed elsewhere never delays the real user at theirs;
 * - the address (`ip:`): a count per window, against one address trying many names;
 * - the user name (`user:`): a count per window from all addresses, against distributed guessing.
 *   When it is exceeded, only addresses the user signed in from recently may go on trying, so the
 *   bound cannot be used to lock the real user out of their usual place.
 */
import type { Db } from '../store/db.ts';
import type { AuthConfig } from './auth-config.ts';
import { signedInFrom } from './known-address.ts';
import { clearFailures, failureTimes, recordFailure } from './login-failure-repo.ts';
import {
  growingDelayVerdict,
  throttleVerdict,
  worstVerdict,
  type DelayRule,
  type ThrottleVerdict,
} from './login-throttle.ts';

const userKey = (username: string): string => `user:${username}`;
const ipKey = (ip: string): string => `ip:${ip}`;
const pairKey = (username: string, ip: string): string => `pair:${ip} ${username}`;

function delayRule(config: AuthConfig): DelayRule {
  return {
    freeFailures: config.loginFreeFailures,
    baseDelayMs: config.loginDelayBaseMs,
    maxDelayMs: config.loginDelayMaxMs,
    memoryMs: config.loginDelayMemoryMs,
  };
}

/** Whether a sign-in for this user name from this address may proceed now. */
export async function loginVerdict(
  db: Db,
  config: AuthConfig,
  now: number,
  username: string,
  ip: string,
): Promise<ThrottleVerdict> {
  const since = now - config.loginWindowMs;
  const [byPair, byIp, byUser] = await Promise.all([
    failureTimes(db.kysely, pairKey(username, ip), now - config.loginDelayMemoryMs),
    failureTimes(db.kysely, ipKey(ip), since),
    failureTimes(db.kysely, userKey(username), since),
  ]);
  const local = worstVerdict(
    growingDelayVerdict(byPair, delayRule(config), now),
    throttleVerdict(byIp, config.loginMaxFailuresPerIp, config.loginWindowMs, now),
  );
  const global = throttleVerdict(byUser, config.loginMaxFailuresPerUser, config.loginWindowMs, now);
  if (!global.blocked) return local;
  const known = await signedInFrom(db, username, ip, now - config.loginKnownAddressMs);
  return known ? local : worstVerdict(local, global);
}

/** Counts one failed password for this user name at this address. */
export async function noteLoginFailure(
  db: Db,
  config: AuthConfig,
  now: number,
  username: string,
  ip: string,
): Promise<void> {
  const keep = Math.max(config.loginWindowMs, config.loginDelayMemoryMs);
  await recordFailure(
    db.kysely,
    [pairKey(username, ip), userKey(username), ipKey(ip)],
    now,
    now - keep,
  );
}

/**
 * Forgets the failures of this user name at this address after a successful sign-in. The
 * address's count and the user name's count over all addresses stay: they bound guessing that a
 * success elsewhere says nothing about.
 */
export async function clearLoginFailures(db: Db, username: string, ip: string): Promise<void> {
  await clearFailures(db.kysely, pairKey(username, ip));
}
