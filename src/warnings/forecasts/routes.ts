/**
 * HTTP routes of the forecasts (docs/warnings.md "Forecasts"): list versions, store one (by hand
 * or from a forecasting system's token), import a CSV/Excel file, show a version, compare it with
 * an earlier one, and its recommended warning level. Registered in a plugin scope of their own
 * with multipart parsing for the import.
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
import type { ForecastsConfig } from './forecast-config.ts';
import { readForecastFile } from './forecast-files.ts';
import { forecastGrade } from './forecast-grade-service.ts';
import { importForecasts } from './forecast-import-service.ts';
import {
  forecastDiff,
  forecastLatest,
  forecastList,
  forecastShow,
} from './forecast-read-service.ts';
import { originOf, storeForecast } from './forecast-store-service.ts';
import {
  ForecastBody,
  ForecastDiffOut,
  ForecastDiffQuery,
  ForecastGradeOut,
  ForecastImportOut,
  ForecastListOut,
  ForecastLatestQuery,
  ForecastListQuery,
  ForecastParams,
  ForecastVersionOut,
} from './schema.ts';

/** What the forecast routes need. */
export interface ForecastRouteDeps {
  db: Db;
  clock: Clock;
  config: ForecastsConfig;
  /** Upload size and workbook limits (the key-task sheets' settings). */
  sheets: TasksConfig;
}

const tags = ['重污染应对：预报'];
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const WRITE = { access: { roles: ['city-admin', 'department'] } } as const;
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const BASE = '/api/warnings/forecasts';

/** Registers the forecast routes. */
export async function registerForecastRoutes(
  app: FastifyInstance,
  deps: ForecastRouteDeps,
): Promise<void> {
  const { db, clock, config, sheets } = deps;
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: sheets.maxSheetBytes, files: 1 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.get(
      BASE,
      {
        config: READ,
        schema: {
          summary: '预报版本列表（新的在前），每版附建议预警级别',
          tags,
          querystring: ForecastListQuery,
          response: { 200: ForecastListOut, ...errors },
        },
      },
      async (req) => forecastList(db, requirePrincipal(req), config, req.query.region),
    );
    r.post(
      BASE,
      {
        config: WRITE,
        schema: {
          summary:
            '保存一版预报（手工录入，或预报系统用接口令牌推送）；有缺日、重复日期或 AQI 超出 0–500 时拒收并列出全部问题',
          tags,
          body: ForecastBody,
          response: { 201: ForecastVersionOut, ...errors },
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const v = await storeForecast(db, clock, config, p, actorOf(req), req.body, originOf(p));
        return reply.code(201).send(v);
      },
    );
    r.post(
      `${BASE}/import`,
      {
        config: WRITE,
        schema: {
          summary:
            '导入预报（Excel 或 CSV，每行一个地区一天）；有任何一行不符则全部不导入，并列出行号',
          tags,
          consumes: ['multipart/form-data'],
          response: { 200: ForecastImportOut, 413: ErrorBody, ...errors },
        },
      },
      async (req) => {
        const p = requirePrincipal(req);
        return importForecasts(db, clock, config, p, actorOf(req), async () => {
          const { filename, data } = await readUploadedFile(req, sheets.maxSheetBytes);
          return { filename, table: await readForecastFile(filename, data, sheets) };
        });
      },
    );
    r.get(
      `${BASE}/latest`,
      {
        config: READ,
        schema: {
          summary: '一个地区最新一版预报',
          tags,
          querystring: ForecastLatestQuery,
          response: { 200: ForecastVersionOut, ...errors },
        },
      },
      async (req) => forecastLatest(db, requirePrincipal(req), req.query.region),
    );
    r.get(
      `${BASE}/:id`,
      {
        config: READ,
        schema: {
          summary: '一版预报及其逐日数据',
          tags,
          params: ForecastParams,
          response: { 200: ForecastVersionOut, ...errors },
        },
      },
      async (req) => forecastShow(db, requirePrincipal(req), req.params.id),
    );
    r.get(
      `${BASE}/:id/diff`,
      {
        config: READ,
        schema: {
          summary: '与同地区另一版预报（默认上一版）逐日比较',
          tags,
          params: ForecastParams,
          querystring: ForecastDiffQuery,
          response: { 200: ForecastDiffOut, ...errors },
        },
      },
      async (req) =>
        forecastDiff(db, requirePrincipal(req), config, req.params.id, req.query.against),
    );
    r.get(
      `${BASE}/:id/grade`,
      {
        config: READ,
        schema: {
          summary: '按地区配置的分级标准给出该版预报的建议预警级别、理由和提前天数',
          tags,
          params: ForecastParams,
          response: { 200: ForecastGradeOut, ...errors },
        },
      },
      async (req) => forecastGrade(db, requirePrincipal(req), req.params.id, config.warning),
    );
  });
}
