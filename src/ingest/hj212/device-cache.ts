/**
 * The device registry as ingest sees it: an in-memory map MN → entry, reloaded from the store
 * periodically, after registry changes made through the API, and (rate-limited) when an unknown
 * MN shows up — so `lantian device import` in another process takes effect within seconds.
 * Runtime state (last packet, counters, rate-limit bucket, recent packets) lives on the entry
 * and survives reloads.
 */
import { DeviceCodeMap, parseAliasColumn, type DeviceKind } from '../../devices/aliases.ts';
import { listDevices, type DeviceView } from '../../devices/device-repo.ts';
import type { DeviceEdition } from '../../devices/device-rules.ts';
import type { CrcVariant, Hj212Version } from '../../protocols/hj212/index.ts';
import type { Db } from '../../store/db.ts';
import { ClockWatch } from './clock-skew.ts';
import { newBucket, type RateLimit, type TokenBucket } from './rate-limiter.ts';

/** One packet as the device page shows it. */
export interface RecentPacket {
  at: number;
  peer: string;
  cn: string;
  qn: string | null;
  dataTime: string | null;
  /** 'ok' or the reject reason. */
  status: string;
  values: number;
}

const RECENT = 20;

/** A registered device with its runtime state. */
export class DeviceEntry {
  readonly id: number;
  readonly mn: string;
  readonly name: string | null;
  readonly kind: DeviceKind;
  readonly target: string;
  readonly stationId: number | null;
  readonly password: string;
  readonly version: Hj212Version | undefined;
  readonly edition: DeviceEdition;
  readonly crc: CrcVariant;
  readonly intervalS: number;
  readonly sourceId: number;
  readonly timeZone: string;
  readonly createdAt: number;
  readonly codes: DeviceCodeMap;
  /** CR LF demanded after the CRC (device setting line_end = 'crlf'). */
  readonly strictLineEnd: boolean;
  /** Set the logger's clock (CN 1012) when it drifts (device setting clock_sync = 'auto'). */
  readonly clockSync: boolean;
  /** Request missing hours (CN 2061) after a gap (device setting backfill = 'auto'). */
  readonly backfill: boolean;

  lastPacketAt: number | null;
  lastCn: string | null;
  lastPeer: string | null;
  /** Latest DataTime of its uploads. */
  lastDataTime: number | null;
  packets: number;
  rejected = 0;
  /** Status changed since it was last persisted. */
  dirty = false;
  /** The connection the device last spoke on (null when none is open). */
  connectionId: number | null = null;
  bucket: TokenBucket;
  /** Ring of the last packets, newest at (recentNext - 1). */
  readonly recent: RecentPacket[] = [];
  recentNext = 0;
  /** System code and edition of its last packet (for commands sent to it). */
  lastSt: string | undefined = undefined;
  lastVersion: Hj212Version | undefined = undefined;
  /** The logger's clock as its DataTimes show it (clock-skew.ts). */
  clock = new ClockWatch();
  /** Last DataTime text and its epoch (uploads of one packet series repeat it). */
  lastDataTimeText = '';
  lastDataTimeMs = 0;

  constructor(v: DeviceView, limit: RateLimit, now: number) {
    this.id = v.id;
    this.mn = v.mn;
    this.name = v.name;
    this.kind = v.kind as DeviceKind;
    this.target = v.target;
    this.stationId = v.station_id;
    this.password = v.password;
    this.edition = v.edition as DeviceEdition;
    this.version = v.edition === 'auto' ? undefined : (v.edition as Hj212Version);
    this.crc = v.crc as CrcVariant;
    this.intervalS = v.interval_s;
    this.sourceId = v.source_id;
    this.timeZone = v.time_zone;
    this.createdAt = v.created_at;
    this.codes = new DeviceCodeMap(this.kind, parseAliasColumn(v.aliases));
    this.strictLineEnd = v.line_end === 'crlf';
    this.clockSync = v.clock_sync === 'auto';
    this.backfill = v.backfill === 'auto';
    this.lastPacketAt = v.last_packet_at;
    this.lastCn = v.last_cn;
    this.lastPeer = v.last_peer;
    this.lastDataTime = v.last_data_time;
    this.packets = v.packets ?? 0;
    this.bucket = newBucket(limit, now);
  }

  /** Records a packet in the recent ring. */
  remember(p: RecentPacket): void {
    this.recent[this.recentNext % RECENT] = p;
    this.recentNext++;
  }

  /** The last packets, newest first. */
  recentPackets(limit = RECENT): RecentPacket[] {
    const out: RecentPacket[] = [];
    const n = Math.min(limit, RECENT, this.recentNext);
    for (let k = 1; k <= n; k++) out.push(this.recent[(this.recentNext - k) % RECENT]!);
    return out;
  }

  /** Takes over the runtime state of the entry this one replaces. */
  inherit(old: DeviceEntry): void {
    if (old.id !== this.id) return;
    this.lastPacketAt = old.lastPacketAt;
    this.lastCn = old.lastCn;
    this.lastPeer = old.lastPeer;
    this.lastDataTime = old.lastDataTime;
    this.packets = old.packets;
    this.rejected = old.rejected;
    this.dirty = old.dirty;
    this.connectionId = old.connectionId;
    this.bucket = old.bucket;
    this.recent.push(...old.recent);
    this.recentNext = old.recentNext;
    this.clock = old.clock;
    this.lastSt = old.lastSt;
    this.lastVersion = old.lastVersion;
  }
}

/** MN → device entry, reloadable. */
export class DeviceCache {
  private byMn = new Map<string, DeviceEntry>();
  private byStation = new Map<number, DeviceEntry>();
  private loading: Promise<void> | null = null;
  private lastLoad = 0;

  constructor(
    private readonly db: Db,
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  /** The entry of an MN, or undefined. */
  get(mn: string): DeviceEntry | undefined {
    return this.byMn.get(mn);
  }

  /** Time zone of a station (from one of its devices); Asia/Shanghai when unknown. */
  stationTimeZone(stationId: number): string {
    return this.byStation.get(stationId)?.timeZone ?? 'Asia/Shanghai';
  }

  /** All entries. */
  all(): IterableIterator<DeviceEntry> {
    return this.byMn.values();
  }

  /** Number of registered devices. */
  get size(): number {
    return this.byMn.size;
  }

  /** Reloads the registry from the store (one load at a time). */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Reloads unless a load happened within `minGapMs` (used when an unknown MN arrives). */
  reloadSoon(minGapMs: number): void {
    if (this.now() - this.lastLoad >= minGapMs) void this.reload().catch(() => undefined);
  }

  private async load(): Promise<void> {
    const now = this.now();
    this.lastLoad = now;
    const rows = await listDevices(this.db.kysely);
    const byMn = new Map<string, DeviceEntry>();
    const byStation = new Map<number, DeviceEntry>();
    for (const r of rows) {
      const e = new DeviceEntry(r, this.limit, now);
      const old = this.byMn.get(r.mn);
      if (old) e.inherit(old);
      byMn.set(e.mn, e);
      if (e.stationId !== null) byStation.set(e.stationId, e);
    }
    this.byMn = byMn;
    this.byStation = byStation;
  }
}
