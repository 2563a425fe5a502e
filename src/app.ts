/**
 * Composes the HTTP application: Fastify with zod schemas, the OpenAPI document at /docs, the
 * error shape, and every domain's routes. No logic of its own.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AirRules } from './air/air-rules.ts';
import { registerAirRoutes } from './air/routes.ts';
import { OPENAPI_SECURITY_SCHEMES, withAccessInDocument } from './auth/access-doc.ts';
import { installAccessControl } from './auth/access-hook.ts';
import type { AuthConfig } from './auth/auth-config.ts';
import { registerAccountRoutes } from './auth/routes.ts';
import type { BlobStore } from './blobs/blob-store.ts';
import { DiskBlobStore } from './blobs/disk-blob-store.ts';
import type { Clock } from './clock.ts';
import { loadConfig } from './config.ts';
import type { IdLimits } from './protocols/hj212/index.ts';
import { registerDeviceRoutes } from './devices/routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { installNulGuard } from './http/nul-guard.ts';
import { registerHomeRoutes } from './http/home-routes.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { useChineseZodMessages } from './http/zod-chinese.ts';
import type { Hj212Ingest } from './ingest/hj212/server.ts';
import { registerCommandRoutes } from './ingest/commands/routes.ts';
import { registerIngestRoutes } from './ingest/routes.ts';
import { registerOverviewRoutes } from './overview/routes.ts';
import { registerPlanAnalysisRoutes } from './plan/analysis-routes.ts';
import { registerPlanRoutes } from './plan/routes.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { registerRegistryFileRoutes } from './sources/registry/file-routes.ts';
import { registerRegistryRoutes } from './sources/registry/routes.ts';
import { registerCemsRoutes } from './sources/cems/routes.ts';
import type { AlarmsConfig } from './sources/alarms/alarm-config.ts';
import { registerAlarmRoutes } from './sources/alarms/routes.ts';
import { registerComplianceParts } from './warnings/compliance/register.ts';
import { registerLdarRoutes } from './sources/ldar/routes.ts';
import { registerListRoutes } from './warnings/lists/routes.ts';
import { registerPowerRoutes } from './sources/power/routes.ts';
import type { PowerConfig } from './sources/power/power-config.ts';
import type { Db } from './store/db.ts';
import { registerTaskRoutes } from './tasks/routes.ts';
import type { TasksConfig } from './tasks/task-config.ts';
import type { TruckLive } from './trucks/live.ts';
import type { TruckArchiveReader } from './trucks/archive/archive-reader.ts';
import { registerTruckRoutes } from './trucks/routes.ts';
import type { TrucksConfig } from './trucks/trucks-config.ts';
import { registerWebRoutes, type WebOptions } from './web/web-routes.ts';
import { registerForecastRoutes } from './warnings/forecasts/routes.ts';
import { DEFAULT_FORECASTS_CONFIG } from './warnings/forecasts/forecast-config.ts';
import { registerEpisodeRoutes } from './warnings/episodes/routes.ts';
import { registerTipoffRoutes } from './tipoffs/routes.ts';
import { tipoffConfigFromEnv, type TipoffConfig } from './tipoffs/tipoff-config.ts';
import { registerGateOpsRoutes } from './gates/ledgers/routes.ts';
import { PassageFeed } from './gates/passage-feed.ts';
import { gateOpsConfigFromEnv, type GateOpsConfig } from './gates/retention/gate-ops-config.ts';
import { GateFailureLimiter } from './gates/gate-credential.ts';
import { gatesConfigFromEnv, type GatesConfig } from './gates/gate-config.ts';
import { registerGateApiRoutes } from './gates/gate-api-routes.ts';
import { registerGateRoutes } from './gates/routes.ts';
import { firesConfigFromEnv, type FiresConfig } from './fires/fires-config.ts';
import { registerFireRoutes } from './fires/routes.ts';
import { dustConfigFromEnv, type DustConfig } from './dust/dust-config.ts';
import { registerDustRoutes } from './dust/routes.ts';
import { machineryConfigFromEnv } from './machinery/machinery-config.ts';
import { registerMachineryRoutes } from './machinery/routes.ts';
import { registerRoadsideRoutes } from './roadside/routes.ts';
import { roadsideConfigFromEnv, type RoadsideConfig } from './roadside/roadside-config.ts';

/** What the application is built from. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  /** Pino log level, or false for no request logging (tests). */
  logLevel?: string | false;
  /** Sessions, sign-in limits, cookie and origin rules; default: from the environment. */
  auth?: AuthConfig;
  /** The running HJ 212 listener, for its status routes (absent: those routes answer 503). */
  ingest?: Hj212Ingest | undefined;
  /**
   * Where device commands go when no listener runs here (`serve --role api` with NATS:
   * src/scale/nats-commands.ts); default: the listener, or the store's queue without one.
   */
  commands?: Pick<Hj212Ingest, 'command' | 'commands'> | undefined;
  /** The dashboard's build and map files (default web/dist), or false to serve no dashboard. */
  web?: WebOptions | false;
  /** Key-task dispatch settings; default: from the environment. */
  tasks?: TasksConfig;
  /** Where attachments are stored; default: on disk under the tasks settings' blob folder. */
  blobs?: BlobStore;
  /** Completeness rules of the air figures; default: from the environment (LANTIAN_AIR_*). */
  air?: AirRules;
  /** Accepted MN / PW lengths of a registration; default: from the environment (LANTIAN_HJ212_MN_*). */
  idLimits?: IdLimits;
  /** Heavy-truck settings; default: from the environment (LANTIAN_TRUCKS_*). */
  trucks?: TrucksConfig;
  /** The running GB 17691 terminal listener, for live status (absent: none runs here). */
  truckLive?: TruckLive | undefined;
  /** The heavy-truck raw-frame archive (recent records are decoded from it; absent: none). */
  truckArchive?: TruckArchiveReader | undefined;
  /** Alarms on pollution sources; default: from the environment (LANTIAN_ALARMS_*). */
  alarms?: AlarmsConfig;
  /** Electricity sub-metering settings; default: from the environment (LANTIAN_POWER_*). */
  power?: PowerConfig;
  /** Public reporting and the exposure board; default: from the environment (LANTIAN_TIPOFF_*). */
  tipoffs?: TipoffConfig;
  /** Gate ledgers, retention and live view; default: from the environment (LANTIAN_GATE_*). */
  gateOps?: GateOpsConfig;
  /** Gate settings; default: from the environment (LANTIAN_GATES_*, LANTIAN_GATE_PHOTO_DIR). */
  gates?: GatesConfig;
  /**
   * The one feed of committed gate passages: the gate ingest publishes into it, the live view
   * reads it; default: a new feed bounded by LANTIAN_GATE_LIVE_MAX_STREAMS.
   */
  gateFeed?: PassageFeed;
  /** Open burning: placement files, windows, deadline, limits; default: from the environment (LANTIAN_FIRES_*). */
  fires?: FiresConfig;
  /** Dust (扬尘) settings; default: from the environment (LANTIAN_DUST_*). */
  dust?: DustConfig;
  /** Remote sensing, black smoke and roadside checks; default: from the environment (LANTIAN_ROADSIDE_*). */
  roadside?: RoadsideConfig;
}

export const API_VERSION = '0.1.0';

/** Builds the Fastify application (not listening yet). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const auth = deps.auth ?? loadConfig().auth;
  const app = Fastify({
    logger:
      deps.logLevel === false || deps.logLevel === undefined ? false : { level: deps.logLevel },
    trustProxy: auth.trustProxy,
  });
  useChineseZodMessages();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installNulGuard(app);
  installSecurityHeaders(app);
  // Before any route: the access hook must see every route, including the OpenAPI UI's.
  await installAccessControl(app, {
    db: deps.db,
    clock: deps.clock,
    config: auth,
    publicPrefixes: ['/docs'],
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '蓝天 Lantian API',
        description:
          '城市大气污染防治管理平台接口。时间为 UTC 毫秒或带时区偏移的 ISO 8601；浓度单位 µg/m³（CO 为 mg/m³）。',
        version: API_VERSION,
      },
      components: { securitySchemes: OPENAPI_SECURITY_SCHEMES },
    },
    transform: withAccessInDocument(jsonSchemaTransform),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  // Before the landing page: a built dashboard takes `/` over from it.
  if (deps.web !== false) await registerWebRoutes(app, deps.web ?? {});
  registerHomeRoutes(app, deps);
  // Read-heavy GET-only routes read through `db.read` (the replica of DATABASE_READ_URL, if any).
  registerAirRoutes(app, { ...deps, db: deps.db.read });
  registerDeviceRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    ingest: deps.ingest,
    idLimits: deps.idLimits ?? loadConfig().hj212.idLimits,
  });
  registerIngestRoutes(app, { db: deps.db, clock: deps.clock, ingest: deps.ingest });
  registerCommandRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    ingest: deps.commands ?? deps.ingest,
  });
  registerAccountRoutes(app, { db: deps.db, clock: deps.clock, config: auth });
  registerOverviewRoutes(app, { ...deps, db: deps.db.read });
  registerPlanRoutes(app, deps);
  registerPlanAnalysisRoutes(app, deps);
  registerReportRoutes(app, { ...deps, db: deps.db.read });
  registerCemsRoutes(app, { db: deps.db, clock: deps.clock });
  registerTruckRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.trucks ?? loadConfig().trucks,
    live: deps.truckLive,
    archive: deps.truckArchive,
  });
  const tasks = deps.tasks ?? loadConfig().tasks;
  const blobs = deps.blobs ?? new DiskBlobStore(tasks.blobDir);
  await registerTaskRoutes(app, { db: deps.db, clock: deps.clock, config: tasks, blobs });
  await registerAlarmRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.alarms ?? loadConfig().alarms,
    blobs,
  });
  registerRegistryRoutes(app, { db: deps.db, clock: deps.clock });
  await registerRegistryFileRoutes(app, { db: deps.db, clock: deps.clock, files: tasks });
  await registerPowerRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.power ?? loadConfig().power,
  });
  await registerLdarRoutes(app, { db: deps.db, clock: deps.clock, sheets: tasks });
  await registerForecastRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: DEFAULT_FORECASTS_CONFIG,
    sheets: tasks,
  });
  registerEpisodeRoutes(app, { db: deps.db, clock: deps.clock });
  registerListRoutes(app, { db: deps.db, clock: deps.clock });
  registerComplianceParts(app, {
    db: deps.db,
    clock: deps.clock,
    config: loadConfig().compliance,
    rules: (deps.power ?? loadConfig().power).rules,
  });
  await registerTipoffRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.tipoffs ?? tipoffConfigFromEnv(process.env),
    blobs,
  });
  // Gate operations (issue 12): ledgers, statistics, retention log and the live view over the one
  // passage feed (the gate ingest routes take `gateFeed` too).
  const gateOps = deps.gateOps ?? gateOpsConfigFromEnv();
  const gateFeed = deps.gateFeed ?? new PassageFeed(gateOps.liveMaxStreams);
  await registerGateOpsRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: gateOps,
    feed: gateFeed,
    sheets: tasks,
  });
  const gates = deps.gates ?? gatesConfigFromEnv();
  const gatePhotos = new DiskBlobStore(gates.photoDir);
  await registerGateApiRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: gates,
    photos: gatePhotos,
    feed: gateFeed,
    limiter: new GateFailureLimiter(gates.authFailuresPerMinute),
  });
  registerGateRoutes(app, { db: deps.db, clock: deps.clock, photos: gatePhotos });
  await registerFireRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.fires ?? firesConfigFromEnv(),
    blobs,
  });
  await registerDustRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.dust ?? dustConfigFromEnv(),
    blobs,
    sheets: tasks,
  });
  await registerMachineryRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: machineryConfigFromEnv(),
    blobs,
    sheets: tasks,
  });
  await registerRoadsideRoutes(app, {
    db: deps.db,
    clock: deps.clock,
    config: deps.roadside ?? roadsideConfigFromEnv(process.env),
    blobs,
    sheets: tasks,
  });
  return app;
}
