/**
 * HTTP routes of CEMS hours and compliance (/api/sources/…): an outlet's hours, an enterprise's
 * month and calendar, the list of enterprises with their month, and permitted amounts. Scope is
 * the services' business (src/sources/enterprise-scope.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Db } from '../../store/db.ts';
import { cemsConfig, type CemsConfig } from './cems-config.ts';
import { cityCompliance, complianceCalendar, enterpriseCompliance } from './compliance-service.ts';
import { outletHours } from './outlet-hours-service.ts';
import { setEmissionPermit } from './permit-service.ts';
import {
  CityComplianceOut,
  ComplianceCalendarOut,
  EnterpriseComplianceOut,
  EnterpriseParams,
  HoursQuery,
  MonthQuery,
  OutletHoursOut,
  OutletParams,
  PermitBody,
  CityComplianceQuery,
} from './schema.ts';

const tags = ['污染源在线监测'];
const READ = { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } } as const;
const WRITE = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** What the CEMS routes are built from. */
export interface CemsRouteDeps {
  db: Db;
  clock: Clock;
  /** Limits and rules (default: data/sources/ultra-low-limits.json). */
  cems?: CemsConfig | undefined;
}

/** Registers the CEMS and compliance routes. */
export function registerCemsRoutes(app: FastifyInstance, deps: CemsRouteDeps): void {
  const { db, clock } = deps;
  const config = deps.cems ?? cemsConfig();
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/sources/outlets/:id/hours',
    {
      config: READ,
      schema: {
        summary: '排放口小时数据（实测、折算、限值、是否超标、是否有效）',
        tags,
        params: OutletParams,
        querystring: HoursQuery,
        response: { 200: OutletHoursOut, ...errors },
      },
    },
    async (req) =>
      outletHours(db.read, config, requirePrincipal(req), req.params.id, req.query, clock.now()),
  );

  r.get(
    '/api/sources/enterprises/:code/compliance',
    {
      config: READ,
      schema: {
        summary: '企业月度达标情况（排放口、污染物、日均值、稳定超低判定、排放量）',
        tags,
        params: EnterpriseParams,
        querystring: MonthQuery,
        response: { 200: EnterpriseComplianceOut, ...errors },
      },
    },
    async (req) =>
      enterpriseCompliance(
        db,
        config,
        requirePrincipal(req),
        req.params.code,
        req.query.month,
        clock.now(),
      ),
  );

  r.get(
    '/api/sources/enterprises/:code/compliance/calendar',
    {
      config: READ,
      schema: {
        summary: '企业达标日历（每日：达标、超标、无效）',
        tags,
        params: EnterpriseParams,
        querystring: MonthQuery,
        response: { 200: ComplianceCalendarOut, ...errors },
      },
    },
    async (req) =>
      complianceCalendar(
        db,
        config,
        requirePrincipal(req),
        req.params.code,
        req.query.month,
        clock.now(),
      ),
  );

  r.get(
    '/api/sources/compliance',
    {
      config: READ,
      schema: {
        summary: '可见企业的月度达标率与稳定超低判定',
        tags,
        querystring: CityComplianceQuery,
        response: { 200: CityComplianceOut, ...errors },
      },
    },
    async (req) => cityCompliance(db, config, requirePrincipal(req), req.query, clock.now()),
  );

  r.put(
    '/api/sources/enterprises/:code/permits',
    {
      config: WRITE,
      schema: {
        summary: '设置许可排放量（全厂或排放口，按污染物和年度）',
        tags,
        params: EnterpriseParams,
        body: PermitBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await setEmissionPermit(
        db,
        requirePrincipal(req),
        req.params.code,
        req.body,
        clock.now(),
        actorOf(req),
      );
      return reply.code(204).send(null);
    },
  );
}
