/** HTTP routes of API tokens: each user manages their own; the city office manages all. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { AuthRouteDeps } from './auth-routes.ts';
import { actorOf, requirePrincipal } from './principal.ts';
import { IdParams, SIGNED_IN, TokenCreateBody, TokenOut } from './schema.ts';
import type { TokenWithOwner } from './token-repo.ts';
import { listTokens } from './token-repo.ts';
import {
  assertMayMintTokens,
  canManageTokensOf,
  createToken,
  mustFindToken,
  revokeToken,
} from './token-service.ts';
import { DAY_MS } from '../standards/local-date.ts';

const tags = ['账号与权限'];
const SIGNED = { access: { roles: SIGNED_IN } } as const;

/** The API view of a token (never the token itself, nor its hash). */
export function tokenView(t: TokenWithOwner): z.infer<typeof TokenOut> {
  return {
    id: t.id,
    name: t.name,
    userId: t.user_id,
    username: t.username,
    hint: t.hint,
    createdAt: t.created_at,
    createdBy: t.created_by,
    expiresAt: t.expires_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  };
}

/** Registers /api/tokens. */
export function registerTokenRoutes(app: FastifyInstance, { db, clock }: AuthRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tokens',
    {
      config: SIGNED,
      schema: {
        summary: '令牌列表（自己的；市大气办可用 all=true 查看全部）',
        tags,
        querystring: z.object({ all: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.array(TokenOut), 403: ErrorBody },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      if (req.query.all === 'true' && p.role !== 'city-admin')
        throw new LantianError('LT_ERR_FORBIDDEN');
      return (await listTokens(db.kysely, req.query.all === 'true' ? undefined : p.userId)).map(
        tokenView,
      );
    },
  );

  r.post(
    '/api/tokens',
    {
      config: SIGNED,
      schema: {
        summary: '新建 API 令牌（令牌只在此次返回中出现一次；须登录后创建，API 令牌不能创建令牌）',
        tags,
        body: TokenCreateBody,
        response: {
          201: TokenOut.extend({
            token: z.string().describe('Authorization: Bearer 后面的令牌，请立即保存'),
          }),
          400: ErrorBody,
          403: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      assertMayMintTokens(p);
      const userId = req.body.userId ?? p.userId;
      if (!canManageTokensOf(p, userId))
        throw new LantianError('LT_ERR_FORBIDDEN', '只能为自己创建令牌');
      const expiresAt = req.body.expiresInDays
        ? clock.now() + req.body.expiresInDays * DAY_MS
        : null;
      const created = await createToken(db, clock, actorOf(req), userId, req.body.name, expiresAt);
      return reply.code(201).send({ ...tokenView(created.row), token: created.token });
    },
  );

  r.delete(
    '/api/tokens/:id',
    {
      config: SIGNED,
      schema: {
        summary: '吊销令牌（立即失效）',
        tags,
        params: IdParams,
        response: { 200: TokenOut, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const t = await mustFindToken(db, req.params.id);
      // Someone else's token is reported as missing: its existence is none of the caller's business.
      if (!canManageTokensOf(p, t.user_id))
        throw new LantianError('LT_ERR_TOKEN_NOT_FOUND', `#${req.params.id}`);
      return tokenView(await revokeToken(db, clock, actorOf(req), req.params.id));
    },
  );
}
