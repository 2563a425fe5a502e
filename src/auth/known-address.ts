/**
 * Addresses a user is known at: those they signed in from successfully (audit `auth.login`)
 * within a recent period. Under distributed guessing against a user name, such addresses may go
 * on trying while unknown ones wait (login-limiter.ts).
 */
import { listAudit } from '../audit/audit-log.ts';
import type { Db } from '../store/db.ts';

/** True when `username` signed in from `ip` after `since`. */
export async function signedInFrom(
  db: Db,
  username: string,
  ip: string,
  since: number,
): Promise<boolean> {
  const logins = await listAudit(db, {
    target: `user:${username}`,
    action: 'auth.login',
    from: since,
    limit: 1000,
  });
  return logins.some((r) => r.ip === ip);
}
