/**
 * The public side of reporting (no sign-in): the arithmetic challenge, the report itself
 * (bounded: attempts per address in memory, accepted reports per address and phone in the store,
 * files by content and size), the reporter's view by tracking code, the exposure board, its
 * photos and PDFs, and the three phone-first pages with their script.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../http/error-body.ts';
import { LantianError } from '../errors.ts';
import { newChallenge } from './rules/arithmetic-challenge.ts';
import { readForm } from './form-parts.ts';
import { exposurePageHtml, reportPageHtml, trackPageHtml } from './public-pages.ts';
import { PUBLIC_SCRIPT } from './public-script.ts';
import { documentPdf, exposureBoard, publicPhoto, track } from './read-service.ts';
import { admitAttempt, submitTipoff, type ReportDeps } from './report-service.ts';
import {
  ChallengeOut,
  CodeParams,
  ExposureOut,
  IdParams,
  PageQuery,
  submitErrors,
  SubmittedOut,
  TipoffForm,
  TrackOut,
} from './schema.ts';

const tags = ['举报与曝光台'];
const PUBLIC = { access: { roles: 'public' } } as const;
const notFound = { 400: ErrorBody, 404: ErrorBody };

/** Registers the public routes inside the tipoffs scope (multipart already registered). */
export function registerPublicTipoffRoutes(
  scope: FastifyInstance,
  d: ReportDeps & { fileLimits: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number } },
): void {
  const r = scope.withTypeProvider<ZodTypeProvider>();
  const html =
    (body: string) => (_req: unknown, reply: { type(t: string): { send(b: string): unknown } }) =>
      reply.type('text/html; charset=utf-8').send(body);

  r.get('/report', { config: PUBLIC, schema: { hide: true } }, html(reportPageHtml()));
  r.get('/report/track', { config: PUBLIC, schema: { hide: true } }, html(trackPageHtml()));
  r.get('/exposure', { config: PUBLIC, schema: { hide: true } }, html(exposurePageHtml()));
  r.get('/report/tipoff.js', { config: PUBLIC, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(PUBLIC_SCRIPT),
  );

  r.get(
    '/api/public/tipoffs/challenge',
    {
      config: PUBLIC,
      schema: {
        summary: '举报验证题（算术题，服务器签名，限时）',
        tags,
        response: { 200: ChallengeOut, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      admitAttempt(d, req.ip);
      reply.header('cache-control', 'no-store');
      return newChallenge(d.config.challengeSecret, d.clock.now(), d.config.challengeTtlMs);
    },
  );

  r.post(
    '/api/public/tipoffs',
    {
      config: PUBLIC,
      schema: {
        summary:
          '公众举报（免登录；multipart：类别、描述、坐标或地址、可选联系方式、验证题，照片或 MP4 视频放在 file 中）',
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: SubmittedOut, ...submitErrors },
      },
    },
    async (req, reply) => {
      admitAttempt(d, req.ip);
      const f = await readForm(req, TipoffForm, d.fileLimits);
      const out = await submitTipoff(
        d,
        req.ip,
        f.fields,
        f.files.map((data) => ({ data })),
      );
      return reply.code(201).send(out);
    },
  );

  r.get(
    '/api/public/tipoffs/:code',
    {
      config: PUBLIC,
      schema: {
        summary: '凭查询码查询办理进度（不含个人信息）',
        tags,
        params: CodeParams,
        response: { 200: TrackOut, 429: ErrorBody, ...notFound },
      },
    },
    async (req, reply) => {
      admitAttempt(d, req.ip);
      reply.header('cache-control', 'no-store');
      return track(d.db, req.params.code);
    },
  );

  r.get(
    '/api/public/exposure',
    {
      config: PUBLIC,
      schema: {
        summary: '曝光台：公开的举报案例和月度排名、通报（分页）',
        tags,
        querystring: PageQuery,
        response: { 200: ExposureOut, 400: ErrorBody },
      },
    },
    async (req) => exposureBoard(d.db.read, req.query.page, d.config.publicPageSize),
  );

  r.get(
    '/api/public/exposure/photos/:id',
    { config: PUBLIC, schema: { summary: '曝光台公开的照片', tags, params: IdParams } },
    async (req, reply) => {
      const f = await publicPhoto(d.db.read, req.params.id);
      const data = await d.blobs.get(f.sha256);
      if (!data) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '照片已不在存储中');
      return reply.type(f.media_type).header('cache-control', 'public, max-age=3600').send(data);
    },
  );

  r.get(
    '/api/public/exposure/documents/:id/pdf',
    { config: PUBLIC, schema: { summary: '曝光台文件（PDF）', tags, params: IdParams } },
    async (req, reply) => {
      const data = await d.blobs.get(await documentPdf(d.db.read, req.params.id));
      if (!data) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '文件已不在存储中');
      return reply
        .type('application/pdf')
        .header('cache-control', 'public, max-age=3600')
        .send(data);
    },
  );
}
