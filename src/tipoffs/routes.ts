/**
 * HTTP routes of public reporting (docs/dust-fires-reports.md): the handlers' inbox, case detail,
 * triage, verification with photos, reward and publication, statistics and the board's documents
 * (signed in), and the public side (public-routes.ts): challenge, report, tracking by code, the
 * exposure board and its pages. One scope with multipart parsing bounded by the settings.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { Db } from '../store/db.ts';
import { AbuseGuard } from './abuse-guard.ts';
import { cityUnits } from './county-boundaries.ts';
import { MAX_DOCUMENT_BYTES, publishDocument } from './document-service.ts';
import { readForm } from './form-parts.ts';
import {
  decideReward,
  proposeReward,
  setPublication,
  triage,
  verify,
  type HandlingDeps,
  type TipoffActor,
} from './handling-service.ts';
import { registerPublicTipoffRoutes } from './public-routes.ts';
import { detail, handlerFile, inbox, tipoffStatistics } from './read-service.ts';
import {
  DocumentForm,
  IdParams,
  InboxOut,
  InboxQuery,
  PublicationBody,
  RewardDecisionBody,
  StatsOut,
  StatsQuery,
  TipoffDetail,
  tipoffErrors,
  TriageBody,
  VerifyForm,
} from './schema.ts';
import type { TipoffConfig } from './tipoff-config.ts';
import type { UnitBoundary } from './rules/unit-at.ts';

const tags = ['举报与曝光台'];
const HANDLERS = { access: { roles: ['city-admin', 'county', 'department'] } } as const;
const CITY = { access: { roles: ['city-admin'] } } as const;
const Ok = z.object({ ok: z.literal(true) });

/** What the routes are built from. */
export interface TipoffRouteDeps {
  db: Db;
  clock: Clock;
  config: TipoffConfig;
  blobs: BlobStore;
  /** The city's county boundaries (default: the dashboard's map data of 130400). */
  units?: () => readonly UnitBoundary[];
}

const actor = (req: FastifyRequest): TipoffActor => ({
  principal: requirePrincipal(req),
  ctx: actorOf(req),
});

/** Registers /api/tipoffs…, /api/public/tipoffs…, /api/public/exposure… and the public pages. */
export async function registerTipoffRoutes(
  app: FastifyInstance,
  d: TipoffRouteDeps,
): Promise<void> {
  const { db, clock, config, blobs } = d;
  const hd: HandlingDeps = { db, clock, config, blobs };
  const maxFileBytes = Math.max(config.maxImageBytes, config.maxVideoBytes, MAX_DOCUMENT_BYTES);
  const fileLimits = {
    maxFileBytes,
    maxFiles: config.maxFiles,
    maxTotalBytes: config.maxVideoBytes + config.maxImageBytes * config.maxFiles,
  };
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: maxFileBytes,
        files: config.maxFiles + 1,
        fields: 16,
        fieldSize: 4096,
        parts: 24,
      },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    registerPublicTipoffRoutes(scope, {
      db,
      clock,
      config,
      blobs,
      guard: new AbuseGuard(config),
      units: d.units ?? (() => cityUnits()),
      fileLimits,
    });

    r.get(
      '/api/tipoffs',
      {
        config: HANDLERS,
        schema: {
          summary: '举报办理列表（市大气办看全部，县区、部门看分派给本单位的；含举报人信息）',
          tags,
          querystring: InboxQuery,
          response: { 200: InboxOut, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => inbox(db, requirePrincipal(req), req.query, clock.now()),
    );

    r.get(
      '/api/tipoffs/statistics',
      {
        config: CITY,
        schema: {
          summary: '举报统计：按承办单位和类别的件数、办结、未办结、超期督办',
          tags,
          querystring: StatsQuery,
          response: { 200: StatsOut, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) =>
        tipoffStatistics(
          db,
          requirePrincipal(req),
          req.query.from ?? 0,
          req.query.to ?? clock.now() + 1,
        ),
    );

    r.get(
      '/api/tipoffs/:id',
      {
        config: HANDLERS,
        schema: {
          summary: '举报详情：照片视频、办理过程',
          tags,
          params: IdParams,
          response: { 200: TipoffDetail, ...tipoffErrors },
        },
      },
      async (req) => detail(db, requirePrincipal(req), req.params.id, clock.now()),
    );

    r.get(
      '/api/tipoffs/files/:id',
      {
        config: HANDLERS,
        schema: { summary: '举报或核查的照片、视频', tags, params: IdParams },
      },
      async (req, reply) => {
        const f = await handlerFile(db, requirePrincipal(req), req.params.id);
        const data = await blobs.get(f.sha256);
        if (!data) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '文件已不在存储中');
        return reply.type(f.media_type).header('cache-control', 'private, max-age=3600').send(data);
      },
    );

    r.post(
      '/api/tipoffs/:id/triage',
      {
        config: CITY,
        schema: {
          summary: '市大气办分派：交县区（默认按位置）或部门（按类别），或不予受理',
          tags,
          params: IdParams,
          body: TriageBody,
          response: { 200: Ok, ...tipoffErrors },
        },
      },
      async (req) => {
        await triage(hd, actor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/tipoffs/:id/verification',
      {
        config: HANDLERS,
        schema: {
          summary: '现场核查：结果、情况、回复举报人，附照片视频（multipart：字段与 file 文件）',
          tags,
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 200: Ok, ...tipoffErrors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (req) => {
        const f = await readForm(req, VerifyForm, fileLimits);
        await verify(hd, actor(req), req.params.id, f.fields, f.files);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/tipoffs/:id/reward',
      {
        config: HANDLERS,
        schema: {
          summary: '按奖励规则提出奖励（须经核查属实且留有联系方式）',
          tags,
          params: IdParams,
          response: { 200: Ok, ...tipoffErrors },
        },
      },
      async (req) => {
        await proposeReward(hd, actor(req), req.params.id);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/tipoffs/:id/reward/decision',
      {
        config: CITY,
        schema: {
          summary: '市大气办审批奖励',
          tags,
          params: IdParams,
          body: RewardDecisionBody,
          response: { 200: Ok, ...tipoffErrors },
        },
      },
      async (req) => {
        await decideReward(hd, actor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/tipoffs/:id/publication',
      {
        config: CITY,
        schema: {
          summary: '在曝光台公开或撤下（不含举报人信息；照片可选）',
          tags,
          params: IdParams,
          body: PublicationBody,
          response: { 200: Ok, ...tipoffErrors },
        },
      },
      async (req) => {
        await setPublication(hd, actor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/tipoffs/documents',
      {
        config: CITY,
        schema: {
          summary: '在曝光台发布月度排名、通报（标题、月份、链接或 PDF）',
          tags,
          consumes: ['multipart/form-data'],
          response: {
            200: z.object({ id: z.number() }),
            ...tipoffErrors,
            413: ErrorBody,
            415: ErrorBody,
          },
        },
      },
      async (req) => {
        const f = await readForm(req, DocumentForm, { ...fileLimits, maxFiles: 1 });
        return { id: await publishDocument(hd, actor(req), f.fields, f.files[0] ?? null) };
      },
    );
  });
}
