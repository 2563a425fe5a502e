/**
 * HTTP routes of non-road mobile machinery (/api/machinery/…, docs/mobile-sources.md): registrations
 * with their photos, import and export; sites and low-emission zones with the zone verdict at a
 * position; field checks (multipart: a `data` JSON field and photos) and the county violation
 * list. Registered in a plugin scope of their own with multipart parsing bounded by the settings.
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
import {
  changeViolation,
  inspectionView,
  recordInspection,
  violationList,
} from './inspection-service.ts';
import { machinesCsv, machinesXlsx } from './machine-export.ts';
import { readMachineFile } from './machine-files.ts';
import { importMachines } from './machine-import-service.ts';
import {
  addMachinePhotos,
  changeMachine,
  createMachine,
  machineByCode,
  machineById,
  machineList,
  photoContent,
  removeMachine,
} from './machine-service.ts';
import type { MachineryConfig } from './machinery-config.ts';
import type { UploadedPhoto } from './photo-store.ts';
import {
  changeZone,
  createSite,
  createZone,
  siteList,
  verdictAt,
  zoneList,
} from './place-service.ts';
import {
  CodeParams,
  ExportQuery,
  IdParams,
  ImportOut,
  InspectionData,
  InspectionOut,
  MachineBody,
  MachineOut,
  MachinesOut,
  MachinesQuery,
  PhotoKindQuery,
  PhotosOut,
  SiteBody,
  SiteOut,
  SitesOut,
  VerdictOut,
  VerdictQuery,
  ViolationOut,
  ViolationPatch,
  ViolationsOut,
  ViolationsQuery,
  ZoneBody,
  ZoneOut,
  ZonesOut,
} from './schema.ts';

/** What the machinery routes need. */
export interface MachineryRouteDeps {
  db: Db;
  clock: Clock;
  config: MachineryConfig;
  blobs: BlobStore;
  /** Upload size and workbook limits of the import (the key-task sheets' settings). */
  sheets: TasksConfig;
}

const tags = ['非道路移动机械'];
const ROLES: readonly Role[] = ['city-admin', 'department', 'county'];
const ACCESS = { access: { roles: ROLES } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const uploadErrors = { ...errors, 413: ErrorBody, 415: ErrorBody };
const BASE = '/api/machinery';

const attachment = (name: string): string =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** The `data` field and the photos of a multipart request. */
async function readParts(
  req: FastifyRequest,
  cfg: MachineryConfig,
): Promise<{ data: string; files: UploadedPhoto[] }> {
  if (!req.isMultipart())
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      '请以 multipart/form-data 提交（data 字段与照片）',
    );
  let data = '';
  const files: UploadedPhoto[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'data') data = String(part.value);
        continue;
      }
      if (part.filename.includes('\0'))
        throw new LantianError('LT_ERR_NUL_CHARACTER', '上传文件名');
      files.push({ filename: part.filename, data: await part.toBuffer() });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `超过 ${cfg.maxPhotoBytes} 字节`, {
        maxBytes: cfg.maxPhotoBytes,
      });
    if (code === 'FST_FILES_LIMIT')
      throw new LantianError('LT_ERR_MACHINERY_PHOTO_COUNT', `上限 ${cfg.maxPhotos} 张`);
    throw e;
  }
  return { data, files };
}

/** The check data of the `data` field (JSON), checked by the schema. */
function inspectionData(text: string): z.output<typeof InspectionData> {
  let raw: unknown;
  try {
    raw = JSON.parse(text || 'null');
  } catch {
    throw new LantianError('LT_ERR_BAD_REQUEST', 'data 字段不是 JSON');
  }
  const r = InspectionData.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError(
      'LT_ERR_MACHINERY_BAD_POSITION',
      `${i.path.join('.') || 'data'}：${i.message}`,
    );
  }
  return r.data;
}

/** Registers /api/machinery/… in a scope of its own. */
export async function registerMachineryRoutes(
  app: FastifyInstance,
  deps: MachineryRouteDeps,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: Math.max(deps.config.maxPhotoBytes, deps.sheets.maxSheetBytes),
        files: deps.config.maxPhotos,
        fields: 4,
        fieldSize: 16_384,
      },
    });
    registerMachines(scope, deps);
    registerFiles(scope, deps);
    registerPlaces(scope, deps);
    registerChecks(scope, deps);
  });
}

function registerMachines(
  app: FastifyInstance,
  { db, clock, config, blobs }: MachineryRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${BASE}/machines`,
    {
      config: ACCESS,
      schema: {
        summary: '已登记的非道路移动机械（区县只看本辖区）',
        tags,
        querystring: MachinesQuery,
        response: { 200: MachinesOut, ...errors },
      },
    },
    async (req) => machineList(db, requirePrincipal(req), req.query),
  );
  r.post(
    `${BASE}/machines`,
    {
      config: ACCESS,
      schema: {
        summary: '编码登记一台机械（不填登记编码时由蓝天发放）',
        tags,
        body: MachineBody,
        response: { 201: MachineOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createMachine(db, clock, requirePrincipal(req), actorOf(req), req.body)),
  );
  r.get(
    `${BASE}/machines/by-code/:code`,
    {
      config: ACCESS,
      schema: {
        summary: '按登记编码查机械（现场扫码或输入）',
        tags,
        params: CodeParams,
        response: { 200: MachineOut, ...errors },
      },
    },
    async (req) => machineByCode(db, requirePrincipal(req), req.params.code),
  );
  r.get(
    `${BASE}/machines/:id`,
    {
      config: ACCESS,
      schema: {
        summary: '一台机械',
        tags,
        params: IdParams,
        response: { 200: MachineOut, ...errors },
      },
    },
    async (req) => machineById(db, requirePrincipal(req), req.params.id),
  );
  r.put(
    `${BASE}/machines/:id`,
    {
      config: ACCESS,
      schema: {
        summary: '修改登记信息（登记编码不变）',
        tags,
        params: IdParams,
        body: MachineBody,
        response: { 200: MachineOut, ...errors },
      },
    },
    async (req) =>
      changeMachine(db, clock, requirePrincipal(req), actorOf(req), req.params.id, req.body),
  );
  r.delete(
    `${BASE}/machines/:id`,
    {
      config: ACCESS,
      schema: {
        summary: '注销登记',
        tags,
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeMachine(db, clock, requirePrincipal(req), actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    `${BASE}/machines/:id/photos`,
    {
      config: ACCESS,
      schema: {
        summary: '上传铭牌等照片（multipart；只收图片，按内容识别，限制大小和张数）',
        tags,
        params: IdParams,
        querystring: PhotoKindQuery,
        consumes: ['multipart/form-data'],
        response: { 200: PhotosOut, ...uploadErrors },
      },
    },
    async (req) => {
      const { files } = await readParts(req, config);
      return addMachinePhotos(
        db,
        clock,
        config,
        blobs,
        requirePrincipal(req),
        actorOf(req),
        req.params.id,
        req.query.kind,
        files,
      );
    },
  );
  r.get(
    `${BASE}/photos/:id`,
    {
      config: ACCESS,
      schema: { summary: '照片（机械或检查记录可见时）', tags, params: IdParams },
    },
    async (req, reply) => {
      const p = await photoContent(db, blobs, requirePrincipal(req), req.params.id);
      return reply
        .type(p.mediaType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(p.filename)}`)
        .send(p.data);
    },
  );
}

function registerFiles(app: FastifyInstance, { db, clock, sheets }: MachineryRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    `${BASE}/machines/import`,
    {
      config: ACCESS,
      schema: {
        summary: '导入已有登记（Excel 或 CSV）；有任何一行不符则全部不导入，并列出行号',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: ImportOut, ...uploadErrors },
      },
    },
    async (req) => {
      const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
      const table = await readMachineFile(filename, data, sheets);
      return importMachines(db, clock, requirePrincipal(req), actorOf(req), filename, table);
    },
  );
  r.get(
    `${BASE}/machines/export`,
    {
      config: ACCESS,
      schema: { summary: '导出登记（与导入同列；只含可见的机械）', tags, querystring: ExportQuery },
    },
    async (req, reply) => {
      const { items } = await machineList(db, requirePrincipal(req), {});
      if (req.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment('非道路移动机械.csv'))
          .send(machinesCsv(items));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment('非道路移动机械.xlsx'))
        .send(await machinesXlsx(items));
    },
  );
}

function registerPlaces(app: FastifyInstance, { db, clock, config }: MachineryRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${BASE}/zones`,
    {
      config: ACCESS,
      schema: {
        summary: '禁止使用高排放非道路移动机械区域（GeoJSON 与规则）',
        tags,
        response: { 200: ZonesOut, ...errors },
      },
    },
    async () => zoneList(db),
  );
  r.post(
    `${BASE}/zones`,
    {
      config: { access: { roles: ['city-admin', 'department'] } },
      schema: {
        summary: '新增低排放区',
        tags,
        body: ZoneBody,
        response: { 201: ZoneOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createZone(db, clock, config, requirePrincipal(req), actorOf(req), req.body)),
  );
  r.put(
    `${BASE}/zones/:id`,
    {
      config: { access: { roles: ['city-admin', 'department'] } },
      schema: {
        summary: '修改低排放区的边界与规则',
        tags,
        params: IdParams,
        body: ZoneBody,
        response: { 200: ZoneOut, ...errors },
      },
    },
    async (req) =>
      changeZone(db, clock, config, requirePrincipal(req), actorOf(req), req.params.id, req.body),
  );
  r.get(
    `${BASE}/sites`,
    {
      config: ACCESS,
      schema: {
        summary: '场所（工地、厂区）及其所在低排放区',
        tags,
        response: { 200: SitesOut, ...errors },
      },
    },
    async (req) => siteList(db, requirePrincipal(req)),
  );
  r.post(
    `${BASE}/sites`,
    {
      config: ACCESS,
      schema: { summary: '登记场所', tags, body: SiteBody, response: { 201: SiteOut, ...errors } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createSite(db, clock, requirePrincipal(req), actorOf(req), req.body)),
  );
  r.get(
    `${BASE}/verdict`,
    {
      config: ACCESS,
      schema: {
        summary: '某位置（WGS-84）上机械能否作业：所在低排放区与禁用原因',
        tags,
        querystring: VerdictQuery,
        response: { 200: VerdictOut, ...errors },
      },
    },
    async (req) => verdictAt(db, req.query),
  );
}

function registerChecks(
  app: FastifyInstance,
  { db, clock, config, blobs }: MachineryRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    `${BASE}/inspections`,
    {
      config: ACCESS,
      schema: {
        summary:
          '记录现场检查（multipart：data 字段为 JSON，另附现场照片）；发现的违规进入区县违规清单',
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: InspectionOut, ...uploadErrors },
      },
    },
    async (req, reply) => {
      const { data, files } = await readParts(req, config);
      const d = inspectionData(data);
      const out = await recordInspection(
        db,
        clock,
        config,
        blobs,
        requirePrincipal(req),
        actorOf(req),
        d,
        files,
      );
      return reply.code(201).send(out);
    },
  );
  r.get(
    `${BASE}/inspections/:id`,
    {
      config: ACCESS,
      schema: {
        summary: '一次现场检查',
        tags,
        params: IdParams,
        response: { 200: InspectionOut, ...errors },
      },
    },
    async (req) => inspectionView(db, requirePrincipal(req), req.params.id),
  );
  r.get(
    `${BASE}/violations`,
    {
      config: ACCESS,
      schema: {
        summary: '违规清单（区县只看本辖区），附各状态数量',
        tags,
        querystring: ViolationsQuery,
        response: { 200: ViolationsOut, ...errors },
      },
    },
    async (req) => violationList(db, requirePrincipal(req), req.query),
  );
  r.patch(
    `${BASE}/violations/:id`,
    {
      config: ACCESS,
      schema: {
        summary: '变更违规状态（待处理 → 已整改 → 已结案），须填写说明',
        tags,
        params: IdParams,
        body: ViolationPatch,
        response: { 200: ViolationOut, ...errors },
      },
    },
    async (req) =>
      changeViolation(db, clock, requirePrincipal(req), actorOf(req), req.params.id, req.body),
  );
}
