/**
 * Formats of the bearer secrets (pure apart from the random source): session ids, API tokens and
 * the CSRF token derived from a session. Secrets are 256 random bits in base64url; only their
 * SHA-256 is stored, so a copy of the database does not let anyone sign in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_BYTES = 32;
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;
/** Prefix of API tokens: recognisable in logs, config files and secret scanners. */
export const API_TOKEN_PREFIX = 'lt_';
const TOKEN_RE = /^lt_[A-Za-z0-9_-]{43}$/;

/** A new session id: 256 random bits, base64url. */
export function newSessionId(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** A new API token: `lt_` and 256 random bits, base64url. */
export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/** True when `s` has the shape of a session id (checked before any lookup). */
export function isSessionIdShape(s: string): boolean {
  return SECRET_RE.test(s);
}

/** True when `s` has the shape of an API token. */
export function isApiTokenShape(s: string): boolean {
  return TOKEN_RE.test(s);
}

/** What is stored for a secret: hex SHA-256 (the secrets are random, so no salt or stretching is needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part of a token shown in lists so that a person can tell tokens apart: `lt_abcd…`. */
export function tokenHint(token: string): string {
  return `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…`;
}

/**
 * The CSRF token of a session, derived from the session id with a separate label: the dashboard
 * reads it from the sign-in answer (or GET /api/auth/me) and sends it back in X-Lantian-CSRF; a
 * foreign page can neither read it nor compute it, since the session id sits in an HttpOnly cookie.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`lantian-csrf\0${sessionId}`, 'utf8').digest('base64url');
}

/** Constant-time equality of two strings (false when the lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
