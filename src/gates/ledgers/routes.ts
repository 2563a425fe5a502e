/**
 * HTTP routes of the gate operations side (issue 12; docs/mobile-sources.md, Gate ledgers,
 * retention and live view): the electronic ledgers (read, Excel import and export), the passage
 * ledger of a period, daily statistics, completeness per gate, the retention settings and log,
 * and the live passage stream (live/live-route.ts).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Db } from '../../store/db.ts';
import { readUploadedFile } from '../../tasks/http/route-support.ts';
import type { TasksConfig } from '../../tasks/task-config.ts';
import { registerLiveRoute } from '../live/live-route.ts';
import type { PassageFeed } from '../passage-feed.ts';
import { MIN_RETENTION_DAYS, type GateOpsConfig } from '../retention/gate-ops-config.ts';
import { latestRuns } from '../retention/retention-repo.ts';
import { gateCompletenessView, gateDailyStats } from '../stats/stats-service.ts';
import { importLedger, ledgerEntries, ledgerWorkbook } from './ledger-service.ts';
import { passageWorkbook } from './passage-export.ts';
import { LEDGER_NAMES } from './rules/ledger-rows.ts';
import {
  CompletenessOut,
  DailyStatsOut,
  LedgerImportOut,
  LedgerOut,
  LedgerParams,
  PeriodQuery,
  RetentionOut,
} from './schema.ts';

/** What the gate operations routes are built from. */
export interface GateOpsRouteDeps {
  db: Db;
  clock: Clock;
  config: GateOpsConfig;
  /** The one passage feed of the application (the core's ingest publishes into it). */
  feed: PassageFeed;
  /** Upload limits of sheets (the key-task sheet settings). */
  sheets: TasksConfig;
}

const tags = ['门禁'];
const READ = { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } } as const;
const WRITE = { access: { roles: ['city-admin', 'department', 'enterprise'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string): string =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Registers the routes. */
export async function registerGateOpsRoutes(
  app: FastifyInstance,
  deps: GateOpsRouteDeps,
): Promise<void> {
  registerLiveRoute(app, {
    db: deps.db,
    feed: deps.feed,
    perUser: deps.config.livePerUser,
    heartbeatMs: deps.config.liveHeartbeatMs,
  });
  registerReadRoutes(app, deps);
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.sheets.maxSheetBytes, files: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/gates/ledgers/:kind/import',
      {
        config: WRITE,
        schema: {
          summary: '导入电子台账（Excel 或 CSV）；有任何一行不符则全部不导入，并列出行号和错误代码',
          tags,
          params: LedgerParams,
          consumes: ['multipart/form-data'],
          response: { 200: LedgerImportOut, ...errors, 413: ErrorBody },
        },
      },
      async (req) => {
        const { filename, data } = await readUploadedFile(req, deps.sheets.maxSheetBytes);
        return importLedger(
          deps.db,
          deps.clock,
          deps.sheets,
          requirePrincipal(req),
          actorOf(req),
          req.params.kind,
          filename,
          data,
        );
      },
    );
  });
}

function registerReadRoutes(app: FastifyInstance, { db, config }: GateOpsRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/gates/ledgers/:kind',
    {
      config: READ,
      schema: {
        summary: '电子台账（运输车辆含门禁记录到的车辆；企业只看本企业，区县只看本辖区）',
        tags,
        params: LedgerParams,
        response: { 200: LedgerOut, ...errors },
      },
    },
    async (req) => ({
      kind: req.params.kind,
      entries: await ledgerEntries(db, requirePrincipal(req), req.params.kind),
    }),
  );
  r.get(
    '/api/gates/ledgers/:kind/export',
    {
      config: READ,
      schema: { summary: '导出电子台账（Excel，可再次导入）', tags, params: LedgerParams },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachment(`${LEDGER_NAMES[req.params.kind]}.xlsx`))
        .send(await ledgerWorkbook(db, requirePrincipal(req), req.params.kind)),
  );
  r.get(
    '/api/gates/passages/export',
    {
      config: READ,
      schema: {
        summary: '导出一段时间的进出厂运输车辆台账（Excel，字段按 2020 技术指南表 3）',
        tags,
        querystring: PeriodQuery,
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header(
          'content-disposition',
          attachment(`进出厂台账-${req.query.from}-${req.query.to}.xlsx`),
        )
        .send(await passageWorkbook(db, requirePrincipal(req), req.query.from, req.query.to)),
  );
  r.get(
    '/api/gates/stats/daily',
    {
      config: READ,
      schema: {
        summary: '门禁每日统计：按企业和区县的进厂、出厂、各排放阶段、国四及以下占比、人为开闸',
        tags,
        querystring: PeriodQuery,
        response: { 200: DailyStatsOut, ...errors },
      },
    },
    async (req) => gateDailyStats(db, requirePrincipal(req), req.query.from, req.query.to),
  );
  r.get(
    '/api/gates/stats/completeness',
    {
      config: READ,
      schema: {
        summary: '门禁数据完整率：每个门禁每天应上报时段内有过车或心跳的小时数',
        tags,
        querystring: PeriodQuery,
        response: { 200: CompletenessOut, ...errors },
      },
    },
    async (req) => gateCompletenessView(db, requirePrincipal(req), req.query.from, req.query.to),
  );
  r.get(
    '/api/gates/retention',
    {
      config: { access: { roles: ['city-admin', 'department'] } },
      schema: {
        summary: '门禁记录保存期限设置与最近的清理记录',
        tags,
        response: { 200: RetentionOut, ...errors },
      },
    },
    async () => ({
      settings: config.retention,
      minimumDays: MIN_RETENTION_DAYS,
      runs: await latestRuns(db.kysely, 30),
    }),
  );
}
