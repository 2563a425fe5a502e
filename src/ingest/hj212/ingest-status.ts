/** The live status of the ingest server, as /api/ingest/status returns it. */
import { DEFAULT_CLOCK_SKEW_LIMIT_MS } from './clock-skew.ts';
import type { DeviceEntry } from './device-cache.ts';
import type { IngestContext } from './ingest-context.ts';
import type { MinuteCounts } from './ingest-stats.ts';
import type { RollupDebouncer } from './rollup-debouncer.ts';

/** One registered device in the status. */
export interface DeviceStatus {
  mn: string;
  name: string | null;
  kind: string;
  target: string;
  connected: boolean;
  peer: string | null;
  lastPacketAt: number | null;
  lastCn: string | null;
  packets: number;
  rejected: number;
  intervalS: number;
  /** Silent for longer than twice its reporting interval (since its last packet or registration). */
  silent: boolean;
  silentForS: number | null;
  /** The logger's clock minus arrival time (s), from its latest DataTime or SystemTime. */
  clockSkewS: number | null;
  /** Problems to act on: 'silent', 'clock_skew' (beyond LANTIAN_HJ212_CLOCK_SKEW_S). */
  problems: string[];
}

/** One open connection. */
export interface ConnectionStatus {
  id: number;
  peer: string;
  mn: string | null;
  openedAt: number;
  packets: number;
  rejected: number;
  paused: boolean;
  /** Sent a frame with the MN and PW of a registered device. */
  authenticated: boolean;
}

/** Everything /api/ingest/status shows. */
export interface IngestStatus {
  running: boolean;
  host: string;
  port: number;
  startedAt: number;
  now: number;
  unknownDevice: 'reject' | 'quarantine';
  connections: {
    open: number;
    max: number;
    /** Open and not yet authenticated (evictable). */
    unauthenticated: number;
    /** Bound on unauthenticated connections from one address. */
    maxPendingPerAddress: number;
    authTimeoutMs: number;
    paused: number;
    /** Refused because every open connection was authenticated and the maximum was reached. */
    refused: number;
    /** Unauthenticated connections closed to make room (per-address bound, total bound). */
    evictedPerAddress: number;
    evictedTotal: number;
    /** Closed for sending no registered device's frame within the auth timeout. */
    authTimeouts: number;
    list: ConnectionStatus[];
  };
  queue: {
    depth: number;
    inFlight: number;
    highWater: number;
    lowWater: number;
    underPressure: boolean;
    batches: number;
    lastBatchPackets: number;
    lastCommitMs: number | null;
    meanCommitMs: number | null;
    failures: number;
    lastError: string | null;
  };
  totals: {
    /** When counting started: the first start with this database (totals survive restarts). */
    since: number;
    packets: number;
    values: number;
    acks: number;
    acksDropped: number;
    rejected: number;
    quarantined: number;
    rejectedBy: Record<string, number>;
    /** Split messages complete, and with parts missing (every part that arrived is stored). */
    splitComplete: number;
    splitIncomplete: number;
  };
  ackLatencyMs: { samples: number; p50: number | null; p99: number | null; max: number | null };
  perMinute: MinuteCounts[];
  archive: {
    enabled: boolean;
    dir: string | null;
    lines: number;
    bytes: number;
    dropped: number;
    errors: number;
    /** Size of the archive directory, and its cap (0 = none). */
    diskBytes: number;
    maxBytes: number;
    rejectedBytesPerHour: number;
    /** Rejected frames not archived by per-address sampling, and by the hourly budget or size cap. */
    sampledOut: number;
    droppedByCap: number;
    daysDeletedByCap: number;
  };
  quarantine: {
    rows: number;
    maxRows: number;
    retentionDays: number;
    /** Packets not quarantined by the per-connection and per-address limits. */
    sampledOut: number;
    /** Rows deleted by the row cap and retention. */
    pruned: number;
  };
  /** Refusals are logged as one line of counts per interval. */
  refusalLog: { intervalMs: number; lines: number };
  rollup: { stationDaysWritten: number; failures: number };
  devices: { registered: number; connected: number; silent: number; list: DeviceStatus[] };
}

/** Status of one device at `now`. */
export function deviceStatus(
  d: DeviceEntry,
  now: number,
  clockSkewLimitMs = DEFAULT_CLOCK_SKEW_LIMIT_MS,
): DeviceStatus {
  const since = d.lastPacketAt ?? d.createdAt;
  const silentMs = now - since;
  const silent = silentMs > 2 * d.intervalS * 1000;
  const skewed = d.clock.exceeds(clockSkewLimitMs);
  return {
    mn: d.mn,
    name: d.name,
    kind: d.kind,
    target: d.target,
    connected: d.connectionId !== null,
    peer: d.lastPeer,
    lastPacketAt: d.lastPacketAt,
    lastCn: d.lastCn,
    packets: d.packets,
    rejected: d.rejected,
    intervalS: d.intervalS,
    silent,
    silentForS: d.lastPacketAt === null ? null : Math.max(0, Math.floor(silentMs / 1000)),
    clockSkewS: d.clock.skewMs === null ? null : Math.round(d.clock.skewMs / 1000),
    problems: [...(silent ? ['silent'] : []), ...(skewed ? ['clock_skew'] : [])],
  };
}

/** What the status needs besides the shared context. */
export interface StatusParts {
  port: number;
  startedAt: number;
  totalsSince: number;
  running: boolean;
  connections: Iterable<ConnectionStatus & { readonly socket?: unknown }> & {
    readonly unauthenticated: number;
  };
  rollup: RollupDebouncer;
}

/** The live status at the context clock's now. */
export function buildStatus(ctx: IngestContext, parts: StatusParts): IngestStatus {
  const { options, queue, stats, archive, cache } = ctx;
  const t = ctx.clock.now();
  const list: DeviceStatus[] = [];
  let connected = 0;
  let silent = 0;
  for (const d of cache.all()) {
    const s = deviceStatus(d, t, options.clockSkewLimitMs);
    if (s.connected) connected++;
    if (s.silent) silent++;
    list.push(s);
  }
  const conns = [...parts.connections];
  return {
    running: parts.running,
    host: options.host,
    port: parts.port,
    startedAt: parts.startedAt,
    now: t,
    unknownDevice: options.unknownDevice,
    connections: {
      open: conns.length,
      max: options.maxConnections,
      unauthenticated: parts.connections.unauthenticated,
      maxPendingPerAddress: options.maxPendingPerAddress,
      authTimeoutMs: options.authTimeoutMs,
      paused: conns.filter((c) => c.paused).length,
      refused: stats.connectionsRefused,
      evictedPerAddress: stats.evictedPerAddress,
      evictedTotal: stats.evictedTotal,
      authTimeouts: stats.authTimeouts,
      list: conns.slice(0, 1000).map((c) => ({
        id: c.id,
        peer: c.peer,
        mn: c.mn,
        openedAt: c.openedAt,
        packets: c.packets,
        rejected: c.rejected,
        paused: c.paused,
        authenticated: c.authenticated,
      })),
    },
    queue: {
      depth: queue.depth,
      inFlight: queue.inFlight,
      highWater: options.queueHighWater,
      lowWater: options.queueLowWater,
      underPressure: queue.underPressure,
      batches: queue.batches,
      lastBatchPackets: queue.lastBatchPackets,
      lastCommitMs: queue.lastCommitMs,
      meanCommitMs: queue.batches > 0 ? queue.commitMsTotal / queue.batches : null,
      failures: queue.failures,
      lastError: queue.lastError,
    },
    totals: {
      since: parts.totalsSince,
      packets: stats.packets,
      values: stats.values,
      acks: stats.acks,
      acksDropped: stats.acksDropped,
      rejected: stats.rejected,
      quarantined: stats.quarantined,
      rejectedBy: { ...stats.rejectedBy },
      splitComplete: ctx.splits.complete,
      splitIncomplete: ctx.splits.incomplete,
    },
    ackLatencyMs: stats.ackLatency(),
    perMinute: stats.perMinute(),
    archive: {
      enabled: archive !== null,
      dir: options.archive ? options.archive.dir : null,
      lines: archive?.lines ?? 0,
      bytes: archive?.bytes ?? 0,
      dropped: archive?.dropped ?? 0,
      errors: archive?.errors ?? 0,
      diskBytes: archive?.diskBytes ?? 0,
      maxBytes: options.archive ? options.archive.maxBytes : 0,
      rejectedBytesPerHour: options.archive ? options.archive.rejectedBytesPerHour : 0,
      sampledOut: ctx.archiveSampler.sampledOut,
      droppedByCap: archive?.droppedByCap ?? 0,
      daysDeletedByCap: archive?.daysDeletedByCap ?? 0,
    },
    quarantine: {
      rows: stats.quarantineRows,
      maxRows: options.quarantine.maxRows,
      retentionDays: options.quarantine.retentionDays,
      sampledOut: ctx.quarantineSampler.sampledOut,
      pruned: stats.quarantinePruned,
    },
    refusalLog: { intervalMs: options.refusalLogMs, lines: ctx.refusals.lines },
    rollup: { stationDaysWritten: parts.rollup.written, failures: parts.rollup.failures },
    devices: { registered: cache.size, connected, silent, list },
  };
}
