/**
 * HTTP routes of the dust domain (/api/dust/…), in a plugin scope of their own with multipart
 * uploads (import tables, inspection photos). Who may call a route is declared here; whose data
 * it is, is the services' business (dust-scope.ts).
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
import type { Role } from '../http/route-access.ts';
import type { Db } from '../store/db.ts';
import { readUploadedFile } from '../tasks/http/route-support.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { dateStartEpoch } from '../time/zoned-time.ts';
import type { DustConfig } from './dust-config.ts';
import { eightStandards } from './eight-standards.ts';
import {
  createPoint,
  enterSamples,
  fallRanking,
  samplesOfMonth,
  setTarget,
  visiblePoints,
} from './fall-service.ts';
import {
  inspectionInScope,
  inspectionsInScope,
  readPhoto,
  recordInspection,
  rectify,
  type PhotoFile,
} from './inspection-service.ts';
import {
  alarmsInScope,
  linkMonitor,
  runSiteAlarms,
  siteRanking,
  sourceHours,
} from './monitor-service.ts';
import { dustNoticeFile } from './notice-service.ts';
import { pm10Ranking } from './pm10-ranking-service.ts';
import { importSamples } from './sample-import.ts';
import {
  AlarmList,
  AlarmRun,
  DayRangeQuery,
  DustSourceInput,
  DustSourceList,
  DustSourceView,
  dustErrors,
  FallRanking,
  HourlyView,
  ImportResult,
  InspectionList,
  InspectionParams,
  InspectionQuery,
  InspectionView,
  LinkBody,
  MonthQuery,
  PhotoParams,
  Pm10Ranking,
  PointInput,
  PointList,
  RectifyBody,
  SampleList,
  SamplesBody,
  SamplesSaved,
  SiteRanking,
  SourceParams,
  SourceQuery,
  TargetBody,
  TargetParams,
} from './schema.ts';
import { importSources } from './source-import.ts';
import { registerSource, sourceViews, visibleSource } from './source-service.ts';

/** What the dust routes are built from. */
export interface DustRouteDeps {
  db: Db;
  clock: Clock;
  config: DustConfig;
  blobs: BlobStore;
  /** Upload and sheet-reading limits (shared with the key tasks). */
  sheets: TasksConfig;
}

const READERS: readonly Role[] = ['department', 'county'];
const WRITERS: readonly Role[] = ['county'];
const HANDLERS: readonly Role[] = ['department', 'county'];
const OFFICE: readonly Role[] = ['city-admin'];
const TAGS = ['扬尘'];
const TZ = 'Asia/Shanghai';

/** The fields and photos of an inspection's multipart request. */
async function readInspection(
  req: FastifyRequest,
  cfg: DustConfig,
): Promise<{ fields: Record<string, string>; photos: PhotoFile[] }> {
  if (!req.isMultipart())
    throw new LantianError('LT_ERR_BAD_REQUEST', '请以 multipart/form-data 提交检查记录和照片');
  const fields: Record<string, string> = {};
  const photos: PhotoFile[] = [];
  try {
    for await (const part of req.parts({
      limits: { fileSize: cfg.maxPhotoBytes, files: cfg.maxPhotos, fields: 8, fieldSize: 16_384 },
    })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.filename.includes('\0'))
        throw new LantianError('LT_ERR_NUL_CHARACTER', '上传文件名');
      photos.push({ filename: part.filename, data: await part.toBuffer() });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `超过 ${cfg.maxPhotoBytes} 字节`, {
        maxBytes: cfg.maxPhotoBytes,
      });
    if (code === 'FST_FILES_LIMIT')
      throw new LantianError('LT_ERR_BAD_REQUEST', `照片不能超过 ${cfg.maxPhotos} 张`);
    throw e;
  }
  if (Object.values(fields).some((v) => v.includes('\0')))
    throw new LantianError('LT_ERR_NUL_CHARACTER', '检查记录');
  return { fields, photos };
}

function inspectionEntry(f: Record<string, string>) {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(f.inspectedOn ?? ''))
    throw new LantianError('LT_ERR_BAD_REQUEST', '检查日期（inspectedOn）应为 YYYY-MM-DD');
  if (f.deadline && !day.test(f.deadline))
    throw new LantianError('LT_ERR_BAD_REQUEST', '整改期限（deadline）应为 YYYY-MM-DD');
  let findings: unknown;
  try {
    findings = JSON.parse(f.findings ?? '');
  } catch {
    throw new LantianError('LT_ERR_BAD_REQUEST', '检查结果（findings）应为 JSON 对象');
  }
  if (
    !findings ||
    typeof findings !== 'object' ||
    Array.isArray(findings) ||
    Object.values(findings).some((v) => typeof v !== 'boolean')
  )
    throw new LantianError('LT_ERR_BAD_REQUEST', '检查结果（findings）应为 {检查项: true/false}');
  const note = (f.note ?? '').trim();
  if (note.length > 2000) throw new LantianError('LT_ERR_BAD_REQUEST', '说明不能超过 2000 字');
  return {
    inspectedOn: f.inspectedOn!,
    findings: findings as Record<string, boolean>,
    note,
    deadline: f.deadline || null,
  };
}

/** Registers /api/dust/… in a scope of their own. */
export async function registerDustRoutes(app: FastifyInstance, deps: DustRouteDeps): Promise<void> {
  const { db, clock, config, blobs, sheets } = deps;
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: Math.max(config.maxPhotoBytes, sheets.maxSheetBytes),
        files: config.maxPhotos,
      },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const p = requirePrincipal;

    r.get(
      '/api/dust/sources',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '扬尘源清单（施工工地、道路、物料堆场、裸露地面、露天矿山），按权限范围',
          tags: TAGS,
          querystring: SourceQuery,
          response: { 200: DustSourceList, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => ({
        standards: eightStandards(),
        sources: await sourceViews(db, p(req), req.query),
      }),
    );

    r.post(
      '/api/dust/sources',
      {
        config: { access: { roles: WRITERS } },
        schema: {
          summary: '登记或更新（按编号）扬尘源（建档立卡）',
          tags: TAGS,
          body: DustSourceInput,
          response: { 200: DustSourceView, ...dustErrors },
        },
      },
      async (req) => registerSource(db, clock, p(req), actorOf(req), req.body),
    );

    r.post(
      '/api/dust/sources/import',
      {
        config: { access: { roles: WRITERS } },
        schema: {
          summary: '导入扬尘源（Excel 或 CSV）；有任何一行不符则全部不导入，并列出行号',
          tags: TAGS,
          consumes: ['multipart/form-data'],
          response: { 200: ImportResult, 413: ErrorBody, ...dustErrors },
        },
      },
      async (req) => {
        const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
        return importSources(db, clock, sheets, p(req), actorOf(req), filename, data);
      },
    );

    r.post(
      '/api/dust/sources/:id/monitors',
      {
        config: { access: { roles: WRITERS } },
        schema: {
          summary: '将已登记的 HJ 212 监测设备（按 MN）关联到扬尘源',
          tags: TAGS,
          params: SourceParams,
          body: LinkBody,
          response: { 204: z.null(), ...dustErrors },
        },
      },
      async (req, reply) => {
        await linkMonitor(db, clock, p(req), actorOf(req), req.params.id, req.body.mn);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/api/dust/sources/:id/hours',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '扬尘源监测设备的小时 PM10、TSP（µg/m³）',
          tags: TAGS,
          params: SourceParams,
          querystring: DayRangeQuery,
          response: { 200: HourlyView, ...dustErrors },
        },
      },
      async (req) => ({
        hours: await sourceHours(
          db,
          p(req),
          req.params.id,
          dateStartEpoch(TZ, req.query.from),
          dateStartEpoch(TZ, req.query.to) + 86_400_000,
        ),
      }),
    );

    r.get(
      '/api/dust/sites/ranking',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '有监测设备的扬尘源按期间 PM10 小时均值排名（由低到高）',
          tags: TAGS,
          querystring: DayRangeQuery,
          response: { 200: SiteRanking, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => ({
        from: req.query.from,
        to: req.query.to,
        rows: await siteRanking(
          db,
          p(req),
          dateStartEpoch(TZ, req.query.from),
          dateStartEpoch(TZ, req.query.to) + 86_400_000,
        ),
      }),
    );

    r.get(
      '/api/dust/alarms',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '扬尘源监测告警（PM10 连续超标、离线），按权限范围',
          tags: TAGS,
          response: { 200: AlarmList, 403: ErrorBody },
        },
      },
      async (req) => ({ alarms: await alarmsInScope(db, p(req), false) }),
    );

    r.post(
      '/api/dust/alarms/run',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary: '立即计算扬尘源监测告警（通常由定时任务执行）',
          tags: TAGS,
          response: { 200: AlarmRun, 403: ErrorBody },
        },
      },
      async () => runSiteAlarms(db, config, clock.now()),
    );

    r.get(
      '/api/dust/fall/points',
      {
        config: { access: { roles: READERS } },
        schema: { summary: '降尘采样点', tags: TAGS, response: { 200: PointList, 403: ErrorBody } },
      },
      async (req) => ({
        points: (await visiblePoints(db, p(req))).map((x) => ({
          id: x.id,
          code: x.code,
          name: x.name,
          regionAdcode: x.region_adcode,
          lon: x.lon,
          lat: x.lat,
        })),
      }),
    );

    r.post(
      '/api/dust/fall/points',
      {
        config: { access: { roles: WRITERS } },
        schema: {
          summary: '登记降尘采样点（所属考核单位）',
          tags: TAGS,
          querystring: MonthQuery.pick({ plan: true }),
          body: PointInput,
          response: { 204: z.null(), ...dustErrors },
        },
      },
      async (req, reply) => {
        await createPoint(db, clock, config, p(req), actorOf(req), req.query.plan, req.body);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/api/dust/fall/samples',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '某月降尘样品及计算结果（HJ 1221）',
          tags: TAGS,
          querystring: MonthQuery,
          response: { 200: SampleList, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => ({ samples: await samplesOfMonth(db, p(req), req.query.month) }),
    );

    r.post(
      '/api/dust/fall/samples',
      {
        config: { access: { roles: WRITERS } },
        schema: {
          summary:
            '录入降尘样品（样品质量、空白质量、缸口面积、采样天数），按 HJ 1221 计算；任何一条不符则全部不保存',
          tags: TAGS,
          body: SamplesBody,
          response: { 200: SamplesSaved, ...dustErrors },
        },
      },
      async (req) => ({
        saved: await enterSamples(db, clock, p(req), actorOf(req), req.body.samples),
      }),
    );

    r.post(
      '/api/dust/fall/samples/import',
      {
        config: { access: { roles: WRITERS } },
        schema: {
          summary: '导入降尘样品（Excel 或 CSV）；有任何一行不符则全部不导入，并列出行号',
          tags: TAGS,
          consumes: ['multipart/form-data'],
          response: { 200: SamplesSaved, 413: ErrorBody, ...dustErrors },
        },
      },
      async (req) => {
        const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
        return {
          saved: await importSamples(db, clock, sheets, p(req), actorOf(req), filename, data),
        };
      },
    );

    r.get(
      '/api/dust/fall/ranking',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '某月各县（市、区）降尘量排名（由低到高）与目标对比，超标单位',
          tags: TAGS,
          querystring: MonthQuery,
          response: { 200: FallRanking, ...dustErrors },
        },
      },
      async (req) => fallRanking(db, config, req.query.plan, req.query.month),
    );

    r.put(
      '/api/dust/fall/targets/:plan/:adcode',
      {
        config: { access: { roles: OFFICE } },
        schema: {
          summary: '设置某考核单位的降尘目标（吨/月·平方公里）',
          tags: TAGS,
          params: TargetParams,
          body: TargetBody,
          response: { 204: z.null(), ...dustErrors },
        },
      },
      async (req, reply) => {
        await setTarget(
          db,
          clock,
          config,
          actorOf(req),
          req.params.plan,
          req.params.adcode,
          req.body.target,
        );
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/api/dust/pm10/ranking',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '各县（市、区）考核站点 PM10 月均浓度排名（扬尘问责评价指标）',
          tags: TAGS,
          querystring: MonthQuery,
          response: { 200: Pm10Ranking, ...dustErrors },
        },
      },
      async (req) => pm10Ranking(db, req.query.plan, req.query.month),
    );

    for (const format of ['xlsx', 'pdf'] as const)
      r.get(
        `/api/dust/notice.${format}`,
        {
          config: { access: { roles: READERS } },
          schema: {
            summary: `月度降尘通报（${format === 'xlsx' ? 'Excel' : 'PDF'}）`,
            tags: TAGS,
            querystring: MonthQuery,
          },
        },
        async (req, reply) => {
          const f = await dustNoticeFile(
            db,
            clock,
            config,
            req.query.plan,
            req.query.month,
            format,
          );
          return reply
            .type(f.type)
            .header(
              'content-disposition',
              `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
            )
            .send(f.data);
        },
      );

    r.get(
      '/api/dust/inspections',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '扬尘检查记录与整改台账（县区看本辖区，部门看本部门负责的）',
          tags: TAGS,
          querystring: InspectionQuery,
          response: { 200: InspectionList, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => ({ inspections: await inspectionsInScope(db, clock, p(req), req.query) }),
    );

    r.post(
      '/api/dust/sources/:id/inspections',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary:
            '记录对扬尘源的检查（multipart：inspectedOn、findings（8 条标准逐项 JSON）、note、deadline 字段与若干照片；只接受图片）',
          tags: TAGS,
          params: SourceParams,
          consumes: ['multipart/form-data'],
          response: { 200: InspectionView, 413: ErrorBody, 415: ErrorBody, ...dustErrors },
        },
      },
      async (req) => {
        await visibleSource(db, p(req), req.params.id);
        const { fields, photos } = await readInspection(req, config);
        const id = await recordInspection(
          db,
          clock,
          config,
          blobs,
          p(req),
          actorOf(req),
          req.params.id,
          inspectionEntry(fields),
          photos,
        );
        return inspectionInScope(db, clock, p(req), id);
      },
    );

    r.post(
      '/api/dust/inspections/:id/rectify',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: '整改完成，销号',
          tags: TAGS,
          params: InspectionParams,
          body: RectifyBody,
          response: { 200: InspectionView, ...dustErrors },
        },
      },
      async (req) => {
        await rectify(db, clock, p(req), actorOf(req), req.params.id, req.body.text);
        return inspectionInScope(db, clock, p(req), req.params.id);
      },
    );

    r.get(
      '/api/dust/inspections/:id/photos/:sha256',
      {
        config: { access: { roles: READERS } },
        schema: { summary: '下载检查照片', tags: TAGS, params: PhotoParams },
      },
      async (req, reply) => {
        const f = await readPhoto(db, clock, blobs, p(req), req.params.id, req.params.sha256);
        return reply
          .type(f.mediaType)
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .send(f.data);
      },
    );
  });
}
