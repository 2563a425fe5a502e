/**
 * The GB 17691 / HJ 1239 terminal listener: a TCP server of its own (default port 17691),
 * separate from the HJ 212 ingest. Bounds: total connections, connections per remote address,
 * idle timeout, the decoder's data-unit limit, the write queue's high-water mark (backpressure),
 * the rejection ring and the number of quarantined VINs. Refusals are counted by reason and
 * summarised in one log line a minute, never one line per frame. Runs inside `lantian serve`
 * or in-process in tests.
 */
import { createServer, type Server } from 'node:net';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../store/db.ts';
import type { TruckLive, TruckListenerSnapshot } from '../live.ts';
import type { TrucksConfig } from '../trucks-config.ts';
import type { TruckArchive } from '../archive/truck-archive.ts';
import { writeBatch, type TruckWrite } from '../batch-repo.ts';
import { startSqliteTruckWriter } from './sqlite-truck-writer.ts';
import { CommitQueue } from './commit-queue.ts';
import { storeCommitSink, type TruckDbStep } from './store-commit-sink.ts';
import type { TruckCommitSink } from './truck-commit-sink.ts';
import { ListenerStats, type RejectionEntry } from './listener-stats.ts';
import { PlatformSessions } from './platform-sessions.ts';
import { TerminalConnection, type ConnectionContext } from './terminal-connection.ts';
import { VehicleCache } from './vehicle-cache.ts';
import { drainAndClose } from '../../net/drain-and-close.ts';

/** A pino-like logger. */
export interface TruckLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silent: TruckLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A running listener. */
export interface TruckListener extends TruckLive {
  readonly port: number;
  /** The last rejected frames, newest first. */
  recentRejections(limit?: number): RejectionEntry[];
  /** Resolves once everything received so far is stored and answered. */
  drain(): Promise<void>;
  /** Stops accepting, stores and answers what was received, closes connections. */
  stop(): Promise<void>;
}

const REGISTRY_REFRESH_MS = 30_000;
const SUMMARY_MS = 60_000;

/** Where the listener commits: the archive and the database (one process), or a sink. */
export type TruckCommitTarget =
  | {
      /** Where raw frames go before the database transaction (durable when append resolves). */
      archive: TruckArchive;
      /**
       * The database step of a batch. Default: a writer thread for a file-backed SQLite store
       * (sqlite-truck-writer.ts), writeBatch through the pool for PostgreSQL.
       */
      writeDb?: TruckDbStep;
      sink?: undefined;
    }
  | {
      /** Another commit (JetStream on an ingest node: src/scale/obd-jetstream-sink.ts). */
      sink: TruckCommitSink;
      archive?: undefined;
      writeDb?: undefined;
    };

/** Starts the listener. */
export async function startTruckListener(
  deps: { db: Db; clock: Clock; log?: TruckLog } & TruckCommitTarget,
  trucks: TrucksConfig,
): Promise<TruckListener> {
  const { db, clock } = deps;
  const log = deps.log ?? silent;
  const config = trucks.listener;
  const now = (): number => clock.now();
  const cache = new VehicleCache(db);
  await cache.reload();
  const stats = new ListenerStats();
  const connections = new Set<TerminalConnection>();
  const perAddress = new Map<string, number>();
  const connected = new Map<string, TerminalConnection>();
  const platforms = new PlatformSessions(db);
  const quarantined = new Set(
    (await db.kysely.selectFrom('truck_quarantine').select('vin').execute()).map((r) => r.vin),
  );
  const writer =
    deps.sink === undefined &&
    deps.writeDb === undefined &&
    db.dialect === 'sqlite' &&
    db.location !== ':memory:'
      ? await startSqliteTruckWriter(db, trucks.rules.movingKmh)
      : null;
  const sink =
    deps.sink ??
    storeCommitSink(
      deps.archive,
      deps.writeDb ??
        writer?.write ??
        ((writes: readonly TruckWrite[], at: number) =>
          writeBatch(db, writes, at, trucks.rules.movingKmh)),
    );
  const queue = new CommitQueue(sink, config.commitDelayMs, config.queueHigh, now, {
    pressure(on) {
      for (const c of connections)
        if (on) c.pause();
        else c.resume();
      log.warn(
        { depth: queue.depth },
        on ? '重型车写入队列超过高水位，暂停读取' : '重型车写入队列回落，恢复读取',
      );
    },
    failed(e) {
      log.error(
        { err: (e as Error)?.message ?? String(e) },
        '重型车数据写入失败，稍后重试（未应答）',
      );
    },
  });
  const ctx: ConnectionContext = {
    config,
    rules: trucks.rules,
    cache,
    queue,
    stats,
    now,
    connected,
    platforms,
    quarantineAllowed(vin) {
      if (quarantined.has(vin)) return true;
      if (quarantined.size >= config.quarantineVins) return false;
      quarantined.add(vin);
      return true;
    },
  };

  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const address = socket.remoteAddress ?? '?';
    const mine = perAddress.get(address) ?? 0;
    if (connections.size >= config.maxConnections || mine >= config.maxPerAddress) {
      stats.connectionsRefused++;
      socket.destroy();
      return;
    }
    perAddress.set(address, mine + 1);
    const c = new TerminalConnection(ctx, socket, (x) => {
      connections.delete(x);
      const n = (perAddress.get(x.address) ?? 1) - 1;
      if (n <= 0) perAddress.delete(x.address);
      else perAddress.set(x.address, n);
    });
    connections.add(c);
    if (queue.paused) c.pause();
  });
  server.on('error', (e) => log.error({ err: e.message }, '重型车终端监听错误'));
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: config.host, port: config.port, backlog: 4096 }, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a !== null ? a.port : config.port);
    });
  });

  let lastRefused = 0;
  const timers = [
    setInterval(() => {
      void cache
        .reload()
        .catch((e: Error) => log.error({ err: e.message }, '重新加载车辆登记失败'));
    }, REGISTRY_REFRESH_MS),
    setInterval(() => {
      const n = stats.takeSinceSummary();
      const refused = stats.connectionsRefused - lastRefused;
      lastRefused = stats.connectionsRefused;
      if (n > 0 || refused > 0)
        log.warn(
          { rejected: n, connectionsRefused: refused, byReason: stats.rejections },
          '重型车终端：近一分钟有被拒收的报文或连接（按原因累计见 byReason）',
        );
    }, SUMMARY_MS),
  ];
  for (const t of timers) t.unref();
  log.info({ host: config.host, port }, '重型车终端接入服务已启动');

  let stopping: Promise<void> | null = null;
  async function stop(): Promise<void> {
    for (const t of timers) clearInterval(t);
    await drainAndClose(server, connections, queue);
    await writer?.close();
    log.info({ port }, '重型车终端接入服务已停止');
  }

  return {
    port,
    isConnected: (vin) => connected.has(vin),
    connectedVins: () => new Set(connected.keys()),
    snapshot: (): TruckListenerSnapshot => ({
      port,
      connections: connections.size,
      connectionsRefused: stats.connectionsRefused,
      framesAccepted: stats.framesAccepted,
      rejections: { ...stats.rejections },
      platforms: platforms.snapshot(),
    }),
    refreshVehicles: () => cache.reload(),
    recentRejections: (limit) => stats.recent(limit),
    drain: () => queue.drain(),
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
