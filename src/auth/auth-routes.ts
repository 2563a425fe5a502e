/** HTTP routes of signing in and out, the caller's own account and own password. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { isLantianError, LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { Db } from '../store/db.ts';
import { requestSession } from './access-hook.ts';
import type { AuthConfig } from './auth-config.ts';
import { login } from './login-service.ts';
import { changeOwnPassword } from './password-change.ts';
import { actorOf, auditActor, requirePrincipal } from './principal.ts';
import { LoginBody, Ok, PasswordChangeBody, SessionOut, SIGNED_IN } from './schema.ts';
import { csrfTokenFor } from './secret-token.ts';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './session-cookie.ts';
import { endSession } from './session-service.ts';
import { mustFindUser } from './user-service.ts';
import { userView } from './user-view.ts';

/** What the accounts routes are built from. */
export interface AuthRouteDeps {
  db: Db;
  clock: Clock;
  config: AuthConfig;
}

const tags = ['账号与权限'];
const ANY_SIGNED_IN = {
  access: { roles: SIGNED_IN },
  authFlow: { allowPendingPasswordChange: true },
};

/** Sets Retry-After on a rate-limit refusal before it goes to the error handler. */
function withRetryAfter(e: unknown, reply: { header(k: string, v: string): unknown }): never {
  if (isLantianError(e, 'LT_ERR_RATE_LIMITED')) {
    reply.header('Retry-After', String(e.extra?.['retryAfterSeconds'] ?? 60));
  }
  throw e;
}

/** Registers /api/auth/login, /logout, /me and /password. */
export function registerAuthRoutes(
  app: FastifyInstance,
  { db, clock, config }: AuthRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { access: { roles: 'public' }, authFlow: { ignoreSession: true } },
      schema: {
        summary: '登录（成功后设置会话 Cookie，并返回 CSRF 令牌）',
        tags,
        body: LoginBody,
        response: { 200: SessionOut, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      // A browser signing in again drops the session it had, rather than leave it alive.
      const previous = sessionIdOf(req);
      const result = await login(db, clock, config, req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      }).catch((e: unknown) => withRetryAfter(e, reply));
      if (previous) await endSession(db, clock, previous);
      setSessionCookie(req, reply, config, result.sessionId, result.expiresAt - clock.now());
      return {
        user: userView(result.user),
        via: 'session' as const,
        csrfToken: csrfTokenFor(result.sessionId),
        expiresAt: result.expiresAt,
      };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: ANY_SIGNED_IN,
      schema: { summary: '退出登录（吊销当前会话）', tags, response: { 200: Ok, 400: ErrorBody } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const session = requestSession(req);
      if (!session) {
        throw new LantianError(
          'LT_ERR_BAD_REQUEST',
          '令牌认证无需退出；吊销令牌请用 DELETE /api/tokens/{id}',
        );
      }
      await endSession(db, clock, session.id);
      await recordAudit(db, clock.now(), {
        actor: auditActor(p),
        action: 'auth.logout',
        target: `user:${p.username}`,
        ip: req.ip,
      });
      clearSessionCookie(req, reply, config);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: ANY_SIGNED_IN,
      schema: { summary: '当前用户、认证方式和 CSRF 令牌', tags, response: { 200: SessionOut } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const session = requestSession(req);
      return {
        user: userView(await mustFindUser(db.kysely, p.userId)),
        via: p.via,
        csrfToken: session ? csrfTokenFor(session.id) : null,
        expiresAt: session?.expiresAt ?? null,
      };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: ANY_SIGNED_IN,
      schema: {
        summary: '修改自己的密码（其他会话随之失效）',
        tags,
        body: PasswordChangeBody,
        response: { 200: Ok, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      await changeOwnPassword(
        db,
        clock,
        config,
        { ...actorOf(req), ip: req.ip },
        p.userId,
        req.body.currentPassword,
        req.body.newPassword,
        requestSession(req)?.id,
      ).catch((e: unknown) => withRetryAfter(e, reply));
      return { ok: true as const };
    },
  );
}
