/**
 * HTTP routes that read a plan against the data: progress against the clock, rankings, the
 * main-city check (what the dashboard shows), and the notices with their workflow. The monthly
 * bulletin's tables are served by src/reports/routes.ts. A county may read every unit's progress
 * and ranking of a published plan version (they are published to all units anyway), never a
 * draft version, and only notices issued to it and issued bulletins (plan-service.ts and
 * notice-service.ts check this).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import { mainCityChecks } from './main-city-service.ts';
import {
  generateNotices,
  moveNotice,
  readableCandidates,
  readableNotice,
  readableNotices,
} from './notice-service.ts';
import { planProgress } from './progress-service.ts';
import { planRanking } from './ranking-service.ts';
import type { PlanDeps } from './routes.ts';
import { ADMIN, NOTICE_MOVERS, OFFICE_READERS, READERS } from './route-access.ts';
import { readableVersion } from './plan-service.ts';
import {
  MainCityChecksOut,
  MonthQuery,
  NoticeDraftsOut,
  NoticeGenerateBody,
  NoticeGeneratedListOut,
  NoticeIdParams,
  NoticeListOut,
  NoticeListQuery,
  NoticeTransitionBody,
  NoticeViewOut,
  PlanIdParams as IdParams,
  PlanProgressOut,
  PlanRankingOut,
  ProgressQuery,
  RankingQuery,
  errors,
} from './schema.ts';

const tags = ['工作方案'];

/** Registers the analysis and notice routes. */
export function registerPlanAnalysisRoutes(app: FastifyInstance, { db, clock }: PlanDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The analyses (progress, rankings, checks, candidates) read through `db.read`, the replica of
  // DATABASE_READ_URL if any; which version a caller may read is decided on the primary.
  /** The version a caller's analysis is computed from (a county's: published only). */
  const versionOf = async (req: FastifyRequest, id: string, version?: number) =>
    (await readableVersion(db, requirePrincipal(req), id, version)).version;

  r.get(
    '/api/plans/:id/progress',
    {
      config: READERS,
      schema: {
        summary: '时序进度：截至某日市、主城区和各县（市、区）的目标完成情况、年底预计和状态',
        tags,
        params: IdParams,
        querystring: ProgressQuery,
        response: { 200: PlanProgressOut, ...errors },
      },
    },
    async (req) =>
      planProgress(
        db.read,
        req.params.id,
        req.query.date,
        await versionOf(req, req.params.id, req.query.version),
      ),
  );

  r.get(
    '/api/plans/:id/rankings',
    {
      config: READERS,
      schema: {
        summary: '排名：月（YYYY-MM）、季（YYYY-Qn）、年（YYYY）或年初至某日（YYYY-MM-DD）',
        tags,
        params: IdParams,
        querystring: RankingQuery,
        response: { 200: PlanRankingOut, ...errors },
      },
    },
    async (req) =>
      planRanking(
        db.read,
        req.params.id,
        req.query.period,
        await versionOf(req, req.params.id, req.query.version),
      ),
  );

  r.get(
    '/api/plans/:id/main-city-check',
    {
      config: READERS,
      schema: {
        summary: '2019 年 PM2.5 高于主城区的县（市、区）当月是否低于主城区（三(七)4）',
        tags,
        params: IdParams,
        querystring: MonthQuery,
        response: { 200: MainCityChecksOut, ...errors },
      },
    },
    async (req) =>
      mainCityChecks(
        db.read,
        req.params.id,
        req.query.month,
        await versionOf(req, req.params.id, req.query.version),
      ),
  );

  r.get(
    '/api/plans/:id/notices/candidates',
    {
      config: OFFICE_READERS,
      schema: {
        summary: '某月应发的预警通知函、约谈建议和排名通报（只计算，不保存；县区不可见）',
        tags,
        params: IdParams,
        querystring: MonthQuery,
        response: { 200: NoticeDraftsOut, ...errors },
      },
    },
    async (req) =>
      readableCandidates(
        db.read,
        requirePrincipal(req),
        req.params.id,
        req.query.month,
        req.query.version,
      ),
  );

  r.post(
    '/api/plans/:id/notices/generate',
    {
      config: ADMIN,
      schema: {
        summary: '按月生成通知草稿（已审核或已下发的不再改动）',
        tags,
        params: IdParams,
        body: NoticeGenerateBody,
        response: { 200: NoticeGeneratedListOut, ...errors },
      },
    },
    async (req) =>
      generateNotices(db, clock, actorOf(req), req.params.id, req.body.month, req.body.version),
  );

  r.get(
    '/api/plans/:id/notices',
    {
      config: READERS,
      schema: {
        summary: '通知列表（县区用户只看到已下发的本单位通知和排名通报）',
        tags,
        params: IdParams,
        querystring: NoticeListQuery,
        response: { 200: NoticeListOut, ...errors },
      },
    },
    async (req) => {
      const f = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined));
      return readableNotices(db, requirePrincipal(req), req.params.id, f);
    },
  );

  r.get(
    '/api/notices/:noticeId',
    {
      config: READERS,
      schema: {
        summary: '一份通知',
        tags,
        params: NoticeIdParams,
        response: { 200: NoticeViewOut, ...errors },
      },
    },
    async (req) => readableNotice(db, requirePrincipal(req), req.params.noticeId),
  );

  r.post(
    '/api/notices/:noticeId/transition',
    {
      config: NOTICE_MOVERS,
      schema: {
        summary: '通知流转：草稿→已审核→已下发→已反馈（县区只能反馈本单位已下发的通知）',
        tags,
        params: NoticeIdParams,
        body: NoticeTransitionBody,
        response: { 200: NoticeViewOut, ...errors },
      },
    },
    async (req) =>
      moveNotice(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.noticeId,
        req.body.to,
        req.body.text,
      ),
  );
}
