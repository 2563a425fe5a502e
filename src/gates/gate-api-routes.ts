/**
 * The gate-facing API (/api/gate-api/…, docs/mobile-sources.md): declared public to the access
 * hook and verified here by the gate's own credential (`Authorization: Bearer ltg_…`). Passages
 * come as multipart (field `record` + files `photo_<kind>`) or as JSON referring to photos
 * uploaded before. Bounded: photo size and count, whole request size, refused credentials per
 * address and minute.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import { gateBlacklist, gateBlacklistVersion, gateRules, heartbeat } from './gate-api-service.ts';
import {
  authenticateGate,
  type AuthenticGate,
  type GateFailureLimiter,
} from './gate-credential.ts';
import {
  receivePassage,
  receivePhoto,
  type GateApiDeps,
  type IncomingPhoto,
} from './passage-service.ts';
import {
  GateBlacklist,
  GateRules,
  HeartbeatAnswer,
  PassageAnswer,
  PHOTO_KINDS,
  PhotoAnswer,
  type PhotoKind,
} from './schema.ts';

/** What the gate-facing routes are built from. */
export interface GateApiRouteDeps extends GateApiDeps {
  limiter: GateFailureLimiter;
}

const TAGS = ['门禁接口（门禁设备调用）'];
const PUBLIC = { access: { roles: 'public' as const } };
const GateQuery = z.object({ gate: z.coerce.number().int().positive().optional() });
const ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  429: ErrorBody,
};

const gateOf = (
  deps: GateApiRouteDeps,
  req: FastifyRequest,
  claimed?: number,
): Promise<AuthenticGate> =>
  authenticateGate(
    deps.db,
    deps.limiter,
    { authorization: req.headers.authorization, ip: req.ip, claimedGateId: claimed },
    deps.clock.now(),
  );

/** The multipart errors of the parser as catalogue errors. */
function multipartError(e: unknown, deps: GateApiRouteDeps): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new LantianError(
      'LT_ERR_GATE_PHOTO_TOO_LARGE',
      `单张照片上限 ${deps.config.maxPhotoBytes} 字节`,
    );
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new LantianError(
      'LT_ERR_GATE_PHOTO_TOO_LARGE',
      `每次至多 ${deps.config.maxPhotos} 张照片`,
    );
  return e;
}

/** The record and photos of a multipart passage, the whole request bounded. */
async function readMultipart(
  req: FastifyRequest,
  deps: GateApiRouteDeps,
): Promise<{ record: unknown; files: IncomingPhoto[] }> {
  let record: unknown = undefined;
  const files: IncomingPhoto[] = [];
  let total = 0;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== 'record') continue;
        try {
          record = JSON.parse(String(part.value));
        } catch {
          throw new LantianError('LT_ERR_GATE_BAD_RECORD', 'record 不是合法的 JSON');
        }
        continue;
      }
      const kind = part.fieldname.replace(/^photo_/, '') as PhotoKind;
      if (!part.fieldname.startsWith('photo_') || !PHOTO_KINDS.includes(kind)) {
        await part.toBuffer().catch(() => undefined);
        throw new LantianError('LT_ERR_GATE_PHOTO_TYPE', `未知的文件字段 ${part.fieldname}`);
      }
      const data = await part.toBuffer();
      total += data.length;
      if (total > deps.config.maxRequestBytes)
        throw new LantianError(
          'LT_ERR_GATE_PHOTO_TOO_LARGE',
          `整个请求上限 ${deps.config.maxRequestBytes} 字节`,
        );
      files.push({ kind, data });
    }
  } catch (e) {
    throw multipartError(e, deps);
  }
  if (record === undefined) throw new LantianError('LT_ERR_GATE_BAD_RECORD', '缺少 record 字段');
  return { record, files };
}

/** Registers /api/gate-api/… in a scope of its own with multipart parsing. */
export async function registerGateApiRoutes(
  app: FastifyInstance,
  deps: GateApiRouteDeps,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: deps.config.maxPhotoBytes,
        files: deps.config.maxPhotos,
        fields: 2,
        fieldSize: 64 * 1024,
        parts: deps.config.maxPhotos + 2,
      },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/gate-api/passages',
      {
        config: PUBLIC,
        bodyLimit: deps.config.maxRequestBytes,
        schema: {
          summary:
            '门禁上报一条通行记录：multipart（record 字段为 JSON，照片文件 photo_body/photo_front/photo_plate/photo_list/photo_licence/photo_manual），或 application/json（记录本身，photos 引用已上传照片）。同一 recordId 重复上报返回同一 passageId',
          tags: TAGS,
          consumes: ['multipart/form-data', 'application/json'],
          querystring: GateQuery,
          response: { 200: PassageAnswer, ...ERRORS },
        },
      },
      async (req) => {
        const gate = await gateOf(deps, req, req.query.gate);
        if (req.isMultipart()) {
          const { record, files } = await readMultipart(req, deps);
          return receivePassage(deps, gate, record, files);
        }
        return receivePassage(deps, gate, req.body, []);
      },
    );

    r.post(
      '/api/gate-api/photos',
      {
        config: PUBLIC,
        schema: {
          summary: '门禁预先上传一张照片（multipart，文件字段 photo），返回 sha256 供通行记录引用',
          tags: TAGS,
          consumes: ['multipart/form-data'],
          querystring: GateQuery,
          response: { 200: PhotoAnswer, ...ERRORS },
        },
      },
      async (req) => {
        const gate = await gateOf(deps, req, req.query.gate);
        if (!req.isMultipart())
          throw new LantianError('LT_ERR_GATE_BAD_RECORD', '请以 multipart/form-data 上传 photo');
        let data: Buffer | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type !== 'file') continue;
            if (part.fieldname !== 'photo' || data) {
              await part.toBuffer().catch(() => undefined);
              throw new LantianError('LT_ERR_GATE_PHOTO_TYPE', `未知的文件字段 ${part.fieldname}`);
            }
            data = await part.toBuffer();
          }
        } catch (e) {
          throw multipartError(e, deps);
        }
        if (!data) throw new LantianError('LT_ERR_GATE_BAD_RECORD', '缺少 photo 文件');
        return receivePhoto(deps, gate, data);
      },
    );

    r.post(
      '/api/gate-api/heartbeat',
      {
        config: PUBLIC,
        schema: {
          summary: '门禁心跳（更新最后联系时间）',
          tags: TAGS,
          querystring: GateQuery,
          response: { 200: HeartbeatAnswer, ...ERRORS },
        },
      },
      async (req) => heartbeat(deps.db, await gateOf(deps, req, req.query.gate), deps.clock.now()),
    );

    r.get(
      '/api/gate-api/blacklist',
      {
        config: PUBLIC,
        schema: {
          summary: '门禁拉取黑名单（ETag 为版本号；If-None-Match 相同时返回 304）',
          tags: TAGS,
          querystring: GateQuery,
          response: { 200: GateBlacklist, 304: z.null(), ...ERRORS },
        },
      },
      async (req, reply) => {
        await gateOf(deps, req, req.query.gate);
        reply.header('cache-control', 'no-cache');
        const etagOf = (v: number): string => `"${v}"`;
        const current = etagOf(await gateBlacklistVersion(deps.db));
        if (req.headers['if-none-match'] === current)
          return reply.header('etag', current).code(304).send(null);
        // The list carries its own version (read before its entries, gate-api-service.ts).
        const list = await gateBlacklist(deps.db);
        reply.header('etag', etagOf(list.version));
        return list;
      },
    );

    r.get(
      '/api/gate-api/rules',
      {
        config: PUBLIC,
        schema: {
          summary: '门禁获取当前适用的运能设置（按本企业与当前预警级别）',
          tags: TAGS,
          querystring: GateQuery,
          response: { 200: GateRules, ...ERRORS },
        },
      },
      async (req) =>
        gateRules(deps.db, deps.config, await gateOf(deps, req, req.query.gate), deps.clock.now()),
    );
  });
}
