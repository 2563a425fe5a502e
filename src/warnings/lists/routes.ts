/**
 * HTTP routes of the emergency-reduction lists (docs/warnings.md, Emergency-reduction lists): the
 * measure matrix, per-enterprise overrides (一企一策) and truck counts, list generation, reading,
 * publishing with the shortfall check, and the Excel export per county.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import { regionDescendants } from '../../auth/scope.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Db } from '../../store/db.ts';
import { isListWriter } from './lists-access.ts';
import { generateList, listLists, listView, publishList } from './list-service.ts';
import { listWorkbook } from './list-export.ts';
import {
  listOverrides,
  matrixView,
  putCell,
  putOverride,
  putTransport,
  removeOverride,
} from './matrix-service.ts';
import {
  CellBody,
  CellParams,
  EnterpriseParams,
  ExportQuery,
  GenerateBody,
  ListOut,
  ListParams,
  ListsOut,
  ListsQuery,
  MatrixCellOut,
  MatrixOut,
  OverrideBody,
  OverrideOut,
  OverrideParams,
  OverridesOut,
  PublishBody,
  TransportBody,
  TransportOut,
} from './schema.ts';

/** What the list routes need: the store and the clock. */
export interface ListRouteDeps {
  db: Db;
  clock: Clock;
}

const tags = ['重污染应对：应急减排清单'];
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const WRITE = { access: { roles: ['city-admin', 'department'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const BASE = '/api/warnings/lists';

/** Registers the list routes. */
export function registerListRoutes(app: FastifyInstance, deps: ListRouteDeps): void {
  registerMatrixRoutes(app, deps);
  registerListRoutesProper(app, deps);
}

function registerMatrixRoutes(app: FastifyInstance, { db, clock }: ListRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${BASE}/matrix`,
    {
      config: READ,
      schema: {
        summary: '应急减排措施矩阵（行业 × 绩效等级 × 预警级别）及清单配置',
        tags,
        response: { 200: MatrixOut, ...errors },
      },
    },
    async () => matrixView(db),
  );
  r.put(
    `${BASE}/matrix/:industry/:grade/:level`,
    {
      config: WRITE,
      schema: {
        summary: '修改矩阵的一格（空数组清空该格）',
        tags,
        params: CellParams,
        body: CellBody,
        response: { 200: MatrixCellOut, ...errors },
      },
    },
    async (req) =>
      putCell(db, clock, requirePrincipal(req), actorOf(req), req.params, req.body.measures),
  );
  r.get(
    `${BASE}/overrides`,
    {
      config: READ,
      schema: {
        summary: '一企一策措施（区县只看本辖区企业）',
        tags,
        response: { 200: OverridesOut, ...errors },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      if (await isListWriter(db, p)) return listOverrides(db, p, () => true);
      const tree = await loadRegionTree(db);
      const own =
        p.role === 'county' && p.regionAdcode ? regionDescendants(tree, p.regionAdcode) : [];
      return listOverrides(db, p, (region) => own.includes(region));
    },
  );
  r.put(
    `${BASE}/overrides/:code/:level`,
    {
      config: WRITE,
      schema: {
        summary: '设定企业某预警级别的一企一策措施（须填写理由）',
        tags,
        params: OverrideParams,
        body: OverrideBody,
        response: { 200: OverrideOut, ...errors },
      },
    },
    async (req) =>
      putOverride(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.level,
        req.body,
      ),
  );
  r.delete(
    `${BASE}/overrides/:code/:level`,
    {
      config: WRITE,
      schema: {
        summary: '删除企业某预警级别的一企一策措施',
        tags,
        params: OverrideParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeOverride(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.level,
      );
      return reply.code(204).send(null);
    },
  );
  r.put(
    `${BASE}/transport/:code`,
    {
      config: WRITE,
      schema: {
        summary: '企业日均大宗物料运输重型货车数（决定橙色及以上的禁行措施）',
        tags,
        params: EnterpriseParams,
        body: TransportBody,
        response: { 200: TransportOut, ...errors },
      },
    },
    async (req) =>
      putTransport(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.body.trucksPerDay,
      ),
  );
}

function registerListRoutesProper(app: FastifyInstance, { db, clock }: ListRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    BASE,
    {
      config: READ,
      schema: {
        summary: '应急减排清单（按权限范围，最新在前）',
        tags,
        querystring: ListsQuery,
        response: { 200: ListsOut, ...errors },
      },
    },
    async (req) => listLists(db, requirePrincipal(req), req.query),
  );
  r.post(
    BASE,
    {
      config: WRITE,
      schema: {
        summary: '按行政区和预警级别生成清单草稿（新版本），含预计减排量与目标对比',
        tags,
        body: GenerateBody,
        response: { 201: ListOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await generateList(db, clock, requirePrincipal(req), actorOf(req), req.body)),
  );
  r.get(
    `${BASE}/:id`,
    {
      config: READ,
      schema: {
        summary: '一份清单及其企业（区县只看本辖区企业）',
        tags,
        params: ListParams,
        response: { 200: ListOut, ...errors },
      },
    },
    async (req) => listView(db, requirePrincipal(req), req.params.id),
  );
  r.post(
    `${BASE}/:id/publish`,
    {
      config: WRITE,
      schema: {
        summary: '发布清单；预计减排量未达目标时须填写理由',
        tags,
        params: ListParams,
        body: PublishBody,
        response: { 200: ListOut, ...errors },
      },
    },
    async (req) =>
      publishList(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.id,
        req.body.overrideReason,
      ),
  );
  r.get(
    `${BASE}/:id/export`,
    {
      config: READ,
      schema: {
        summary: '导出清单（Excel，每个区县一个工作表；county 只导出一个区县）',
        tags,
        params: ListParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const list = await listView(db, requirePrincipal(req), req.params.id);
      const county = req.query.county;
      const workbook = await listWorkbook(db, list, county);
      const name = `应急减排清单-${list.region}-${list.level}-v${list.version}${county ? `-${county}` : ''}.xlsx`;
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(workbook);
    },
  );
}
