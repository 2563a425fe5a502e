/**
 * HTTP routes of the enterprise registry: /api/sources/enterprises with lines, facilities,
 * outlets and limit overrides, the code lists, and the registry's import and export
 * (docs/sources.md, Registry). Who may write and which enterprise a caller may read is the
 * services' business (registry-access.ts, enterprise-scope.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Db } from '../../store/db.ts';
import {
  CATEGORIES,
  FACILITY_KINDS,
  GRADE_EDITIONS,
  GRADES,
  OUTLET_KINDS,
} from '../rules/registry-codes.ts';
import {
  createEnterprise,
  enterpriseDetail,
  enterprisePage,
  patchEnterprise,
} from './enterprise-service.ts';
import { industries } from './industry-list.ts';
import { createOutlet, patchOutlet, removeOutletLimit, setOutletLimit } from './outlet-service.ts';
import { saveFacility, saveLine } from './parts-service.ts';
import {
  CodeParams,
  EnterpriseCreateBody,
  EnterpriseDetail,
  EnterprisePage,
  EnterprisePatchBody,
  EnterpriseQuery,
  FacilityBody,
  FacilityParams,
  FacilityPatchBody,
  LimitBody,
  LimitParams,
  LineBody,
  LineParams,
  LinePatchBody,
  OutletBody,
  OutletOut,
  OutletParams,
  OutletPatchBody,
} from './schema.ts';

const tags = ['污染源'];
const READ = { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } } as const;
const WRITE = { access: { roles: ['city-admin', 'department'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** What the registry routes are built from. */
export interface RegistryRouteDeps {
  db: Db;
  clock: Clock;
}

const CodeList = z.array(z.object({ code: z.string(), name: z.string() }));
const listOf = (o: Readonly<Record<string, string>>) =>
  Object.entries(o).map(([code, name]) => ({ code, name }));

/** Registers /api/sources/enterprises… and /api/sources/registry/…. */
export function registerRegistryRoutes(
  app: FastifyInstance,
  { db, clock }: RegistryRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/sources/registry/codes',
    {
      config: READ,
      schema: {
        summary: '企业名录代码表：行业、管控类别、绩效等级、分级依据版本、治污设施与排放口类型',
        tags,
        response: {
          200: z.object({
            industries: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                guide: z.number().nullable(),
                verified: z.boolean(),
              }),
            ),
            categories: CodeList,
            grades: CodeList,
            gradeEditions: CodeList,
            facilityKinds: CodeList,
            outletKinds: CodeList,
          }),
        },
      },
    },
    async () => ({
      industries: industries(),
      categories: listOf(CATEGORIES),
      grades: listOf(GRADES),
      gradeEditions: listOf(GRADE_EDITIONS),
      facilityKinds: listOf(FACILITY_KINDS),
      outletKinds: listOf(OUTLET_KINDS),
    }),
  );

  r.get(
    '/api/sources/enterprises',
    {
      config: READ,
      schema: {
        summary: '企业列表（县区只见本县，企业只见本企业）',
        tags,
        querystring: EnterpriseQuery,
        response: { 200: EnterprisePage },
      },
    },
    async (req) => enterprisePage(db, requirePrincipal(req), req.query),
  );

  r.post(
    '/api/sources/enterprises',
    {
      config: WRITE,
      schema: {
        summary: '登记企业',
        tags,
        body: EnterpriseCreateBody,
        response: { 201: EnterpriseDetail, ...errors },
      },
    },
    async (req, reply) => {
      const e = await createEnterprise(db, clock, requirePrincipal(req), actorOf(req), req.body);
      return reply.code(201).send(e);
    },
  );

  r.get(
    '/api/sources/enterprises/:code',
    {
      config: READ,
      schema: {
        summary: '企业详情：生产线、治污设施、排放口（含设备 MN 与限值）',
        tags,
        params: CodeParams,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (req) => enterpriseDetail(db, requirePrincipal(req), req.params.code),
  );

  r.patch(
    '/api/sources/enterprises/:code',
    {
      config: WRITE,
      schema: {
        summary: '修改企业登记（只改给出的字段）',
        tags,
        params: CodeParams,
        body: EnterprisePatchBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (req) =>
      patchEnterprise(db, clock, requirePrincipal(req), actorOf(req), req.params.code, req.body),
  );

  r.post(
    '/api/sources/enterprises/:code/lines',
    {
      config: WRITE,
      schema: {
        summary: '登记生产线',
        tags,
        params: CodeParams,
        body: LineBody,
        response: { 201: EnterpriseDetail, ...errors },
      },
    },
    async (req, reply) => {
      const { code, ...input } = req.body;
      const e = await saveLine(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        code,
        input,
        true,
      );
      return reply.code(201).send(e);
    },
  );

  r.patch(
    '/api/sources/enterprises/:code/lines/:line',
    {
      config: WRITE,
      schema: {
        summary: '修改生产线',
        tags,
        params: LineParams,
        body: LinePatchBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (req) =>
      saveLine(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.line,
        req.body,
        false,
      ),
  );

  r.post(
    '/api/sources/enterprises/:code/facilities',
    {
      config: WRITE,
      schema: {
        summary: '登记治污设施',
        tags,
        params: CodeParams,
        body: FacilityBody,
        response: { 201: EnterpriseDetail, ...errors },
      },
    },
    async (req, reply) => {
      const { code, ...input } = req.body;
      const e = await saveFacility(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        code,
        input,
        true,
      );
      return reply.code(201).send(e);
    },
  );

  r.patch(
    '/api/sources/enterprises/:code/facilities/:facility',
    {
      config: WRITE,
      schema: {
        summary: '修改治污设施',
        tags,
        params: FacilityParams,
        body: FacilityPatchBody,
        response: { 200: EnterpriseDetail, ...errors },
      },
    },
    async (req) =>
      saveFacility(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.facility,
        req.body,
        false,
      ),
  );

  r.post(
    '/api/sources/enterprises/:code/outlets',
    {
      config: WRITE,
      schema: {
        summary: '登记排放口（同编码、未归属企业的排放口被挂接，保留其编号、设备和数据）',
        tags,
        params: CodeParams,
        body: OutletBody,
        response: { 201: OutletOut, ...errors },
      },
    },
    async (req, reply) => {
      const o = await createOutlet(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.body,
      );
      return reply.code(201).send(o);
    },
  );

  r.patch(
    '/api/sources/enterprises/:code/outlets/:outlet',
    {
      config: WRITE,
      schema: {
        summary: '修改排放口（只改给出的字段；给出 limits 时替换全部限值）',
        tags,
        params: OutletParams,
        body: OutletPatchBody,
        response: { 200: OutletOut, ...errors },
      },
    },
    async (req) =>
      patchOutlet(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.outlet,
        req.body,
      ),
  );

  r.put(
    '/api/sources/enterprises/:code/outlets/:outlet/limits/:pollutant',
    {
      config: WRITE,
      schema: {
        summary: '设置排放口某污染物的限值（覆盖行业默认）',
        tags,
        params: LimitParams,
        body: LimitBody,
        response: { 200: OutletOut, ...errors },
      },
    },
    async (req) =>
      setOutletLimit(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.outlet,
        {
          ...req.body,
          pollutant: req.params.pollutant,
        },
      ),
  );

  r.delete(
    '/api/sources/enterprises/:code/outlets/:outlet/limits/:pollutant',
    {
      config: WRITE,
      schema: {
        summary: '删除排放口某污染物的限值（恢复行业默认）',
        tags,
        params: LimitParams,
        response: { 200: OutletOut, ...errors },
      },
    },
    async (req) =>
      removeOutletLimit(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.outlet,
        req.params.pollutant,
      ),
  );
}
