/** HTTP routes of account administration (city office only): list, create, change, disable, reset. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../http/error-body.ts';
import type { AuthRouteDeps } from './auth-routes.ts';
import { actorOf } from './principal.ts';
import {
  IdParams,
  PasswordResetBody,
  RoleEnum,
  UserCreateBody,
  UserOut,
  UserPatchBody,
} from './schema.ts';
import { listUsers } from './user-repo.ts';
import {
  createUser,
  mustFindUser,
  resetPassword,
  setUserDisabled,
  updateUser,
} from './user-service.ts';
import { userView } from './user-view.ts';

const tags = ['账号与权限'];
const ADMIN = { access: { roles: ['city-admin'] } } as const;
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Registers /api/users. */
export function registerUserRoutes(app: FastifyInstance, { db, clock }: AuthRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    {
      config: ADMIN,
      schema: {
        summary: '用户列表',
        tags,
        querystring: z.object({
          role: RoleEnum.optional(),
          region: z.string().optional().describe('县区行政区划代码'),
          includeDisabled: z.enum(['true', 'false']).default('true').describe('是否包含已停用账号'),
        }),
        response: { 200: z.array(UserOut) },
      },
    },
    async (req) =>
      (
        await listUsers(db.kysely, {
          ...(req.query.role ? { role: req.query.role } : {}),
          ...(req.query.region ? { regionAdcode: req.query.region } : {}),
          includeDisabled: req.query.includeDisabled === 'true',
        })
      ).map(userView),
  );

  r.post(
    '/api/users',
    {
      config: ADMIN,
      schema: {
        summary: '新建用户',
        tags,
        body: UserCreateBody,
        response: { 201: UserOut, ...errors },
      },
    },
    async (req, reply) => {
      const u = await createUser(db, clock, actorOf(req), req.body);
      return reply.code(201).send(userView(u));
    },
  );

  r.get(
    '/api/users/:id',
    {
      config: ADMIN,
      schema: {
        summary: '用户详情',
        tags,
        params: IdParams,
        response: { 200: UserOut, 404: ErrorBody },
      },
    },
    async (req) => userView(await mustFindUser(db.kysely, req.params.id)),
  );

  r.patch(
    '/api/users/:id',
    {
      config: ADMIN,
      schema: {
        summary: '修改用户（名称、角色与所属单位、停用/启用）',
        tags,
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserOut, ...errors },
      },
    },
    async (req) => {
      const { disabled, ...profile } = req.body;
      const ctx = actorOf(req);
      let u = await mustFindUser(db.kysely, req.params.id);
      if (Object.values(profile).some((v) => v !== undefined)) {
        u = await updateUser(db, clock, ctx, req.params.id, profile);
      }
      if (disabled !== undefined && disabled !== (u.disabled === 1)) {
        u = await setUserDisabled(db, clock, ctx, req.params.id, disabled);
      }
      return userView(u);
    },
  );

  r.delete(
    '/api/users/:id',
    {
      config: ADMIN,
      schema: {
        summary: '停用用户（账号保留以便审计，会话与令牌立即失效）',
        tags,
        params: IdParams,
        response: { 200: UserOut, ...errors },
      },
    },
    async (req) => userView(await setUserDisabled(db, clock, actorOf(req), req.params.id, true)),
  );

  r.post(
    '/api/users/:id/password',
    {
      config: ADMIN,
      schema: {
        summary: '重置用户密码（其全部会话失效）',
        tags,
        params: IdParams,
        body: PasswordResetBody,
        response: { 200: UserOut, ...errors },
      },
    },
    async (req) =>
      userView(
        await resetPassword(
          db,
          clock,
          actorOf(req),
          req.params.id,
          req.body.password,
          req.body.mustChangePassword,
        ),
      ),
  );
}
