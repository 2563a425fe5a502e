/**
 * The running Lantian service: one process with the HTTP API and the HJ 212 device listener
 * (and, as they land, the other listeners and jobs) over one store. Stops cleanly on
 * SIGINT/SIGTERM: the listener first commits and acknowledges what it received.
 */
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp, type AppDeps } from './app.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { startHj212Ingest, type Hj212Ingest } from './ingest/hj212/server.ts';
import type { IngestSink } from './ingest/hj212/ingest-sink.ts';
import { cemsConfig } from './sources/cems/cems-config.ts';
import { CemsProjector } from './sources/cems/cems-projector.ts';
import { startAlarmJob } from './sources/alarms/alarm-job.ts';
import { startComplianceJob } from './warnings/compliance/compliance-job.ts';
import { startTruckDaysJob } from './trucks/days/day-job.ts';
import { startTipoffJob } from './tipoffs/escalation.ts';
import { tipoffConfigFromEnv } from './tipoffs/tipoff-config.ts';
import { archiveDetailLoader } from './trucks/detail/archive-detail-loader.ts';
import { powerLineStates } from './sources/alarms/power-line-states.ts';
import { startPowerProjector } from './sources/power/power-projector.ts';
import { openStore, type Db } from './store/db.ts';
import { replicaSettingsFromEnv } from './store/read-replica-config.ts';
import { startTruckListener, type TruckListener } from './trucks/listener/server.ts';
import {
  startTruckArchive,
  truckArchiveDir,
  type TruckArchiveService,
} from './trucks/archive-job.ts';
import { openTruckArchiveView, type TruckArchiveView } from './trucks/archive/archive-view.ts';
import { gateOpsConfigFromEnv } from './gates/retention/gate-ops-config.ts';
import { startGateOpsJob } from './gates/retention/gate-ops-job.ts';
import { firesConfigFromEnv } from './fires/fires-config.ts';
import { startFiresJob } from './fires/fires-job.ts';
import { dustConfigFromEnv } from './dust/dust-config.ts';
import { startDustJob } from './dust/dust-job.ts';
import { partitionConfigFromEnv } from './store/partitions/partition-config.ts';
import { startPartitionJob } from './store/partitions/partition-job.ts';

/** How often CEMS hours are projected from new uploads. */
const CEMS_PROJECT_MS = 5000;
/** Hours re-projected at start (what a crash may have left between commit and projection). */
const CEMS_CATCH_UP_HOURS = 3;

/** A started server. */
export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** The address HTTP listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  /** The HJ 212 listener (its `port` is the actual TCP port); absent with `deviceCommands`. */
  ingest: Hj212Ingest | undefined;
  /** The GB 17691 terminal listener (absent when LANTIAN_TRUCKS_LISTEN=off). */
  trucks: TruckListener | undefined;
  stop(): Promise<void>;
}

/** What a caller may put in place of the defaults (the roles of src/scale/roles.ts). */
export interface ServerExtras {
  /** Where HJ 212 batches go instead of the store (a JetStream sink). */
  hj212Sink?: IngestSink;
  /**
   * Where the API's device commands go instead of a listener of this process (over NATS to the
   * ingest node holding the device); when given, no HJ 212 listener is started.
   */
  deviceCommands?: (db: Db) => NonNullable<AppDeps['commands']>;
  /**
   * The `api` node of a split deployment: no truck listener (ingest nodes take the terminals),
   * and the archive is a read-only view of the truck writer's directory (no retention job).
   */
  truckArchiveView?: boolean;
}

/** Stops the archive with its retention job, or closes the read-only view. */
async function stopTruckArchive(
  a: TruckArchiveService | TruckArchiveView | undefined,
): Promise<void> {
  if (a === undefined) return;
  if ('stop' in a) await a.stop();
  else await a.close();
}

/** Opens the store, starts the HJ 212 listener, builds the app and starts listening. */
export async function startServer(
  config: Config,
  extras: ServerExtras = {},
): Promise<RunningServer> {
  const db = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    sqliteSynchronous: config.sqliteSynchronous,
    replica: replicaSettingsFromEnv(process.env, config.databaseUrl),
  });
  // CEMS hours of outlet devices follow their uploads (src/sources/cems/cems-projector.ts).
  const cems = new CemsProjector(
    db,
    systemClock,
    cemsConfig(),
    pino({ level: config.logLevel, name: 'cems' }),
  );
  let ingest: Hj212Ingest | undefined;
  try {
    const log = pino({ level: config.logLevel, name: 'hj212' });
    if (extras.deviceCommands === undefined)
      ingest = await startHj212Ingest(
        { db, clock: systemClock, log, committed: (v) => cems.note(v) },
        extras.hj212Sink ? { ...config.hj212, sink: extras.hj212Sink } : config.hj212,
      );
  } catch (e) {
    await db.close();
    throw e;
  }
  await cems.catchUp(CEMS_CATCH_UP_HOURS);
  cems.start(CEMS_PROJECT_MS);
  let trucks: TruckListener | undefined;
  let truckArchive: TruckArchiveService | TruckArchiveView | undefined;
  try {
    const log = pino({ level: config.logLevel, name: 'trucks' });
    if (extras.truckArchiveView)
      truckArchive = await openTruckArchiveView(truckArchiveDir(config.trucks, config.sqlitePath));
    else truckArchive = await startTruckArchive(config.trucks, config.sqlitePath, log);
    if (config.trucks.listen && 'stop' in truckArchive)
      trucks = await startTruckListener(
        { db, clock: systemClock, log, archive: truckArchive.archive },
        config.trucks,
      );
  } catch (e) {
    await stopTruckArchive(truckArchive);
    await ingest?.stop();
    await cems.stop();
    await db.close();
    throw e;
  }
  const truckReader = 'stop' in truckArchive ? truckArchive.archive : truckArchive;
  const app = await buildApp({
    db,
    clock: systemClock,
    logLevel: config.logLevel,
    ingest,
    commands: extras.deviceCommands?.(db),
    auth: config.auth,
    tasks: config.tasks,
    air: config.air,
    trucks: config.trucks,
    truckLive: trucks,
    truckArchive: truckReader,
    alarms: config.alarms,
    power: config.power,
  });
  try {
    await app.listen({ host: config.httpHost, port: config.httpPort });
  } catch (e) {
    await trucks?.stop();
    await stopTruckArchive(truckArchive);
    await ingest?.stop();
    await cems.stop();
    await app.close();
    await db.close();
    throw e;
  }
  const alarms = startAlarmJob(
    {
      db,
      clock: systemClock,
      log: pino({ level: config.logLevel, name: 'alarms' }),
      lineStates: powerLineStates(db, config.power.rules),
    },
    config.alarms,
  );
  const compliance = startComplianceJob(
    {
      db,
      clock: systemClock,
      log: pino({ level: config.logLevel, name: 'compliance' }),
      rules: config.power.rules,
    },
    config.compliance,
  );
  const powerLog = pino({ level: config.logLevel, name: 'power' });
  const projector = startPowerProjector(db, systemClock, config.power, (e) =>
    powerLog.error({ err: e }, '分表计电数据投影失败'),
  );
  const truckDays = startTruckDaysJob(
    {
      db,
      clock: systemClock,
      log: pino({ level: config.logLevel, name: 'truck-days' }),
      loader: archiveDetailLoader(db, truckReader, config.trucks.rules),
    },
    config.trucks.days,
  );
  const tipoffs = startTipoffJob(
    { db, clock: systemClock, log: pino({ level: config.logLevel, name: 'tipoffs' }) },
    tipoffConfigFromEnv(process.env),
  );
  // Gate retention and truck counts (daily; src/gates/retention/gate-ops-job.ts).
  const gateOps = startGateOpsJob(
    { db, clock: systemClock, log: pino({ level: config.logLevel, name: 'gates' }) },
    gateOpsConfigFromEnv(),
  );
  const fires = startFiresJob(
    { db, clock: systemClock, log: pino({ level: config.logLevel, name: 'fires' }) },
    firesConfigFromEnv(),
  );
  const dust = startDustJob(
    { db, clock: systemClock, log: pino({ level: config.logLevel, name: 'dust' }) },
    dustConfigFromEnv(),
  );
  // Month partitions of readings and device_values (PostgreSQL; daily; src/store/partitions/).
  const partitions = startPartitionJob(
    { db, clock: systemClock, log: pino({ level: config.logLevel, name: 'partitions' }) },
    partitionConfigFromEnv(),
  );
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.httpPort;
  let stopped = false;
  return {
    app,
    db,
    ingest,
    trucks,
    url: `http://localhost:${port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await alarms.stop();
      await compliance.stop();
      await projector.stop();
      await truckDays.stop();
      await tipoffs.stop();
      await gateOps.stop();
      await fires.stop();
      await dust.stop();
      await partitions.stop();
      await trucks?.stop();
      await stopTruckArchive(truckArchive);
      await ingest?.stop();
      await cems.stop();
      await app.close();
      await db.close();
    },
  };
}
