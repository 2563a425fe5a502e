/**
 * HTTP routes of LDAR (泄漏检测与修复): an enterprise's survey rounds, the city list, and the table
 * in and out as Excel or CSV. Registered in a plugin scope of their own with multipart uploads.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Db } from '../../store/db.ts';
import { readUploadedFile } from '../../tasks/http/route-support.ts';
import type { TasksConfig } from '../../tasks/task-config.ts';
import { importLdar } from './ldar-import-service.ts';
import {
  changeRound,
  createRound,
  enterpriseLdar,
  ldarList,
  removeRound,
  visibleRounds,
} from './ldar-service.ts';
import { ldarCsv, ldarXlsx } from './ldar-sheet.ts';
import {
  EnterpriseLdarOut,
  ExportQuery,
  LdarEnterpriseParams,
  LdarImportOut,
  LdarListOut,
  RoundBody,
  RoundOut,
  RoundParams,
  RoundPatchBody,
  YearQuery,
} from './schema.ts';

/** What the LDAR routes need: the store, the clock and the sheet-reading limits of tasks. */
export interface LdarRouteDeps {
  db: Db;
  clock: Clock;
  sheets: TasksConfig;
}

const tags = ['污染源：LDAR'];
const READ = { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } } as const;
const WRITE = { access: { roles: ['city-admin', 'department', 'enterprise'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ONE = '/api/sources/enterprises/:code/ldar';

/** Registers the LDAR routes. */
export async function registerLdarRoutes(app: FastifyInstance, deps: LdarRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.sheets.maxSheetBytes, files: 1 } });
    registerRoundRoutes(scope, deps);
    registerTableRoutes(scope, deps);
  });
}

function registerRoundRoutes(app: FastifyInstance, { db, clock }: LdarRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    ONE,
    {
      config: READ,
      schema: {
        summary: '企业的 LDAR 检测轮次及修复率',
        tags,
        params: LdarEnterpriseParams,
        querystring: YearQuery,
        response: { 200: EnterpriseLdarOut, ...errors },
      },
    },
    async (req) => enterpriseLdar(db, requirePrincipal(req), req.params.code, req.query.year),
  );
  r.post(
    ONE,
    {
      config: WRITE,
      schema: {
        summary: '填报一轮 LDAR 检测（企业填报本企业）',
        tags,
        params: LdarEnterpriseParams,
        body: RoundBody,
        response: { 201: RoundOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await createRound(
            db,
            clock,
            requirePrincipal(req),
            actorOf(req),
            req.params.code,
            req.body,
          ),
        ),
  );
  r.patch(
    `${ONE}/:year/:round`,
    {
      config: WRITE,
      schema: {
        summary: '修改一轮 LDAR 检测（只改给出的字段）',
        tags,
        params: RoundParams,
        body: RoundPatchBody,
        response: { 200: RoundOut, ...errors },
      },
    },
    async (req) =>
      changeRound(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.year,
        req.params.round,
        req.body,
      ),
  );
  r.delete(
    `${ONE}/:year/:round`,
    {
      config: WRITE,
      schema: {
        summary: '删除一轮 LDAR 检测',
        tags,
        params: RoundParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeRound(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.year,
        req.params.round,
      );
      return reply.code(204).send(null);
    },
  );
}

function registerTableRoutes(app: FastifyInstance, { db, clock, sheets }: LdarRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/sources/ldar',
    {
      config: READ,
      schema: {
        summary: 'LDAR 企业清单：各企业检测轮次汇总与修复率（按权限范围）',
        tags,
        querystring: YearQuery,
        response: { 200: LdarListOut, ...errors },
      },
    },
    async (req) => ldarList(db, requirePrincipal(req), req.query.year),
  );
  r.get(
    '/api/sources/ldar/export',
    {
      config: READ,
      schema: { summary: '导出 LDAR 检测轮次（Excel 或 CSV）', tags, querystring: ExportQuery },
    },
    async (req, reply) => {
      const rows = await visibleRounds(db, requirePrincipal(req), req.query.year);
      const name = `LDAR${req.query.year ? `-${req.query.year}` : ''}.${req.query.format}`;
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      if (req.query.format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(ldarCsv(rows));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await ldarXlsx(rows));
    },
  );
  r.post(
    '/api/sources/ldar/import',
    {
      config: WRITE,
      schema: {
        summary: '导入 LDAR 检测轮次（Excel 或 CSV）；有任何一行不符则全部不导入，并列出行号',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: LdarImportOut, 413: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
      return importLdar(db, clock, sheets, p, actorOf(req), filename, data);
    },
  );
}
