/**
 * The session cookie: `lt_session`, HttpOnly (scripts cannot read it), SameSite=Strict (the
 * browser sends it only with requests that Lantian's own pages make; the dashboard is a
 * single-page app calling the API from its own origin, so nothing it needs is lost), Path=/,
 * Secure when the request came over HTTPS (or always / never by LANTIAN_COOKIE_SECURE), and a
 * Max-Age equal to the session's absolute lifetime.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from './auth-config.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'lt_session';

function secure(req: FastifyRequest, config: AuthConfig): boolean {
  if (config.cookieSecure === 'always') return true;
  if (config.cookieSecure === 'never') return false;
  return req.protocol === 'https';
}

/** Sets the session cookie on a reply, to live `lifetimeMs`. */
export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  config: AuthConfig,
  sessionId: string,
  lifetimeMs: number,
): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(req, config),
    path: '/',
    maxAge: Math.max(0, Math.floor(lifetimeMs / 1000)),
  });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  config: AuthConfig,
): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(req, config),
    path: '/',
  });
}

/** The session id the request's cookie carries, if any. */
export function sessionIdOf(req: FastifyRequest): string | undefined {
  const v = req.cookies[SESSION_COOKIE];
  return v === undefined || v === '' ? undefined : v;
}
