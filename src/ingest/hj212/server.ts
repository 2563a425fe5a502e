/**
 * The HJ 212 ingest server: a TCP listener for data loggers, the pipeline of connection.ts and
 * packet-handler.ts, group commit with acks after COMMIT (write-queue.ts), backpressure, limits,
 * the raw archive, the debounced daily roll-up of air stations and the live status. Runs inside
 * `lantian serve` beside HTTP, or in-process in tests and benchmarks.
 */
import { createServer, type Server } from 'node:net';
import type { Clock } from '../../clock.ts';
import { saveDeviceStatus } from '../../devices/device-repo.ts';
import type { Db } from '../../store/db.ts';
import type { CommandRow } from '../commands/command-repo.ts';
import { DEFAULT_DOWNLINK_OPTIONS, Downlink } from '../commands/downlink.ts';
import { Hj212Connection, type ConnectionEvents } from './connection.ts';
import { ConnectionTable } from './connection-table.ts';
import { DeviceCache, type RecentPacket } from './device-cache.ts';
import type { IngestContext } from './ingest-context.ts';
import { silentLog, type IngestLog } from './ingest-log.ts';
import { resolveIngestOptions, type Hj212IngestOptions } from './ingest-options.ts';
import type { CommittedValues, IngestSink } from './ingest-sink.ts';
import { storeSink } from './sink-factory.ts';
import { SplitTracker } from './split-tracker.ts';
import { IngestStats, type RejectionRecord } from './ingest-stats.ts';
import { buildStatus, type IngestStatus } from './ingest-status.ts';
import { RawArchive } from './raw-archive.ts';
import { RefusalLog } from './refusal-log.ts';
import { RejectSampler } from './reject-sampler.ts';
import { ValuePlausibility, type PlausibleRanges } from '../rules/value-plausibility.ts';
import { pruneQuarantine } from '../quarantine-repo.ts';
import { loadCounters, saveCounters } from '../ingest-counters-repo.ts';
import { restoreTotals, totalCounters, totalsSnapshot } from './ingest-totals.ts';
import { RollupDebouncer } from './rollup-debouncer.ts';
import { WriteQueue } from './write-queue.ts';
import { drainAndClose } from '../../net/drain-and-close.ts';

export type { Hj212IngestOptions } from './ingest-options.ts';
export type { IngestStatus } from './ingest-status.ts';

/** What the ingest server needs. */
export interface Hj212IngestDeps {
  db: Db;
  clock: Clock;
  log?: IngestLog;
  /**
   * Told of the values of every committed batch, after the acks went out (the CEMS projector,
   * src/sources/cems/cems-projector.ts). It runs on the socket path: it must only note what
   * changed, never read or write the store.
   */
  committed?: (values: CommittedValues) => void;
}

/** A running ingest server. */
export interface Hj212Ingest {
  /** The TCP port it listens on (the actual one when 0 was asked for). */
  readonly port: number;
  /** Live status. */
  status(): IngestStatus;
  /** Stops accepting, commits and acknowledges what was received, closes connections. */
  stop(): Promise<void>;
  /** Recently rejected frames, newest first. */
  rejections(filter?: { mn?: string; reason?: string; limit?: number }): RejectionRecord[];
  /** Last packets of a registered device, newest first (undefined for an unknown MN). */
  recentPackets(mn: string, limit?: number): RecentPacket[] | undefined;
  /** Latest DataTime a registered device sent (undefined when unknown). */
  lastDataTime(mn: string): number | undefined;
  /** Reloads the device registry now (after a change through the API). */
  refreshDevices(): Promise<void>;
  /** Resolves once everything received so far is committed and acknowledged. */
  drain(): Promise<void>;
  /** Recomputes the pending daily statistics now. */
  flushRollup(): Promise<void>;
  /** Replaces the sink (tests: a slowed-down writer). */
  setSink(sink: IngestSink): void;
  /** The plausible value ranges in force (a quarantine replay applies the same). */
  readonly plausibleRanges: PlausibleRanges;
  /** Sends a command to a device (queued until it connects); returns its log row. */
  command(
    mn: string,
    name: string,
    params: Readonly<Record<string, string>>,
    actor: string | null,
  ): Promise<CommandRow>;
  /** A device's command log, newest first. */
  commands(mn: string, limit?: number): Promise<CommandRow[]>;
  /** Times out old commands and sends commands queued by other processes (runs every 5 s). */
  sweepCommands(): Promise<void>;
  /** True while the device is connected to this listener (its commands go down this socket). */
  holds(mn: string): boolean;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: after a restart every logger of a city reconnects at once.
    server.listen({ host, port, backlog: 4096 }, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a !== null ? a.port : port);
    });
  });
}

/** Hands committed values to a listener; a failing listener never disturbs the pipeline. */
function noteCommitted(
  listener: (values: CommittedValues) => void,
  values: CommittedValues,
  log: IngestLog,
): void {
  try {
    listener(values);
  } catch (e) {
    log.error({ err: (e as Error).message }, '提交后数据通知失败');
  }
}

/** Starts the HJ 212 listener and its pipeline into the store. */
export async function startHj212Ingest(
  deps: Hj212IngestDeps,
  opts: Hj212IngestOptions = {},
): Promise<Hj212Ingest> {
  const options = resolveIngestOptions(opts);
  const { db, clock } = deps;
  const log = deps.log ?? silentLog;
  const now = (): number => clock.now();
  const startedAt = now();
  const cache = new DeviceCache(db, options.rateLimit, now);
  await cache.reload();
  const stats = new IngestStats();
  const archive = options.archive
    ? new RawArchive({ ...options.archive, timeZone: options.archiveTimeZone }, now)
    : null;
  const rollup = new RollupDebouncer(
    db,
    (id) => cache.stationTimeZone(id),
    options.rollupDelayMs,
    now,
    log,
  );
  const connections = new ConnectionTable<Hj212Connection>({
    max: options.maxConnections,
    maxPerAddress: options.maxPendingPerAddress,
  });
  const refusals = new RefusalLog(log, 'HJ 212 拒绝与驱逐（按间隔汇总计数）', startedAt);

  const sink = options.sink ?? (await storeSink(db, options.sqliteWriter));
  const queue = new WriteQueue(
    sink,
    {
      maxBatchPackets: options.maxBatchPackets,
      commitDelayMs: options.commitDelayMs,
      highWater: options.queueHighWater,
      lowWater: options.queueLowWater,
    },
    {
      committed(batch, result) {
        if (result.changed.length > 0) rollup.add(result.changed);
        if (deps.committed !== undefined) noteCommitted(deps.committed, batch, log);
      },
      pressure(on) {
        for (const c of connections) {
          if (on) c.pause();
          else c.resume();
        }
        log.warn(
          { depth: queue.depth },
          on ? 'HJ 212 写入队列超过高水位，暂停读取连接' : 'HJ 212 写入队列回落，恢复读取',
        );
      },
      failed(e, attempt) {
        log.error(
          { err: (e as Error)?.message ?? String(e), attempt },
          'HJ 212 批量写入失败，稍后重试（未应答）',
        );
      },
    },
    now,
  );
  const splits = new SplitTracker(log);
  const ctx: IngestContext = {
    cache,
    queue,
    stats,
    splits,
    archive,
    options,
    log,
    refusals,
    archiveSampler: new RejectSampler(options.archiveSample),
    quarantineSampler: new RejectSampler(options.quarantineSample),
    plausibility: new ValuePlausibility(options.plausibleRanges),
    clock,
  };
  const downlink = new Downlink(
    db,
    clock,
    cache,
    (dev, frame) => {
      for (const c of connections) {
        if (c.id !== dev.connectionId || c.closed || c.socket.destroyed) continue;
        c.socket.write(frame);
        return true;
      }
      return false;
    },
    {
      ...DEFAULT_DOWNLINK_OPTIONS,
      ...options.downlink,
      clockSkewLimitMs: options.clockSkewLimitMs,
    },
    log,
  );
  ctx.downlink = downlink;
  const sweepCommands = (): Promise<void> =>
    downlink.sweep().catch((e: Error) => log.error({ err: e.message }, 'HJ 212 命令检查失败'));

  // Totals survive restarts (ingest-totals.ts): add back what was saved before any traffic.
  const counters = totalCounters(ctx, rollup);
  const totalsSince = restoreTotals(counters, ctx, await loadCounters(db), startedAt);
  async function persistTotals(): Promise<void> {
    try {
      await saveCounters(db, totalsSnapshot(counters, ctx, totalsSince), now());
    } catch (e) {
      log.error({ err: (e as Error).message }, '保存接入统计失败');
    }
  }

  const events: ConnectionEvents = {
    authenticated: (c) => connections.authenticated(c),
    authTimedOut(c) {
      stats.authTimeouts++;
      refusals.note('connection_auth_timeout', c.address);
    },
    closed: (c) => connections.remove(c),
  };
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const address = socket.remoteAddress ?? '?';
    const a = connections.admit(address);
    if (!a.accept) {
      stats.connectionsRefused++;
      refusals.note('connection_refused', address);
      socket.destroy();
      return;
    }
    if (a.evict !== null) {
      if (a.why === 'per_address') stats.evictedPerAddress++;
      else stats.evictedTotal++;
      refusals.note(`connection_evicted_${a.why}`, a.evict.address);
      connections.remove(a.evict);
      a.evict.evict();
    }
    const c = new Hj212Connection(ctx, socket, events);
    connections.add(c);
    if (queue.underPressure) c.pause();
  });
  server.on('error', (e) => log.error({ err: e.message }, 'HJ 212 监听错误'));
  let port: number;
  try {
    port = await listen(server, options.host, options.port);
  } catch (e) {
    // Port taken: release the writer thread, or it would keep the process alive.
    await sink.close?.();
    throw e;
  }
  archive?.start();

  async function persistStatus(): Promise<void> {
    const rows = [];
    const t = now();
    for (const d of cache.all()) {
      if (!d.dirty || d.lastPacketAt === null) continue;
      d.dirty = false;
      rows.push({
        device_id: d.id,
        last_packet_at: d.lastPacketAt,
        last_cn: d.lastCn ?? '',
        last_peer: d.lastPeer,
        last_data_time: d.lastDataTime,
        packets: d.packets,
        updated_at: t,
      });
    }
    if (rows.length === 0) return;
    try {
      await saveDeviceStatus(db.kysely, rows);
    } catch (e) {
      log.error({ err: (e as Error).message }, '保存设备状态失败');
    }
  }
  /** Keeps the quarantine table within its row cap and retention. */
  let pruning = false;
  async function prune(): Promise<void> {
    if (pruning || options.unknownDevice !== 'quarantine') return;
    pruning = true;
    try {
      const r = await pruneQuarantine(db, options.quarantine, now());
      stats.quarantinePruned += r.deleted;
      stats.quarantineRows = r.rows;
    } catch (e) {
      log.error({ err: (e as Error).message }, '清理隔离区失败');
    } finally {
      pruning = false;
    }
  }
  const timers = [
    setInterval(
      () =>
        void cache
          .reload()
          .catch((e: Error) => log.error({ err: e.message }, '重新加载设备登记失败')),
      options.registryRefreshMs,
    ),
    setInterval(() => void persistStatus(), options.statusFlushMs),
    setInterval(() => void persistTotals(), options.statusFlushMs),
    setInterval(() => splits.expire(now()), 10_000),
    setInterval(() => refusals.flush(now()), options.refusalLogMs),
    setInterval(() => void prune(), options.quarantine.pruneMs),
    setInterval(() => void sweepCommands(), 5000),
  ];
  for (const t of timers) t.unref();
  log.info({ host: options.host, port }, 'HJ 212 接入服务已启动');

  let stopping: Promise<void> | null = null;
  async function stop(): Promise<void> {
    for (const t of timers) clearInterval(t);
    await drainAndClose(server, connections, queue);
    await sink.close?.();
    await rollup.stop();
    await archive?.close();
    await persistStatus();
    await prune();
    refusals.flush(now());
    await persistTotals();
    await downlink.flush();
    log.info({ port }, 'HJ 212 接入服务已停止');
  }

  return {
    port,
    status: () =>
      buildStatus(ctx, {
        port,
        startedAt,
        totalsSince,
        running: stopping === null,
        connections,
        rollup,
      }),
    stop() {
      stopping ??= stop();
      return stopping;
    },
    rejections: (filter) => stats.rejections(filter),
    recentPackets(mn, limit) {
      return cache.get(mn)?.recentPackets(limit);
    },
    lastDataTime: (mn) => cache.get(mn)?.lastDataTime ?? undefined,
    refreshDevices: () => cache.reload(),
    drain: () => queue.drain(),
    flushRollup: () => rollup.flush(),
    setSink: (sink) => queue.setSink(sink),
    plausibleRanges: options.plausibleRanges,
    command: (mn, name, params, actor) => downlink.send(mn, name, params, 'operator', actor),
    commands: (mn, limit) => downlink.commands(mn, limit),
    sweepCommands,
    holds: (mn) => (cache.get(mn)?.connectionId ?? null) !== null,
  };
}
