/**
 * HTTP routes of electricity sub-metering (分表计电): meters of an enterprise, readings in (JSON
 * batch, CSV upload), and the running states of its lines. Registered in a plugin scope of their
 * own with multipart uploads. Scope is the services' business (src/sources/enterprise-scope.ts).
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
import { changeMeter, createMeter, meterList, removeMeter } from './meter-service.ts';
import type { PowerConfig } from './power-config.ts';
import { acceptReadings, acceptReadingsCsv } from './reading-service.ts';
import {
  EnterpriseParams,
  MeterBody,
  MeterOut,
  MeterParams,
  MeterPatchBody,
  PowerOut,
  PowerQuery,
  ReadingsBody,
  ReadingsOut,
} from './schema.ts';
import { enterprisePower } from './state-service.ts';

/** What the sub-metering routes need. */
export interface PowerRouteDeps {
  db: Db;
  clock: Clock;
  config: PowerConfig;
}

const tags = ['污染源：分表计电'];
const READ = { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } } as const;
const REGISTER = { access: { roles: ['city-admin', 'department'] } } as const;
const SEND = { access: { roles: ['city-admin', 'department', 'enterprise'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const BASE = '/api/sources/enterprises/:code/power';

/** Registers /api/sources/enterprises/:code/power…. */
export async function registerPowerRoutes(
  app: FastifyInstance,
  deps: PowerRouteDeps,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.config.maxFileBytes, files: 1 } });
    registerMeterRoutes(scope, deps);
    registerReadingRoutes(scope, deps);
  });
}

function registerMeterRoutes(app: FastifyInstance, { db, clock }: PowerRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${BASE}/meters`,
    {
      config: READ,
      schema: {
        summary: '企业的分表计电电表',
        tags,
        params: EnterpriseParams,
        response: { 200: z.array(MeterOut), ...errors },
      },
    },
    async (req) => meterList(db, requirePrincipal(req), req.params.code),
  );
  r.post(
    `${BASE}/meters`,
    {
      config: REGISTER,
      schema: {
        summary: '登记电表（生产设施或治污设施；可指定上传功率的数采仪与因子编码）',
        tags,
        params: EnterpriseParams,
        body: MeterBody,
        response: { 201: MeterOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await createMeter(
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
    `${BASE}/meters/:meter`,
    {
      config: REGISTER,
      schema: {
        summary: '修改电表（只改给出的字段）',
        tags,
        params: MeterParams,
        body: MeterPatchBody,
        response: { 200: MeterOut, ...errors },
      },
    },
    async (req) =>
      changeMeter(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.meter,
        req.body,
      ),
  );
  r.delete(
    `${BASE}/meters/:meter`,
    {
      config: REGISTER,
      schema: {
        summary: '删除电表及其读数',
        tags,
        params: MeterParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeMeter(
        db,
        clock,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.params.meter,
      );
      return reply.code(204).send(null);
    },
  );
}

function registerReadingRoutes(app: FastifyInstance, { db, clock, config }: PowerRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    `${BASE}/readings`,
    {
      config: SEND,
      schema: {
        summary: '上传一批电表读数（JSON）；任何一条不符则全部不写入',
        tags,
        params: EnterpriseParams,
        body: ReadingsBody,
        response: { 200: ReadingsOut, ...errors },
      },
    },
    async (req) =>
      acceptReadings(
        db,
        clock,
        config,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        req.body.readings.map((x, i) => ({ ...x, row: i + 1 })),
        'api',
        '读数',
      ),
  );
  r.post(
    `${BASE}/readings/csv`,
    {
      config: SEND,
      schema: {
        summary: '上传电表读数 CSV（meter,time,kw[,kwh]）；有任何一行不符则全部不写入，并列出行号',
        tags,
        consumes: ['multipart/form-data'],
        params: EnterpriseParams,
        response: { 200: ReadingsOut, 413: ErrorBody, ...errors },
      },
    },
    async (req) => {
      return acceptReadingsCsv(
        db,
        clock,
        config,
        requirePrincipal(req),
        actorOf(req),
        req.params.code,
        () => readUploadedFile(req, config.maxFileBytes),
      );
    },
  );
  r.get(
    BASE,
    {
      config: READ,
      schema: {
        summary: '企业各电表读数、各生产线逐小时运行状态及“生产运行而治污停运”时段',
        tags,
        params: EnterpriseParams,
        querystring: PowerQuery,
        response: { 200: PowerOut, ...errors },
      },
    },
    async (req) =>
      enterprisePower(
        db,
        config,
        requirePrincipal(req),
        req.params.code,
        req.query.from,
        req.query.to,
      ),
  );
}
