/**
 * GET /api/overview: everything the 总览 page shows in one round trip. Answers are cached in
 * memory per (region, date) for a minute (stale answers are served while one refresh runs), carry
 * an ETag and are sent as bytes encoded (and gzip'd) once, so that a wall of screens polling it
 * costs little.
 * The city office and departments see any region; a county sees its own region and below, and
 * the city's work plan only once published (issue 15): answers are cached per kind of reader.
 *
 * GET /api/data-days (public, like the air data it describes): which day a page should open on —
 * a region's or a station's first and last day with data and the last day it can be assessed on.
 * GET /api/station-day (public): every station of a region with its AQI of one day (the map).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { assertAdcode } from '../air/registry-service.ts';
import { requirePrincipal } from '../auth/principal.ts';
import { assertRegionScope, regionAncestors } from '../auth/scope.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import { readsDraftPlans } from '../plan/plan-service.ts';
import type { PlanProgress } from '../plan/progress-service.ts';
import type { Db } from '../store/db.ts';
import {
  computeOverview,
  defaultOverviewRegion,
  loadRegistry,
  regionToday,
} from './overview-service.ts';
import { acceptsGzip } from '../web/accepts-gzip.ts';
import { airRulesFromEnv, type AirRules } from '../air/air-rules.ts';
import { dataDays } from './data-days-service.ts';
import { stationDay } from './station-day-service.ts';
import {
  DataDaysOut,
  DataDaysQuery,
  OverviewOut,
  OverviewQuery,
  StationDayOut,
  StationDayQuery,
} from './schema.ts';
import { TtlCache } from './ttl-cache.ts';
import { parseCalendarDate } from '../time/date-input.ts';

/** What the overview routes are built from. */
export interface OverviewDeps {
  db: Db;
  clock: Clock;
  /** How long an answer is reused (default 60 s). */
  cacheTtlMs?: number;
  /** Completeness rules of the air figures (default: from the environment, as the air routes). */
  air?: AirRules;
}

type Registry = Awaited<ReturnType<typeof loadRegistry>> & { defaultRegion: string | null };

/** 304 Not Modified (outside the documented answers, which describe bodies). */
function notModified(reply: unknown): FastifyReply {
  return (reply as FastifyReply).code(304).send();
}

interface Prepared {
  /** The JSON answer, encoded once. */
  body: Buffer;
  /** The same, gzip'd once, for clients that accept it (browsers). */
  gzip: Buffer;
  etag: string;
}

/** Registers GET /api/overview. */
export function registerOverviewRoutes(app: FastifyInstance, deps: OverviewDeps): void {
  const ttlMs = deps.cacheTtlMs ?? 60_000;
  const airRules = deps.air ?? airRulesFromEnv();
  const registryCache = new TtlCache<Registry>({ ttlMs });
  const answers = new TtlCache<Prepared>({ ttlMs });
  const plans = new TtlCache<PlanProgress>({ ttlMs, maxEntries: 32 });
  const registry = () =>
    registryCache.get('registry', async () => {
      const r = await loadRegistry(deps.db);
      return { ...r, defaultRegion: defaultOverviewRegion(r.idx, r.stations) };
    });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/data-days',
    {
      config: { access: { roles: 'public' } },
      schema: {
        summary: '有数据的日期：最早、最近有数据日与最近可评价日（页面据此选定所看日期）',
        tags: ['总览'],
        querystring: DataDaysQuery,
        response: { 200: DataDaysOut, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const reg = await registry();
      if (req.query.region !== undefined) assertAdcode(req.query.region);
      const date = req.query.date === undefined ? undefined : parseCalendarDate(req.query.date);
      return dataDays(
        deps.db,
        reg,
        { region: req.query.region, station: req.query.station, defaultRegion: reg.defaultRegion },
        deps.clock.now(),
        date,
      );
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/station-day',
    {
      config: { access: { roles: 'public' } },
      schema: {
        summary: '某日各站点 AQI（行政区及下级的全部站点，一次请求）',
        tags: ['空气质量'],
        querystring: StationDayQuery,
        response: { 200: StationDayOut, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      assertAdcode(req.query.region);
      const date = parseCalendarDate(req.query.date);
      return stationDay(deps.db, await registry(), req.query.region, date, airRules);
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/overview',
    {
      config: { access: { roles: ['city-admin', 'department', 'county'] } },
      schema: {
        summary: '总览：各县区当日 AQI、今年以来 PM2.5 与优良天数、全市 AQI（一次请求）',
        tags: ['总览'],
        querystring: OverviewQuery,
        response: { 200: OverviewOut, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const reg = await registry();
      let adcode = req.query.region;
      if (adcode === undefined) {
        adcode =
          p.role === 'county' && p.regionAdcode ? p.regionAdcode : (reg.defaultRegion ?? undefined);
        if (adcode === undefined)
          throw new LantianError('LT_ERR_REGION_NOT_FOUND', '尚未登记行政区');
      }
      assertAdcode(adcode);
      const region = reg.idx.byCode.get(adcode);
      if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', adcode);
      if (p.role === 'county') {
        const tree = new Map([...reg.idx.byCode.values()].map((r) => [r.adcode, r.parent_adcode]));
        assertRegionScope(p, regionAncestors(tree, adcode));
      }
      const date =
        req.query.date === undefined
          ? regionToday(region, deps.clock.now())
          : parseCalendarDate(req.query.date);

      // Answers differ by which plan versions the caller reads (drafts or published only).
      const readers = readsDraftPlans(p) ? 'drafts' : 'published';
      const prepared = await answers.get(`${adcode}|${date}|${readers}`, async () => {
        const overview = await computeOverview(deps.db, deps.clock, reg, p, adcode, date, {
          plan: plans,
        });
        // Encoded once, so the route's serializer never sees it: the schema is applied here, the
        // same one the dashboard's types come from (tsc checks the shape, zod the values).
        const checked = OverviewOut.parse(overview satisfies z.input<typeof OverviewOut>);
        const body = Buffer.from(JSON.stringify(checked), 'utf8');
        return {
          body,
          gzip: gzipSync(body, { level: 6 }),
          etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
        };
      });
      reply
        .header('etag', prepared.etag)
        .header('cache-control', 'private, no-cache')
        .header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === prepared.etag) return notModified(reply);
      // Prepared bytes are sent as they are (Fastify serializes only objects).
      reply.type('application/json; charset=utf-8');
      if (acceptsGzip(req.headers['accept-encoding'])) {
        return reply.header('content-encoding', 'gzip').send(prepared.gzip as never);
      }
      return reply.send(prepared.body as never);
    },
  );
}
