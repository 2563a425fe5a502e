/**
 * HTTP routes of warning episodes (docs/warnings.md, Episodes and notices): the episodes and
 * their decisions, the notice PDFs, confirmations, the active warnings for the dashboard banner,
 * and the public notice page (no sign-in, answers cached so that any request rate costs one
 * computation per `publicTtlMs`, at most `publicMaxWarnings` warnings).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import { TtlCache } from '../../overview/ttl-cache.ts';
import { DEFAULT_WARNING_CONFIG, type WarningConfig } from '../../standards/warning/index.ts';
import type { Db } from '../../store/db.ts';
import { activeWarnings, publicWarnings } from './active-warnings.ts';
import {
  confirmDecision,
  decideOnEpisode,
  episodeDetail,
  episodeList,
  issueWarning,
  type EpisodeDeps,
} from './episode-service.ts';
import { DEFAULT_NOTICE_PREFIXES } from './notice-number.ts';
import { decisionNotice } from './notice-service.ts';
import { publicNoticeHtml } from './public-page.ts';
import {
  ActiveList,
  ConfirmBody,
  DecisionBody,
  EpisodeList,
  EpisodeOut,
  EpisodeQuery,
  IdParams,
  IssueBody,
  PublicList,
} from './schema.ts';

const tags = ['重污染应对'];
const READ = { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } } as const;
const SIGNED_IN = {
  access: { roles: ['city-admin', 'department', 'county', 'enterprise', 'visitor'] },
} as const;
const DECIDE = { access: { roles: ['city-admin', 'department'] } } as const;
const CONFIRM = { access: { roles: ['department', 'county'] } } as const;
const PUBLIC = { access: { roles: 'public' } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** What the episode routes are built from. */
export interface EpisodeRouteDeps {
  db: Db;
  clock: Clock;
  /** Grading configuration (default: the shipped one). */
  warningConfig?: WarningConfig;
  /** Notice-number prefixes by region (default: DEFAULT_NOTICE_PREFIXES). */
  noticePrefixes?: Readonly<Record<string, string>>;
  /** How long the public page's answer is reused (default 30 s). */
  publicTtlMs?: number;
  /** Most warnings the public page lists (default 50). */
  publicMaxWarnings?: number;
}

/** Registers /api/warnings/episodes…, /api/warnings/decisions…, /api/warnings/active, the public page. */
export function registerEpisodeRoutes(app: FastifyInstance, d: EpisodeRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ttlMs = d.publicTtlMs ?? 30_000;
  const publicCache = new TtlCache<Awaited<ReturnType<typeof publicWarnings>>>({
    ttlMs,
    staleMs: 0,
    maxEntries: 1,
  });
  const deps: EpisodeDeps = {
    db: d.db,
    clock: d.clock,
    warningConfig: d.warningConfig ?? DEFAULT_WARNING_CONFIG,
    noticePrefixes: d.noticePrefixes ?? DEFAULT_NOTICE_PREFIXES,
    onChange: () => publicCache.clear(),
  };
  const publicAnswer = () =>
    publicCache.get('all', () => publicWarnings(d.db, d.clock.now(), d.publicMaxWarnings ?? 50));

  r.get(
    '/api/warnings/episodes',
    {
      config: READ,
      schema: {
        summary: '预警过程列表（县区只见本县和所属市的，企业只见所在县区和市的）',
        tags,
        querystring: EpisodeQuery,
        response: { 200: EpisodeList },
      },
    },
    async (req) => ({ episodes: await episodeList(d.db, requirePrincipal(req), req.query) }),
  );

  r.post(
    '/api/warnings/episodes',
    {
      config: DECIDE,
      schema: {
        summary: '发布预警（须依据满足条件的预报版本，否则须填写理由）',
        tags,
        body: IssueBody,
        response: { 201: EpisodeOut, ...errors },
      },
    },
    async (req, reply) => {
      const e = await issueWarning(deps, requirePrincipal(req), actorOf(req), req.body);
      return reply.code(201).send(e);
    },
  );

  r.get(
    '/api/warnings/episodes/:id',
    {
      config: READ,
      schema: {
        summary: '预警过程详情：各次决定、通知文号与确认情况',
        tags,
        params: IdParams,
        response: { 200: EpisodeOut, 404: ErrorBody },
      },
    },
    async (req) => episodeDetail(d.db, requirePrincipal(req), req.params.id),
  );

  r.post(
    '/api/warnings/episodes/:id/decisions',
    {
      config: DECIDE,
      schema: {
        summary: '升级、降级、延长或解除预警',
        tags,
        params: IdParams,
        body: DecisionBody,
        response: { 201: EpisodeOut, ...errors },
      },
    },
    async (req, reply) => {
      const e = await decideOnEpisode(
        deps,
        requirePrincipal(req),
        actorOf(req),
        req.params.id,
        req.body,
      );
      return reply.code(201).send(e);
    },
  );

  r.get(
    '/api/warnings/decisions/:id/notice.pdf',
    {
      config: READ,
      schema: {
        summary: '预警决定的正式通知（PDF）',
        tags,
        params: IdParams,
      },
    },
    async (req, reply) => {
      const n = await decisionNotice(d.db, requirePrincipal(req), req.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(n.filename)}`,
        )
        .send(n.pdf);
    },
  );

  r.post(
    '/api/warnings/decisions/:id/confirmations',
    {
      config: CONFIRM,
      schema: {
        summary: '县区或部门确认已启动应急响应',
        tags,
        params: IdParams,
        body: ConfirmBody,
        response: { 201: EpisodeOut, ...errors },
      },
    },
    async (req, reply) => {
      const e = await confirmDecision(
        deps,
        requirePrincipal(req),
        actorOf(req),
        req.params.id,
        req.body.note ?? null,
      );
      return reply.code(201).send(e);
    },
  );

  r.get(
    '/api/warnings/active',
    {
      config: SIGNED_IN,
      schema: {
        summary: '生效中的预警（页面横幅和总览卡片）',
        tags,
        response: { 200: ActiveList },
      },
    },
    async (req) => ({ warnings: await activeWarnings(d.db, requirePrincipal(req)) }),
  );

  r.get(
    '/api/public/warnings',
    {
      config: PUBLIC,
      schema: {
        summary: '公众预警公告：生效中的预警、级别、时段和措施（无需登录）',
        tags,
        response: { 200: PublicList },
      },
    },
    async () => publicAnswer(),
  );

  r.get('/public/warnings', { config: PUBLIC, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', `public, max-age=${Math.floor(ttlMs / 1000)}`)
      .send(publicNoticeHtml(await publicAnswer())),
  );
}
