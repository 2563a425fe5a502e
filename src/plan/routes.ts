/** HTTP routes to create, read, edit and publish plans (versions are immutable once published). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import {
  createDraft,
  createPlan,
  publishVersion,
  readablePlans,
  readableVersion,
  readableVersions,
} from './plan-service.ts';
import { ADMIN, READERS } from './route-access.ts';
import { editBaseline, editTarget, replaceDocument } from './plan-edits.ts';
import {
  AnyObject,
  BaselinePatchSchema,
  DraftCreateBody,
  PlanCreateBody,
  PlanIdParams as IdParams,
  PlanListOut,
  PlanReadQuery,
  PlanVersionOut as VersionOut,
  PlanVersionsOut,
  TargetPatchSchema,
  UnitParams,
  VersionParams,
  errors,
} from './schema.ts';

const tags = ['工作方案'];

/** What the plan routes (editing and analysis) are built from. */
export interface PlanDeps {
  db: Db;
  clock: Clock;
}

/** Registers the plan editing routes. */
export function registerPlanRoutes(app: FastifyInstance, { db, clock }: PlanDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/plans',
    {
      config: READERS,
      schema: {
        summary: '工作方案列表',
        tags,
        response: {
          200: PlanListOut,
        },
      },
    },
    async (req) =>
      (await readablePlans(db, requirePrincipal(req))).map((p) => ({
        id: p.id,
        name: p.name,
        cityAdcode: p.city_adcode,
        year: p.year,
      })),
  );

  r.post(
    '/api/plans',
    {
      config: ADMIN,
      schema: {
        summary: '新建工作方案（第 1 版草稿，或立即发布）',
        tags,
        body: PlanCreateBody,
        response: { 201: VersionOut, ...errors },
      },
    },
    async (req, reply) => {
      const v = await createPlan(db, clock, actorOf(req), req.body.document, {
        publish: req.body.publish ?? false,
        ...(req.body.note !== undefined ? { note: req.body.note } : {}),
      });
      return reply.code(201).send(v);
    },
  );

  r.get(
    '/api/plans/:id',
    {
      config: READERS,
      schema: {
        summary: '方案内容（默认最新已发布版本，没有则最新草稿）',
        tags,
        params: IdParams,
        querystring: PlanReadQuery,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (req) => readableVersion(db, requirePrincipal(req), req.params.id, req.query.version),
  );

  r.get(
    '/api/plans/:id/versions',
    {
      config: READERS,
      schema: {
        summary: '方案的所有版本',
        tags,
        params: IdParams,
        response: { 200: PlanVersionsOut, ...errors },
      },
    },
    async (req) => readableVersions(db, requirePrincipal(req), req.params.id),
  );

  r.post(
    '/api/plans/:id/versions',
    {
      config: ADMIN,
      schema: {
        summary: '新建草稿版本（复制最新或指定版本）',
        tags,
        params: IdParams,
        body: DraftCreateBody,
        response: { 201: VersionOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await createDraft(db, clock, actorOf(req), req.params.id, req.body.from, req.body.note),
        ),
  );

  r.put(
    '/api/plans/:id/versions/:version',
    {
      config: ADMIN,
      schema: {
        summary: '整体替换草稿版本的内容（已发布版本不可修改）',
        tags,
        params: VersionParams,
        body: AnyObject,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (req) =>
      replaceDocument(db, clock, actorOf(req), req.params.id, req.params.version, req.body),
  );

  r.patch(
    '/api/plans/:id/versions/:version/targets/:adcode',
    {
      config: ADMIN,
      schema: {
        summary: '修改草稿版本中一个单位（或市本级）的目标',
        tags,
        params: UnitParams,
        body: TargetPatchSchema,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (req) =>
      editTarget(
        db,
        clock,
        actorOf(req),
        req.params.id,
        req.params.version,
        req.params.adcode,
        req.body,
      ),
  );

  r.patch(
    '/api/plans/:id/versions/:version/baseline/:adcode',
    {
      config: ADMIN,
      schema: {
        summary: '修改草稿版本中一个单位（或市本级）的基准年数据',
        tags,
        params: UnitParams,
        body: BaselinePatchSchema,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (req) =>
      editBaseline(
        db,
        clock,
        actorOf(req),
        req.params.id,
        req.params.version,
        req.params.adcode,
        req.body,
      ),
  );

  r.post(
    '/api/plans/:id/versions/:version/publish',
    {
      config: ADMIN,
      schema: {
        summary: '发布草稿版本（发布后不可修改）',
        tags,
        params: VersionParams,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (req) => publishVersion(db, clock, actorOf(req), req.params.id, req.params.version),
  );
}
