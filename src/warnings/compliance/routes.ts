/**
 * HTTP routes of the compliance checks during warning episodes: the violations list, assigning
 * and closing a violation, a manual run of the checks, and the episodes the compliance tab lists.
 * Who may call a route is declared here; whose violation or episode it is, is the services'
 * business (compliance-access.ts, violation-service.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../../audit/audit-log.ts';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import type { Role } from '../../http/route-access.ts';
import type { RunningRules } from '../../sources/power/rules/meter-state.ts';
import type { Db } from '../../store/db.ts';
import { assertWarningWriter, visibleEpisode } from './compliance-access.ts';
import type { ComplianceConfig } from './compliance-config.ts';
import { runCompliance } from './compliance-runner.ts';
import {
  AssignBody,
  CloseBody,
  ComplianceEpisodeList,
  complianceErrors,
  EpisodeParams,
  RunResult,
  ViolationList,
  ViolationOut,
  ViolationParams,
  ViolationQuery,
} from './schema.ts';
import {
  assignViolation,
  closeViolation,
  complianceEpisodes,
  violationDetail,
  violationList,
} from './violation-service.ts';

/** What the compliance routes are built from. */
export interface ComplianceRouteDeps {
  db: Db;
  clock: Clock;
  config: ComplianceConfig;
  /** Running-state rules of the power meters (src/sources/power/power-config.ts). */
  rules: RunningRules;
}

const READERS: readonly Role[] = ['department', 'county'];
const WRITERS: readonly Role[] = ['department'];
const TAGS = ['重污染应对'];

/** Registers /api/warnings/violations… and the compliance routes of an episode. */
export function registerComplianceRoutes(app: FastifyInstance, deps: ComplianceRouteDeps): void {
  const { db, clock, config, rules } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/warnings/violations',
    {
      config: { access: { roles: READERS } },
      schema: {
        summary: '预警期间违规记录（按预警过程、状态、类型、县区、企业筛选）',
        tags: TAGS,
        querystring: ViolationQuery,
        response: { 200: ViolationList, ...complianceErrors },
      },
    },
    async (req) => violationList(db, requirePrincipal(req), req.query),
  );

  r.get(
    '/api/warnings/violations/:id',
    {
      config: { access: { roles: READERS } },
      schema: {
        summary: '违规记录详情及证据',
        tags: TAGS,
        params: ViolationParams,
        response: { 200: ViolationOut, ...complianceErrors },
      },
    },
    async (req) => violationDetail(db, requirePrincipal(req), req.params.id),
  );

  r.post(
    '/api/warnings/violations/:id/assign',
    {
      config: { access: { roles: WRITERS } },
      schema: {
        summary: '将违规记录交办县区核查',
        tags: TAGS,
        params: ViolationParams,
        body: AssignBody,
        response: { 200: ViolationOut, ...complianceErrors },
      },
    },
    async (req) =>
      assignViolation(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.id,
        req.body.county,
      ),
  );

  r.post(
    '/api/warnings/violations/:id/close',
    {
      config: { access: { roles: READERS } },
      schema: {
        summary: '填写核查情况并办结违规记录',
        tags: TAGS,
        params: ViolationParams,
        body: CloseBody,
        response: { 200: ViolationOut, ...complianceErrors },
      },
    },
    async (req) =>
      closeViolation(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.id,
        req.body.findings,
      ),
  );

  r.post(
    '/api/warnings/episodes/:id/compliance/run',
    {
      config: { access: { roles: WRITERS } },
      schema: {
        summary: '立即对该预警过程执行违规检查（减排量、应停产线）',
        tags: TAGS,
        params: EpisodeParams,
        response: { 200: RunResult, ...complianceErrors },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      await assertWarningWriter(db, p);
      const e = await visibleEpisode(db, p, req.params.id);
      const now = clock.now();
      const result = await runCompliance(db, config, rules, now, e.id);
      const ctx = actorOf(req);
      await recordAudit(db, now, {
        actor: ctx.actor,
        action: 'warning.compliance.run',
        target: `warning-episode:${e.id}`,
        detail: result,
        ip: ctx.ip ?? null,
      });
      return result;
    },
  );

  r.get(
    '/api/warnings/compliance/episodes',
    {
      config: { access: { roles: READERS } },
      schema: {
        summary: '可查看的预警过程及其违规记录数',
        tags: TAGS,
        response: { 200: ComplianceEpisodeList, ...complianceErrors },
      },
    },
    async (req) => complianceEpisodes(db, requirePrincipal(req)),
  );
}
