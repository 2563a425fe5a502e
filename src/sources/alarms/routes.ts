/**
 * HTTP routes of the alarms on pollution sources (/api/sources/alarms…), in a plugin scope of
 * their own with multipart parsing for evidence files. Who may call a route is declared here;
 * whose alarm it is, is the services' business (alarm-scope.ts).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Role } from '../../http/route-access.ts';
import type { Db } from '../../store/db.ts';
import type { AlarmsConfig } from './alarm-config.ts';
import {
  acknowledgeAlarm,
  closeAlarm,
  explainAlarm,
  type EvidenceFile,
} from './alarm-lifecycle-service.ts';
import { alarmDetail, alarmInbox, readEvidence } from './alarm-read-service.ts';
import type { AlarmActor } from './alarm-scope.ts';
import {
  AckBody,
  AlarmDetail,
  AlarmList,
  AlarmParams,
  AlarmQuery,
  alarmErrors,
  CloseBody,
  EvidenceParams,
} from './schema.ts';

/** What the alarm routes are built from. */
export interface AlarmRouteDeps {
  db: Db;
  clock: Clock;
  config: AlarmsConfig;
  blobs: BlobStore;
}

const READERS: readonly Role[] = ['department', 'county', 'enterprise'];
const HANDLERS: readonly Role[] = ['county', 'enterprise'];
const CLOSERS: readonly Role[] = ['county'];
const TAGS = ['污染源告警'];

const actor = (req: FastifyRequest): AlarmActor => ({
  principal: requirePrincipal(req),
  ctx: actorOf(req),
});

/** The explanation's text and files of a multipart request, bounded by the settings. */
async function readExplanation(
  req: FastifyRequest,
  cfg: AlarmsConfig,
): Promise<{ text: string; files: EvidenceFile[] }> {
  if (!req.isMultipart())
    throw new LantianError('LT_ERR_BAD_REQUEST', '请以 multipart/form-data 提交说明和证明材料');
  let text = '';
  const files: EvidenceFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'text') text = String(part.value).trim();
        continue;
      }
      if (part.filename.includes('\0'))
        throw new LantianError('LT_ERR_NUL_CHARACTER', '上传文件名');
      files.push({ filename: part.filename, data: await part.toBuffer() });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `超过 ${cfg.maxEvidenceBytes} 字节`, {
        maxBytes: cfg.maxEvidenceBytes,
      });
    if (code === 'FST_FILES_LIMIT')
      throw new LantianError('LT_ERR_ALARM_EVIDENCE_COUNT', `上限 ${cfg.maxEvidenceFiles} 个`);
    throw e;
  }
  if (text.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', '说明');
  if (text.length === 0 || text.length > 2000)
    throw new LantianError('LT_ERR_BAD_REQUEST', '说明（text）须为 1–2000 个字符');
  return { text, files };
}

/** Registers /api/sources/alarms… in a scope of its own. */
export async function registerAlarmRoutes(
  app: FastifyInstance,
  deps: AlarmRouteDeps,
): Promise<void> {
  const { db, clock, config, blobs } = deps;
  await app.register(async (scope) => {
    await scope.register(multipart, {
      preservePath: true,
      limits: {
        fileSize: config.maxEvidenceBytes,
        files: config.maxEvidenceFiles,
        fields: 4,
        fieldSize: 16_384,
      },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/sources/alarms',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '告警列表（按状态、类型、县区、企业筛选），附各县区告警数',
          tags: TAGS,
          querystring: AlarmQuery,
          response: { 200: AlarmList, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req) => alarmInbox(db, requirePrincipal(req), req.query),
    );

    r.get(
      '/api/sources/alarms/:id',
      {
        config: { access: { roles: READERS } },
        schema: {
          summary: '告警详情及处理过程',
          tags: TAGS,
          params: AlarmParams,
          response: { 200: AlarmDetail, ...alarmErrors },
        },
      },
      async (req) => alarmDetail(db, requirePrincipal(req), req.params.id),
    );

    r.get(
      '/api/sources/alarms/:id/evidence/:evidenceId',
      {
        config: { access: { roles: READERS } },
        schema: { summary: '下载告警的证明材料', tags: TAGS, params: EvidenceParams },
      },
      async (req, reply) => {
        const { evidence, data } = await readEvidence(
          db,
          blobs,
          requirePrincipal(req),
          req.params.id,
          req.params.evidenceId,
        );
        return reply
          .type(evidence.mediaType)
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(evidence.filename)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .send(data);
      },
    );

    r.post(
      '/api/sources/alarms/:id/acknowledge',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary: '确认告警（企业、县区或市大气办）',
          tags: TAGS,
          params: AlarmParams,
          body: AckBody,
          response: { 200: AlarmDetail, ...alarmErrors },
        },
      },
      async (req) => {
        await acknowledgeAlarm(db, clock, actor(req), req.params.id, req.body.text);
        return alarmDetail(db, requirePrincipal(req), req.params.id);
      },
    );

    r.post(
      '/api/sources/alarms/:id/explain',
      {
        config: { access: { roles: HANDLERS } },
        schema: {
          summary:
            '提交情况说明和证明材料（multipart：text 字段与若干文件；按内容识别类型，限制大小和个数）',
          tags: TAGS,
          params: AlarmParams,
          consumes: ['multipart/form-data'],
          response: { 200: AlarmDetail, 413: ErrorBody, 415: ErrorBody, ...alarmErrors },
        },
      },
      async (req) => {
        const { text, files } = await readExplanation(req, config);
        await explainAlarm(db, clock, config, blobs, actor(req), req.params.id, text, files);
        return alarmDetail(db, requirePrincipal(req), req.params.id);
      },
    );

    r.post(
      '/api/sources/alarms/:id/close',
      {
        config: { access: { roles: CLOSERS } },
        schema: {
          summary: '关闭告警并说明原因（县区或市大气办；企业不能关闭）',
          tags: TAGS,
          params: AlarmParams,
          body: CloseBody,
          response: { 200: AlarmDetail, ...alarmErrors },
        },
      },
      async (req) => {
        await closeAlarm(db, clock, actor(req), req.params.id, req.body.reason, req.body.text);
        return alarmDetail(db, requirePrincipal(req), req.params.id);
      },
    );
  });
}
