/**
 * HTTP routes of remote sensing, black-smoke capture and roadside checks (docs/mobile-sources.md):
 * device registration by the city office, the per-device record endpoint (bearer secret of that
 * device, JSON with base64 photos, bounded in size and rate), table imports of records and of
 * inspection-station records, record and over-standard lists, photos, and the monthly station
 * ranking with its notice as PDF and Excel.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { Db } from '../store/db.ts';
import { readUploadedFile } from '../tasks/http/route-support.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { postRecord } from './device-post-service.ts';
import { listDevices, registerDevice } from './device-service.ts';
import { importInspections } from './inspection-import-service.ts';
import { PostLimiter } from './post-limiter.ts';
import { cityName, monthlyRanking } from './ranking-service.ts';
import { listRecords, overStandard, recordPhoto } from './record-read-service.ts';
import { importRecords } from './record-import-service.ts';
import type { RoadsideConfig } from './roadside-config.ts';
import {
  DeviceBody,
  DeviceCreatedOut,
  DeviceParams,
  DevicesOut,
  InspectionImportOut,
  MonthQuery,
  OverStandardOut,
  PeriodQuery,
  PhotoParams,
  RankingOut,
  RecordBody,
  RecordImportOut,
  RecordPostedOut,
  RecordsOut,
  RecordsQuery,
} from './schema.ts';
import { stationNoticePdf } from './station-notice-pdf.ts';
import { stationNoticeXlsx } from './station-notice-sheet.ts';

/** What the roadside routes need. */
export interface RoadsideRouteDeps {
  db: Db;
  clock: Clock;
  config: RoadsideConfig;
  blobs: BlobStore;
  sheets: TasksConfig;
}

const tags = ['移动源：遥感、黑烟抓拍、路检路查'];
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const IMPORT = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const BUREAU = { access: { roles: ['city-admin', 'department'] } } as const;
const CITY = { access: { roles: ['city-admin'] } } as const;
const PUBLIC = { access: { roles: 'public' } } as const;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const BASE = '/api/roadside';
const BEARER_RE = /^Bearer\s+(\S+)\s*$/i;

/** Registers the routes in a plugin scope of their own (multipart uploads). */
export async function registerRoadsideRoutes(
  app: FastifyInstance,
  deps: RoadsideRouteDeps,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.sheets.maxSheetBytes, files: 1 } });
    registerDeviceRoutes(scope, deps);
    registerImportRoutes(scope, deps);
    registerReadRoutes(scope, deps);
    registerRankingRoutes(scope, deps);
  });
}

function registerDeviceRoutes(app: FastifyInstance, deps: RoadsideRouteDeps): void {
  const { db, clock, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new PostLimiter(config.postsPerMinute);
  r.get(
    `${BASE}/devices`,
    {
      config: READ,
      schema: {
        summary: '遥感监测点、黑烟抓拍、路检路查设备（区县只看本辖区）',
        tags,
        response: { 200: DevicesOut, ...errors },
      },
    },
    async (req) => ({ devices: await listDevices(db, requirePrincipal(req)) }),
  );
  r.post(
    `${BASE}/devices`,
    {
      config: CITY,
      schema: {
        summary: '登记设备（市大气办）；返回该设备专用的上报凭证，只显示一次',
        tags,
        body: DeviceBody,
        response: { 201: DeviceCreatedOut, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await registerDevice(db, clock, actorOf(req), req.body)),
  );
  // Decoded photos grow by 4/3 in base64; the rest of a record is small.
  const bodyLimit = Math.ceil((config.maxPhotos * config.photoMaxBytes * 4) / 3) + 64 * 1024;
  r.post(
    `${BASE}/devices/:code/records`,
    {
      config: PUBLIC,
      bodyLimit,
      schema: {
        summary: '设备上报一条记录（Authorization: Bearer 该设备凭证；照片以 base64 放在 JSON 中）',
        tags,
        params: DeviceParams,
        body: RecordBody,
        response: {
          200: RecordPostedOut,
          201: RecordPostedOut,
          413: ErrorBody,
          429: ErrorBody,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const bearer = BEARER_RE.exec(req.headers.authorization ?? '')?.[1];
      const out = await postRecord(
        { db, clock, config, blobs: deps.blobs, limiter },
        req.params.code,
        bearer,
        req.ip,
        req.body,
      );
      return reply.code(out.duplicate ? 200 : 201).send(out);
    },
  );
}

function registerImportRoutes(app: FastifyInstance, deps: RoadsideRouteDeps): void {
  const { db, clock, config, sheets } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    `${BASE}/records/import`,
    {
      config: IMPORT,
      schema: {
        summary: '导入监测记录（Excel 或 CSV）；有任何一行不符则全部不导入，并按行列出错误代码',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: RecordImportOut, 413: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
      return importRecords(
        db,
        clock,
        config,
        sheets,
        requirePrincipal(req),
        actorOf(req),
        filename,
        data,
      );
    },
  );
  r.post(
    `${BASE}/inspections/import`,
    {
      config: BUREAU,
      schema: {
        summary: '导入排放检验机构的检验记录（Excel 或 CSV）；有任何一行不符则全部不导入',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: InspectionImportOut, 413: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
      return importInspections(db, clock, sheets, actorOf(req), filename, data);
    },
  );
}

function registerReadRoutes(app: FastifyInstance, deps: RoadsideRouteDeps): void {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${BASE}/records`,
    {
      config: READ,
      schema: {
        summary: '监测记录（按时段、类型、车牌、是否超标筛选；区县只看本辖区设备）',
        tags,
        querystring: RecordsQuery,
        response: { 200: RecordsOut, ...errors },
      },
    },
    async (req) => ({
      records: await listRecords(db, requirePrincipal(req), {
        from: req.query.from,
        to: req.query.to,
        kind: req.query.kind,
        plate: req.query.plate,
        failedOnly: req.query.failed === 'true',
        limit: req.query.limit,
      }),
    }),
  );
  r.get(
    `${BASE}/over-standard`,
    {
      config: READ,
      schema: {
        summary: '超标车辆（HJ 845 同一污染物 6 个月内连续两次超标；黑烟抓拍、路检路查单次超标）',
        tags,
        querystring: PeriodQuery,
        response: { 200: OverStandardOut, ...errors },
      },
    },
    async (req) => overStandard(db, config, requirePrincipal(req), req.query.from, req.query.to),
  );
  r.get(
    `${BASE}/photos/:sha256`,
    {
      config: READ,
      schema: { summary: '记录的照片', tags, params: PhotoParams },
    },
    async (req, reply) => {
      const data = await recordPhoto(db, deps.blobs, requirePrincipal(req), req.params.sha256);
      return reply
        .header('cache-control', 'private, max-age=86400')
        .type(photoType(data))
        .send(data);
    },
  );
}

const photoType = (b: Buffer) =>
  b[0] === 0x89 ? 'image/png' : b[0] === 0xff ? 'image/jpeg' : 'image/webp';

function registerRankingRoutes(app: FastifyInstance, deps: RoadsideRouteDeps): void {
  const { db, clock, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${BASE}/ranking`,
    {
      config: READ,
      schema: {
        summary: '月度超标车辆溯源排放检验机构排名（并列同名次，同名次按机构编号排序）',
        tags,
        querystring: MonthQuery,
        response: { 200: RankingOut, ...errors },
      },
    },
    async (req) => monthlyRanking(db, config, req.query.month),
  );
  const issuedDay = () => new Date(clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  r.get(
    `${BASE}/ranking/notice.pdf`,
    {
      config: READ,
      schema: {
        summary: '月度溯源通报（PDF，点名前 3 名检验机构）',
        tags,
        querystring: MonthQuery,
      },
    },
    async (req, reply) => {
      const ranking = await monthlyRanking(db, config, req.query.month);
      const pdf = await stationNoticePdf(ranking, await cityName(db), issuedDay());
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`检验机构溯源通报-${req.query.month}.pdf`)}`,
        )
        .send(pdf);
    },
  );
  r.get(
    `${BASE}/ranking/notice.xlsx`,
    {
      config: READ,
      schema: {
        summary: '月度溯源通报（Excel：通报、排名、溯源明细）',
        tags,
        querystring: MonthQuery,
      },
    },
    async (req, reply) => {
      const ranking = await monthlyRanking(db, config, req.query.month);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`检验机构溯源通报-${req.query.month}.xlsx`)}`,
        )
        .send(await stationNoticeXlsx(ranking, await cityName(db)));
    },
  );
}
