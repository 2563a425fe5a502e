/** HTTP routes of the air domain: regions, stations, readings, daily AQI and assessment. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { ErrorBody } from '../http/error-body.ts';
import { AQI_EDITIONS, type Editions } from '../standards/index.ts';
import { airRulesFromEnv, type AirRules } from './air-rules.ts';
import { assessRegion } from './assessment-service.ts';
import { regionDailyAqi, stationDailyAqi } from './daily-aqi-service.ts';
import { stationHourly } from './readings-service.ts';
import { assertAdcode } from './registry-service.ts';
import { findRegion, listRegions, regionSubtree } from './region-repo.ts';
import { restsOnSimulatedData } from './simulated-data.ts';
import { findStation, listStations } from './station-repo.ts';
import type { Region, Station } from './tables.ts';
import {
  AssessmentOut,
  HourlyOut,
  RegionDailyAqiOut,
  RegionDetailOut,
  RegionOut,
  StationDailyAqiOut,
  StationOut,
} from './schema.ts';

/** Air quality is public information (访客 may read it). */
const PUBLIC = { access: { roles: 'public' } } as const;

const errors = { 400: ErrorBody, 404: ErrorBody };

const date = z.string().describe('本地日期 YYYY-MM-DD');
const Range = z.object({ from: date, to: date });
const AdcodeParams = z.object({ adcode: z.string().describe('6 位行政区划代码') });
const CodeParams = z.object({ code: z.string().describe('站点编码') });
const EditionQuery = z
  .enum(AQI_EDITIONS as [string, ...string[]])
  .optional()
  .describe('AQI 标准版本，默认按日期选择');

function regionOut(r: Region): z.infer<typeof RegionOut> {
  return {
    adcode: r.adcode,
    name: r.name,
    parentAdcode: r.parent_adcode,
    level: r.level,
    timeZone: r.time_zone,
  };
}

function stationOut(s: Station): z.infer<typeof StationOut> {
  return {
    code: s.code,
    name: s.name,
    regionAdcode: s.region_adcode,
    kind: s.kind,
    role: s.role,
    lon: s.lon,
    lat: s.lat,
    pollutants: JSON.parse(s.pollutants) as string[],
  };
}

/** What the air routes are built from. */
export interface AirDeps {
  db: Db;
  /** Completeness rules of the air figures; default: from the environment (LANTIAN_AIR_*). */
  air?: AirRules | undefined;
}

/** Registers the air routes. */
export function registerAirRoutes(app: FastifyInstance, { db, air }: AirDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rules = air ?? airRulesFromEnv();
  /** The answer with `simulated`: whether any of its stations has simulated data in its range. */
  const marked = async <T extends { from: string; to: string }>(answer: T, codes: string[]) => ({
    ...answer,
    simulated: await restsOnSimulatedData(db, codes, answer.from, answer.to),
  });
  const tags = ['空气质量'];

  r.get(
    '/api/regions',
    {
      config: PUBLIC,
      schema: { summary: '行政区列表', tags, response: { 200: z.array(RegionOut) } },
    },
    async () => (await listRegions(db)).map(regionOut),
  );

  r.get(
    '/api/regions/:adcode',
    {
      config: PUBLIC,
      schema: {
        summary: '行政区及其下级和站点数',
        tags,
        params: AdcodeParams,
        response: {
          200: RegionDetailOut,
          ...errors,
        },
      },
    },
    async (req) => {
      assertAdcode(req.params.adcode);
      const region = await findRegion(db, req.params.adcode);
      if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', req.params.adcode);
      const subtree = await regionSubtree(db, region.adcode);
      const stations = await listStations(
        db,
        subtree.map((x) => x.adcode),
      );
      return {
        ...regionOut(region),
        children: subtree.filter((x) => x.parent_adcode === region.adcode).map(regionOut),
        stationCount: stations.length,
      };
    },
  );

  r.get(
    '/api/stations',
    {
      config: PUBLIC,
      schema: {
        summary: '站点列表',
        tags,
        querystring: z.object({ region: z.string().optional().describe('行政区划代码（含下级）') }),
        response: { 200: z.array(StationOut), ...errors },
      },
    },
    async (req) => {
      if (!req.query.region) return (await listStations(db)).map(stationOut);
      assertAdcode(req.query.region);
      const subtree = await regionSubtree(db, req.query.region);
      if (subtree.length === 0) throw new LantianError('LT_ERR_REGION_NOT_FOUND', req.query.region);
      return (
        await listStations(
          db,
          subtree.map((x) => x.adcode),
        )
      ).map(stationOut);
    },
  );

  r.get(
    '/api/stations/:code',
    {
      config: PUBLIC,
      schema: {
        summary: '站点信息',
        tags,
        params: CodeParams,
        response: { 200: StationOut, ...errors },
      },
    },
    async (req) => {
      const s = await findStation(db, req.params.code);
      if (!s) throw new LantianError('LT_ERR_STATION_NOT_FOUND', req.params.code);
      return stationOut(s);
    },
  );

  r.get(
    '/api/stations/:code/readings',
    {
      config: PUBLIC,
      schema: {
        summary: '站点小时数据（时间为小时开始，最长 93 天）',
        tags,
        params: CodeParams,
        querystring: Range.extend({
          pollutant: z.string().optional().describe('污染物，逗号分隔，如 PM2.5,O3'),
        }),
        response: { 200: HourlyOut, ...errors },
      },
    },
    async (req) =>
      marked(
        await stationHourly(
          db,
          req.params.code,
          req.query.from,
          req.query.to,
          req.query.pollutant?.split(',').filter(Boolean),
        ),
        [req.params.code],
      ),
  );

  r.get(
    '/api/stations/:code/aqi/daily',
    {
      config: PUBLIC,
      schema: {
        summary: '站点逐日 AQI',
        tags,
        params: CodeParams,
        querystring: Range.extend({ edition: EditionQuery }),
        response: { 200: StationDailyAqiOut, ...errors },
      },
    },
    async (req) =>
      marked(
        await stationDailyAqi(
          db,
          req.params.code,
          req.query.from,
          req.query.to,
          req.query.edition as Editions['aqi'] | undefined,
          rules,
        ),
        [req.params.code],
      ),
  );

  r.get(
    '/api/regions/:adcode/aqi/daily',
    {
      config: PUBLIC,
      schema: {
        summary: '行政区逐日 AQI（参与考核站点的平均）',
        tags,
        params: AdcodeParams,
        querystring: Range.extend({ edition: EditionQuery }),
        response: { 200: RegionDailyAqiOut, ...errors },
      },
    },
    async (req) => {
      const a = await regionDailyAqi(
        db,
        req.params.adcode,
        req.query.from,
        req.query.to,
        req.query.edition as Editions['aqi'] | undefined,
        rules,
      );
      return marked(a, a.stations);
    },
  );

  r.get(
    '/api/regions/:adcode/assessment',
    {
      config: PUBLIC,
      schema: {
        summary: '行政区环境空气质量评价（HJ 663）',
        tags,
        params: AdcodeParams,
        querystring: Range.extend({ edition: EditionQuery }),
        response: { 200: AssessmentOut, ...errors },
      },
    },
    async (req) => {
      const a = await assessRegion(db, req.params.adcode, req.query.from, req.query.to, {
        editions: req.query.edition ? { aqi: req.query.edition as Editions['aqi'] } : {},
        rules,
      });
      return marked(a, a.stations);
    },
  );
}
