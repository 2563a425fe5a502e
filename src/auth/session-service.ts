/**
 * Sessions: started at sign-in with a fresh random id (never one the client proposes, so no
 * session fixation), checked on every request, ended by sign-out, password change or disabling.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import type { AuthConfig } from './auth-config.ts';
import { hashSecret, isSessionIdShape, newSessionId } from './secret-token.ts';
import {
  deleteEndedSessions,
  findSessionWithUser,
  insertSession,
  revokeSession,
  touchSession,
} from './session-repo.ts';
import { sessionState, shouldTouch } from './session-rules.ts';
import type { UserRow } from './tables.ts';

/** A session just started; `sessionId` goes into the cookie and is never stored. */
export interface StartedSession {
  sessionId: string;
  expiresAt: number;
}

/** Where a request came from, recorded with a session. */
export interface ClientInfo {
  ip: string;
  userAgent?: string | undefined;
}

/** Ended sessions are kept this long for the record, then dropped at the user's next sign-in. */
const KEEP_ENDED_MS = 30 * 86_400_000;

/** Starts a session for a user. */
export async function startSession(
  db: Db,
  clock: Clock,
  config: AuthConfig,
  userId: number,
  client: ClientInfo,
): Promise<StartedSession> {
  const now = clock.now();
  const sessionId = newSessionId();
  const expiresAt = now + config.sessionAbsoluteMs;
  await deleteEndedSessions(db.kysely, userId, now - KEEP_ENDED_MS);
  await insertSession(db.kysely, {
    id_hash: hashSecret(sessionId),
    user_id: userId,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    revoked_at: null,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { sessionId, expiresAt };
}

/** A live session with its account. */
export interface LiveSession {
  user: UserRow;
  /** The absolute end of the session (it may end earlier when left idle). */
  expiresAt: number;
}

/** The enabled account behind a live session id, or undefined; records the use. */
export async function resolveSession(
  db: Db,
  clock: Clock,
  config: AuthConfig,
  sessionId: string,
): Promise<LiveSession | undefined> {
  if (!isSessionIdShape(sessionId)) return undefined;
  const idHash = hashSecret(sessionId);
  const found = await findSessionWithUser(db.kysely, idHash);
  if (!found || found.user.disabled === 1) return undefined;
  const now = clock.now();
  if (sessionState(found.session, now, config.sessionIdleMs) !== 'active') return undefined;
  if (shouldTouch(found.session.last_seen_at, now)) await touchSession(db.kysely, idHash, now);
  return { user: found.user, expiresAt: found.session.expires_at };
}

/** Ends a session (sign-out); a copy of its id stops working at once. */
export async function endSession(db: Db, clock: Clock, sessionId: string): Promise<void> {
  await revokeSession(db.kysely, hashSecret(sessionId), clock.now());
}
