/**
 * The one access hook: on every request it finds the caller (session cookie or bearer token),
 * applies the route's declared roles (src/http/route-access.ts), the CSRF rules for changes made
 * with a cookie, and the "change your initial password first" rule. Installed on the root
 * instance before any route, so that no route — whoever registers it — escapes it.
 *
 *   no declaration  → city-office only (deny by default)
 *   'public'        → anyone; a valid session or token still sets `request.principal`
 *   roles           → 401 LT_ERR_UNAUTHENTICATED without valid credentials,
 *                     403 LT_ERR_FORBIDDEN with another role (the city office passes every list)
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { decideAccess } from './access-decision.ts';
import type { AuthConfig } from './auth-config.ts';
import { CSRF_HEADER, csrfTokenProblem, isMutatingMethod, originProblem } from './csrf-check.ts';
import type { Principal } from './principal.ts';
import { sessionIdOf } from './session-cookie.ts';
import { resolveSession } from './session-service.ts';
import { resolveToken } from './token-service.ts';
import { principalFromUser } from './user-view.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Exceptions for the accounts layer's own routes (not for domain routes). */
    authFlow?: {
      /** Do not look at the session cookie (sign-in: a new session replaces any old one). */
      ignoreSession?: boolean;
      /** Allowed while the user must still change an initial password. */
      allowPendingPasswordChange?: boolean;
    };
  }
}

/** What the hook needs. */
export interface AccessControlDeps {
  db: Db;
  clock: Clock;
  config: AuthConfig;
  /** URL prefixes of routes registered by plugins that cannot declare access (the OpenAPI UI). */
  publicPrefixes: readonly string[];
}

/** The session behind a request's principal. */
export interface RequestSession {
  id: string;
  expiresAt: number;
}

const sessions = new WeakMap<FastifyRequest, RequestSession>();

/** The session behind the request's principal, when it came by session (sign-out, CSRF token). */
export function requestSession(req: FastifyRequest): RequestSession | undefined {
  return sessions.get(req);
}

const BEARER_RE = /^Bearer\s+(\S+)\s*$/i;

async function findCaller(
  deps: AccessControlDeps,
  req: FastifyRequest,
): Promise<{ principal: Principal; session?: RequestSession } | null> {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    // An Authorization header decides alone: a bad token is not rescued by a cookie.
    const token = BEARER_RE.exec(auth)?.[1];
    const found = token ? await resolveToken(deps.db, deps.clock, token) : undefined;
    return found ? { principal: principalFromUser(found.user, 'token', found.token.name) } : null;
  }
  if (req.routeOptions.config.authFlow?.ignoreSession) return null;
  const sessionId = sessionIdOf(req);
  if (sessionId === undefined) return null;
  const live = await resolveSession(deps.db, deps.clock, deps.config, sessionId);
  return live
    ? {
        principal: principalFromUser(live.user, 'session'),
        session: { id: sessionId, expiresAt: live.expiresAt },
      }
    : null;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Registers cookie parsing, `request.principal` and the access hook on the root instance. */
export async function installAccessControl(
  app: FastifyInstance,
  deps: AccessControlDeps,
): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (
      route.config?.access === undefined &&
      deps.publicPrefixes.some((p) => route.url.startsWith(p))
    ) {
      route.config = { ...route.config, access: { roles: 'public' } };
    }
  });

  app.addHook('onRequest', async (req) => {
    if (req.is404) return; // the not-found handler answers; there is no route to protect
    const config = req.routeOptions.config;
    const caller = await findCaller(deps, req);
    req.principal = caller?.principal ?? null;
    if (caller?.session) sessions.set(req, caller.session);

    const decision = decideAccess(config.access, req.principal);
    if (decision === 'unauthenticated') throw new LantianError('LT_ERR_UNAUTHENTICATED');
    if (decision === 'forbidden') {
      throw new LantianError('LT_ERR_FORBIDDEN', `角色 ${req.principal?.role ?? '—'}`);
    }

    if (isMutatingMethod(req.method) && req.principal?.via !== 'token') {
      const problem =
        originProblem(
          {
            origin: header(req, 'origin'),
            secFetchSite: header(req, 'sec-fetch-site'),
            host: req.host, // the Host header, or X-Forwarded-Host from a trusted proxy
          },
          deps.config.trustedOrigins,
        ) ??
        (caller?.session ? csrfTokenProblem(caller.session.id, header(req, CSRF_HEADER)) : null);
      if (problem) throw new LantianError('LT_ERR_CSRF', problem);
    }

    if (
      req.principal?.mustChangePassword &&
      config.access?.roles !== 'public' &&
      !config.authFlow?.allowPendingPasswordChange
    ) {
      throw new LantianError('LT_ERR_PASSWORD_CHANGE_REQUIRED');
    }
  });
}
