/**
 * Officers' routes of the gate domain (/api/gates/…): gates and their credentials, the
 * blacklist, capacity settings, violations with photos. Who may call is declared here; scope
 * (a county its own enterprises) is the services' business (gate-access.ts). The gate-facing API
 * is in gate-api-routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { Role } from '../http/route-access.ts';
import type { Db } from '../store/db.ts';
import { addToBlacklist, blacklistFor, removeFromBlacklist } from './blacklist-service.ts';
import { changeRule, createRule, endRule, rulesFor } from './capacity-rule-service.ts';
import { gatesFor, registerGate, rotateGateCredential } from './gate-admin-service.ts';
import { closeViolation, gateViolationsFor, readGatePhoto } from './gate-violation-service.ts';
import {
  BlacklistEntry,
  BlacklistIn,
  BlacklistOut,
  BlacklistQuery,
  CloseIn,
  GateIn,
  GateList,
  GateViolationList,
  GateViolationOut,
  GateWithCredential,
  IdParams,
  PhotoParams,
  RuleIn,
  RuleList,
  RuleOut,
  ViolationQuery,
} from './schema.ts';

/** What the officers' gate routes are built from. */
export interface GateRouteDeps {
  db: Db;
  clock: Clock;
  photos: BlobStore;
}

const READERS: readonly Role[] = ['city-admin', 'department', 'county', 'enterprise'];
const OFFICERS: readonly Role[] = ['city-admin', 'county'];
const TAGS = ['门禁管理'];
const ERR = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Registers /api/gates/…. */
export function registerGateRoutes(app: FastifyInstance, deps: GateRouteDeps): void {
  const { db, clock } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { config: { access: { roles: READERS } } };
  const write = { config: { access: { roles: OFFICERS } } };

  r.get(
    '/api/gates',
    { ...read, schema: { summary: '门禁列表', tags: TAGS, response: { 200: GateList, ...ERR } } },
    async (req) => ({
      gates: await gatesFor(db, requirePrincipal(req)),
    }),
  );

  r.post(
    '/api/gates',
    {
      ...write,
      schema: {
        summary: '登记门禁（凭据只显示一次）',
        tags: TAGS,
        body: GateIn,
        response: { 200: GateWithCredential, ...ERR },
      },
    },
    async (req) => registerGate(db, clock, requirePrincipal(req), actorOf(req), req.body),
  );

  r.post(
    '/api/gates/:id/credential',
    {
      ...write,
      schema: {
        summary: '更换门禁凭据（旧凭据立即失效，新凭据只显示一次）',
        tags: TAGS,
        params: IdParams,
        response: { 200: GateWithCredential, ...ERR },
      },
    },
    async (req) =>
      rotateGateCredential(db, clock, requirePrincipal(req), actorOf(req), req.params.id),
  );

  r.get(
    '/api/gates/blacklist',
    {
      ...read,
      schema: {
        summary: '黑名单（含版本号）',
        tags: TAGS,
        querystring: BlacklistQuery,
        response: { 200: BlacklistOut, ...ERR },
      },
    },
    async (req) => blacklistFor(db, req.query.removed === 'true'),
  );

  r.post(
    '/api/gates/blacklist',
    {
      ...write,
      schema: {
        summary: '加入黑名单（车牌号或 VIN，原因与来源）',
        tags: TAGS,
        body: BlacklistIn,
        response: { 200: BlacklistEntry, ...ERR },
      },
    },
    async (req) => addToBlacklist(db, clock, requirePrincipal(req), actorOf(req), req.body),
  );

  r.post(
    '/api/gates/blacklist/:id/remove',
    {
      ...write,
      schema: {
        summary: '移出黑名单',
        tags: TAGS,
        params: IdParams,
        response: { 200: BlacklistEntry, ...ERR },
      },
    },
    async (req) =>
      removeFromBlacklist(db, clock, requirePrincipal(req), actorOf(req), req.params.id),
  );

  r.get(
    '/api/gates/capacity-rules',
    {
      ...read,
      schema: {
        summary: '运能设置（按预警级别）',
        tags: TAGS,
        response: { 200: RuleList, ...ERR },
      },
    },
    async (req) => rulesFor(db, requirePrincipal(req)),
  );

  r.post(
    '/api/gates/capacity-rules',
    {
      ...write,
      schema: {
        summary: '新增运能设置',
        tags: TAGS,
        body: RuleIn,
        response: { 200: RuleOut, ...ERR },
      },
    },
    async (req) => createRule(db, clock, requirePrincipal(req), actorOf(req), req.body),
  );

  r.put(
    '/api/gates/capacity-rules/:id',
    {
      ...write,
      schema: {
        summary: '修改运能设置',
        tags: TAGS,
        params: IdParams,
        body: RuleIn,
        response: { 200: RuleOut, ...ERR },
      },
    },
    async (req) =>
      changeRule(db, clock, requirePrincipal(req), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/gates/capacity-rules/:id/end',
    {
      ...write,
      schema: {
        summary: '停止运能设置（保留历史，按通行时间判定）',
        tags: TAGS,
        params: IdParams,
        response: { 200: RuleOut, ...ERR },
      },
    },
    async (req) => endRule(db, clock, requirePrincipal(req), actorOf(req), req.params.id),
  );

  r.get(
    '/api/gates/violations',
    {
      ...read,
      schema: {
        summary: '门禁违规（黑名单车辆、禁行排放阶段、超运能、人为开闸），附照片',
        tags: TAGS,
        querystring: ViolationQuery,
        response: { 200: GateViolationList, ...ERR },
      },
    },
    async (req) => gateViolationsFor(db, requirePrincipal(req), req.query),
  );

  r.post(
    '/api/gates/violations/:id/close',
    {
      ...write,
      schema: {
        summary: '核查后关闭门禁违规（填写核查结果）',
        tags: TAGS,
        params: IdParams,
        body: CloseIn,
        response: { 200: GateViolationOut, ...ERR },
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

  r.get(
    '/api/gates/photos/:sha256',
    {
      ...read,
      schema: { summary: '门禁照片（仅可见该通行记录的用户）', tags: TAGS, params: PhotoParams },
    },
    async (req, reply) => {
      const p = await readGatePhoto(db, deps.photos, requirePrincipal(req), req.params.sha256);
      return reply
        .type(p.mediaType)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(p.data);
    },
  );
}
