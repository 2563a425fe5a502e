/**
 * When a session is still good (pure): not revoked, within its absolute lifetime and used
 * recently enough (idle timeout). Also how often "last seen" is written back, so that a busy
 * dashboard does not turn every read into a write.
 */

/** The times a session row carries. */
export interface SessionTimes {
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** The state of a session at an instant. */
export type SessionState = 'active' | 'revoked' | 'expired' | 'idle';

/** Write `last_seen_at` back at most this often (the idle timeout is that much coarse). */
export const TOUCH_INTERVAL_MS = 60_000;

/** The state of a session at `now` with the given idle timeout. */
export function sessionState(s: SessionTimes, now: number, idleMs: number): SessionState {
  if (s.revoked_at !== null) return 'revoked';
  if (now >= s.expires_at) return 'expired';
  if (now - s.last_seen_at >= idleMs) return 'idle';
  return 'active';
}

/** True when a use at `now` should be written back as the session's last use. */
export function shouldTouch(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= TOUCH_INTERVAL_MS;
}
