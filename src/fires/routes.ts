/**
 * HTTP routes of open burning (/api/fires…), in a plugin scope of their own with multipart
 * parsing: the city office uploads hotspot files and registers cameras; camera systems post
 * alarms with their own key (public route, bounded in size and rate); counties read and answer
 * their fires; everyone with access reads the monthly counts. Scope is the services' business.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { Role } from '../http/route-access.ts';
import { silentProgress } from '../imports/progress.ts';
import type { Db } from '../store/db.ts';
import { answerEvent, type AnswerPhoto } from './answer-service.ts';
import {
  authenticateCamera,
  cameraList,
  receiveCameraAlarm,
  registerCamera,
} from './camera-service.ts';
import type { FiresConfig } from './fires-config.ts';
import { importHotspots } from './hotspot-import-service.ts';
import { RateWindow } from './rate-window.ts';
import {
  fireDetail,
  fireFile,
  fireImportDetail,
  fireImports,
  fireInbox,
  fireMonthly,
} from './read-service.ts';
import { FIRE_OUTCOMES, type FireOutcome } from './rules/outcomes.ts';
import {
  CameraAlarmOut,
  CameraBody,
  CameraCreated,
  CameraOut,
  FireEventDetail,
  FireEventList,
  FireEventParams,
  FireEventQuery,
  FireImportDetail,
  FireImportOut,
  FireImportParams,
  FireMonthlyOut,
  FireMonthlyQuery,
  FirePhotoParams,
  HotspotImportOut,
  fireErrors,
} from './schema.ts';
import { z } from 'zod';

/** What the fire routes are built from. */
export interface FireRouteDeps {
  db: Db;
  clock: Clock;
  config: FiresConfig;
  blobs: BlobStore;
}

const OFFICE: readonly Role[] = ['city-admin'];
const HANDLERS: readonly Role[] = ['city-admin', 'county'];
const TAGS = ['露天焚烧'];

type Part =
  | { type: 'field'; fieldname: string; value: unknown }
  | { type: 'file'; fieldname: string; filename: string; toBuffer(): Promise<Buffer> };

/** The fields and files of a multipart request, mapping the parser's limit errors. */
async function readParts(
  req: FastifyRequest,
  limits: { fileSize: number; files: number },
  tooLarge: () => LantianError,
  tooMany: () => LantianError,
): Promise<{ fields: Map<string, string>; files: AnswerPhoto[] }> {
  if (!req.isMultipart())
    throw new LantianError('LT_ERR_BAD_REQUEST', '请以 multipart/form-data 提交');
  const fields = new Map<string, string>();
  const files: AnswerPhoto[] = [];
  try {
    for await (const part of req.parts({
      limits: { ...limits, fields: 10, fieldSize: 16_384 },
    }) as AsyncIterable<Part>) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      if (part.filename.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', '文件名');
      files.push({ filename: part.filename, data: await part.toBuffer() });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw tooMany();
    throw e;
  }
  for (const v of fields.values())
    if (v.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', '表单字段');
  return { fields, files };
}

/** A camera alarm's time: epoch ms, or ISO 8601 with Z or an offset. */
function alarmTime(v: string | undefined, now: number): number {
  const t =
    v === undefined
      ? NaN
      : /^\d{10,16}$/.test(v)
        ? Number(v)
        : /(Z|[+-]\d{2}:?\d{2})$/.test(v)
          ? Date.parse(v)
          : NaN;
  if (!Number.isFinite(t) || t > now + 10 * 60_000 || t < now - 30 * 86_400_000)
    throw new LantianError(
      'LT_ERR_FIRE_CAMERA_ALARM',
      `time「${v ?? ''}」须为带时区的 ISO 8601 或 UTC 毫秒，且在近 30 天内`,
    );
  return t;
}

function coord(v: string | undefined, name: string, lim: number): number | null {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n) || Math.abs(n) > lim)
    throw new LantianError('LT_ERR_FIRE_CAMERA_ALARM', `${name}「${v}」`);
  return n;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Registers /api/fires… in a scope of its own. */
export async function registerFireRoutes(app: FastifyInstance, deps: FireRouteDeps): Promise<void> {
  const { db, clock, config, blobs } = deps;
  const perCamera = new RateWindow(config.cameraPerMinute, 60_000);
  const perAddress = new RateWindow(config.addressPerMinute, 60_000);
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: Math.max(config.maxFileBytes, config.maxImageBytes),
        files: config.maxPhotos,
        fields: 10,
        fieldSize: 16_384,
      },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/fires/hotspots',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary:
            '上传卫星火点文件（NASA FIRMS CSV 格式，multipart 字段 file），定位、合并并派发到县区',
          tags: TAGS,
          consumes: ['multipart/form-data'],
          response: { 200: HotspotImportOut, 400: ErrorBody, 403: ErrorBody, 413: ErrorBody },
        },
      },
      async (req) => {
        const tooLarge = () =>
          new LantianError('LT_ERR_FIRE_FILE_TOO_LARGE', `上限 ${config.maxFileBytes} 字节`);
        const { files } = await readParts(
          req,
          { fileSize: config.maxFileBytes, files: 1 },
          tooLarge,
          () => new LantianError('LT_ERR_BAD_REQUEST', '一次只能上传一个火点文件'),
        );
        const file = files[0];
        if (!file) throw new LantianError('LT_ERR_BAD_REQUEST', '缺少火点文件（字段 file）');
        return importHotspots(
          db,
          config,
          clock.now(),
          actorOf(req),
          file.filename,
          file.data,
          silentProgress,
        );
      },
    );

    r.get(
      '/api/fires/imports',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary: '火点导入记录（最近 100 次）',
          tags: TAGS,
          response: { 200: z.array(FireImportOut), 403: ErrorBody },
        },
      },
      async () => fireImports(db),
    );

    r.get(
      '/api/fires/imports/:id',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary: '一次火点导入：错误行和市域外火点',
          tags: TAGS,
          params: FireImportParams,
          response: { 200: FireImportDetail, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => fireImportDetail(db, req.params.id),
    );

    r.get(
      '/api/fires/events',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: '火情列表（县区只见本辖区），可按状态、县区、时间筛选',
          tags: TAGS,
          querystring: FireEventQuery,
          response: { 200: FireEventList, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => fireInbox(db, requirePrincipal(req), req.query),
    );

    r.get(
      '/api/fires/events/:id',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: '火情详情：各次观测、处理过程和现场照片',
          tags: TAGS,
          params: FireEventParams,
          response: { 200: FireEventDetail, ...fireErrors },
        },
      },
      async (req) => fireDetail(db, requirePrincipal(req), req.params.id),
    );

    r.post(
      '/api/fires/events/:id/answer',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: `县区核查反馈（multipart：outcome 为 ${Object.keys(FIRE_OUTCOMES).join('/')}、text 说明、1 张以上现场照片）`,
          tags: TAGS,
          params: FireEventParams,
          consumes: ['multipart/form-data'],
          response: { 200: FireEventDetail, 413: ErrorBody, 415: ErrorBody, ...fireErrors },
        },
      },
      async (req) => {
        const { fields, files } = await readParts(
          req,
          { fileSize: config.maxImageBytes, files: config.maxPhotos },
          () =>
            new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `上限 ${config.maxImageBytes} 字节`),
          () => new LantianError('LT_ERR_FIRE_PHOTOS', `上限 ${config.maxPhotos} 张`),
        );
        const outcome = fields.get('outcome') ?? '';
        if (!(outcome in FIRE_OUTCOMES))
          throw new LantianError(
            'LT_ERR_BAD_REQUEST',
            `outcome 须为 ${Object.keys(FIRE_OUTCOMES).join('、')}`,
          );
        const text = (fields.get('text') ?? '').trim();
        if (text.length > 2000) throw new LantianError('LT_ERR_BAD_REQUEST', '说明不超过 2000 字');
        const principal = requirePrincipal(req);
        await answerEvent(
          db,
          config,
          blobs,
          clock.now(),
          { principal, ctx: actorOf(req) },
          req.params.id,
          {
            outcome: outcome as FireOutcome,
            text,
            photos: files,
          },
        );
        return fireDetail(db, principal, req.params.id);
      },
    );

    r.get(
      '/api/fires/events/:id/photos/:photoId',
      {
        config: { access: { roles: HANDLERS } },
        schema: { summary: '下载核查反馈的现场照片', tags: TAGS, params: FirePhotoParams },
      },
      async (req, reply) => {
        const f = await fireFile(db, blobs, requirePrincipal(req), req.params.id, {
          photoId: req.params.photoId,
        });
        return reply.type(f.mediaType).header('x-content-type-options', 'nosniff').send(f.data);
      },
    );

    r.get(
      '/api/fires/events/:id/observations/:observationId/image',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: '摄像机报警图片',
          tags: TAGS,
          params: FireEventParams.extend({ observationId: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const f = await fireFile(db, blobs, requirePrincipal(req), req.params.id, {
          observationId: req.params.observationId,
        });
        return reply.type(f.mediaType).header('x-content-type-options', 'nosniff').send(f.data);
      },
    );

    r.get(
      '/api/fires/monthly',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: '各县区每月火情数（按核查结果、未反馈、超时提级分列）',
          tags: TAGS,
          querystring: FireMonthlyQuery,
          response: { 200: FireMonthlyOut, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => fireMonthly(db, requirePrincipal(req), req.query.from, req.query.to),
    );

    r.get(
      '/api/fires/cameras',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary: '已登记的红外摄像机',
          tags: TAGS,
          response: { 200: z.array(CameraOut), 403: ErrorBody },
        },
      },
      async () => cameraList(db),
    );

    r.post(
      '/api/fires/cameras',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary: '登记红外摄像机；密钥只在此次回答中显示一次',
          tags: TAGS,
          body: CameraBody,
          response: { 200: CameraCreated, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => registerCamera(db, config, clock.now(), actorOf(req), req.body),
    );

    r.post(
      '/api/fires/camera-alarms',
      {
        config: { access: { roles: 'public' } },
        schema: {
          summary:
            '红外摄像机报警（头 X-Lantian-Camera 与 X-Lantian-Camera-Key；multipart：time、可选 lon/lat（WGS-84）、一张图片 image）',
          tags: TAGS,
          consumes: ['multipart/form-data'],
          response: {
            200: CameraAlarmOut,
            400: ErrorBody,
            401: ErrorBody,
            413: ErrorBody,
            415: ErrorBody,
            429: ErrorBody,
          },
        },
      },
      async (req) => {
        const now = clock.now();
        if (!perAddress.take(req.ip, now))
          throw new LantianError('LT_ERR_FIRE_RATE_LIMITED', `地址 ${req.ip}`);
        const camera = await authenticateCamera(
          db,
          header(req, 'x-lantian-camera'),
          header(req, 'x-lantian-camera-key'),
        );
        if (!perCamera.take(camera.code, now))
          throw new LantianError('LT_ERR_FIRE_RATE_LIMITED', `摄像机 ${camera.code}`);
        const { fields, files } = await readParts(
          req,
          { fileSize: config.maxImageBytes, files: 1 },
          () =>
            new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `上限 ${config.maxImageBytes} 字节`),
          () => new LantianError('LT_ERR_FIRE_CAMERA_ALARM', '只能附一张图片'),
        );
        const image = files[0];
        if (!image) throw new LantianError('LT_ERR_FIRE_CAMERA_ALARM', '缺少图片（字段 image）');
        const res = await receiveCameraAlarm(
          db,
          config,
          blobs,
          now,
          camera,
          {
            at: alarmTime(fields.get('time'), now),
            lon: coord(fields.get('lon'), 'lon', 180),
            lat: coord(fields.get('lat'), 'lat', 90),
            image,
          },
          req.ip,
        );
        if (res.kind === 'outside') throw new LantianError('LT_ERR_FIRE_OUTSIDE_CITY');
        return res.kind === 'repeated'
          ? { result: 'repeated' as const, eventId: null, county: null }
          : { result: res.kind, eventId: res.eventId, county: res.county };
      },
    );
  });
}
