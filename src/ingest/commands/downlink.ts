/**
 * The HJ 212 downlink: commands sent to data loggers and their answers, with the command log in
 * device_commands (HJ 212-2017 §6.6, Table 9; return codes Tables 6 and 7).
 *
 * - An operator's command (API, or CLI through the queue) is sent at once when the device is
 *   connected, otherwise when it next speaks. Answers: 9011 QnRtn=1 → accepted, other QnRtn →
 *   refused; a "get" answer (1011/1061/1063 with the request QN) → its value; history data
 *   (2061/2051/2031 with the request QN) are stored as uploads and counted; 9012 ExeRtn=1 → done,
 *   other ExeRtn → failed. No 9012 within the timeout → timeout.
 * - A logger's own time-calibration request (1013) is answered with 1012 (the server's time).
 * - Clock: a device with clock_sync = 'auto' whose skew exceeds the limit gets 1012 with the
 *   server's time, at most once per clockSyncGapMs.
 * - Missing hours: a device with backfill = 'auto' whose hourly data (2061) jump over hours gets a
 *   2061 history request for them (at most backfillMaxHours back, at most once per
 *   backfillGapMs; hours missed meanwhile are merged into the next request).
 */
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import {
  answeredQn,
  buildRequest,
  COMMANDS,
  commandOfCn,
  cpValue,
  EXE_RTN_TEXT,
  formatHj212Time,
  formatQn,
  QN_RTN_TEXT,
  serialize,
  type CommandName,
  type ExeRtnCode,
  type Hj212Packet,
  type Hj212Version,
  type QnRtnCode,
} from '../../protocols/hj212/index.ts';
import type { Db } from '../../store/db.ts';
import type { DeviceCache, DeviceEntry } from '../hj212/device-cache.ts';
import { parseDataTime } from '../hj212/data-time.ts';
import type { IngestLog } from '../hj212/ingest-context.ts';
import { checkCommand } from './command-params.ts';
import {
  insertCommand,
  listCommands,
  queuedCommands,
  updateCommand,
  type CommandRow,
} from './command-repo.ts';

const HOUR = 3_600_000;

/** Downlink settings (LANTIAN_HJ212_COMMAND_TIMEOUT_S, _CLOCK_SYNC_GAP_S, _BACKFILL*). */
export interface DownlinkOptions {
  /** A command without 9012 this long after sending times out; default 600 000 ms. */
  commandTimeoutMs: number;
  /** Clock skew beyond which clock_sync = 'auto' sends 1012; default 300 000 ms. */
  clockSkewLimitMs: number;
  /** Automatic 1012 at most this often per device; default 3 600 000 ms. */
  clockSyncGapMs: number;
  /** Missing hours are requested automatically (devices with backfill = 'auto'); default on. */
  backfill: boolean;
  /** Automatic history requests at most this often per device; default 600 000 ms. */
  backfillGapMs: number;
  /** Hours requested at most, counting back from the newest missing one; default 168. */
  backfillMaxHours: number;
}

/** Default downlink settings. */
export const DEFAULT_DOWNLINK_OPTIONS: DownlinkOptions = Object.freeze({
  commandTimeoutMs: 600_000,
  clockSkewLimitMs: 300_000,
  clockSyncGapMs: HOUR,
  backfill: true,
  backfillGapMs: 600_000,
  backfillMaxHours: 168,
});

/** Where a device's command frame goes: its open connection, if any. */
export type CommandWriter = (dev: DeviceEntry, frame: Buffer) => boolean;

/** Who asked for a command. */
export type CommandOrigin = 'operator' | 'clock' | 'backfill';

interface Pending {
  readonly idP: Promise<number>;
  readonly mn: string;
  readonly name: CommandName;
  status: string;
  sentAt: number | null;
  readonly answer: Record<string, string | number>;
  frame: Buffer;
}

/** The downlink of one ingest server. */
export class Downlink {
  private readonly pending = new Map<string, Pending>();
  private readonly lastClockSync = new Map<string, number>();
  private readonly lastTimeRequest = new Map<string, number>();
  private readonly lastBackfill = new Map<string, number>();
  private readonly lastHour = new Map<string, number>();
  private readonly missing = new Map<string, { from: number; to: number }>();
  private chain: Promise<unknown> = Promise.resolve();
  private lastQn = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cache: DeviceCache,
    private readonly write: CommandWriter,
    private readonly options: DownlinkOptions,
    private readonly log: IngestLog,
  ) {}

  /** Sends (or queues until the device speaks) a command; returns its log row. */
  async send(
    mn: string,
    name: string,
    given: Readonly<Record<string, string>>,
    origin: CommandOrigin,
    actor: string | null,
  ): Promise<CommandRow> {
    const dev = this.cache.get(mn);
    if (dev === undefined) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', mn);
    const now = this.clock.now();
    const c = checkCommand(name, given, now, dev.timeZone);
    const p = this.start(dev, c.name, c.params, origin, actor, now);
    const id = await p.idP;
    await this.flush();
    const row = (await listCommands(this.db.kysely, mn, 200)).find((r) => r.id === id);
    return row!;
  }

  /** A device's command log, newest first (after pending writes). */
  async commands(mn: string, limit = 50): Promise<CommandRow[]> {
    await this.flush();
    return listCommands(this.db.kysely, mn, limit);
  }

  /** Waits for the log writes queued so far. */
  async flush(): Promise<void> {
    let c: Promise<unknown>;
    do {
      c = this.chain;
      await c;
    } while (c !== this.chain);
  }

  /**
   * Looks at a packet accepted from a registered device: answers to commands, its clock, its
   * hourly data. Returns true when the packet answers a command.
   */
  observe(dev: DeviceEntry, p: Hj212Packet, dataTimeMs: number, now: number): boolean {
    this.sendWaiting(dev, now);
    const qn = answeredQn(p);
    const cmd = qn === undefined ? undefined : this.pending.get(qn);
    if (cmd !== undefined && cmd.mn === dev.mn) {
      this.answer(dev, cmd, qn!, p, now);
      return true;
    }
    // HJ 212-2017 Table 9 1013 (现场机时间校准请求): the logger asks for the time; after its 9013
    // (ackFor) the upper computer sets it with 1012.
    if (p.cn === '1013') {
      // At most one answer a minute per device, so a logger repeating 1013 cannot fill the log.
      const last = this.lastTimeRequest.get(dev.mn);
      if (last !== undefined && now - last < 60_000) return false;
      this.lastTimeRequest.set(dev.mn, now);
      const params: Array<[string, string]> = [['SystemTime', formatHj212Time(now, dev.timeZone)]];
      this.start(dev, 'set-time', params, 'clock', null, now);
      return false;
    }
    if (dev.clockSync) this.syncClock(dev, now);
    if (p.cn === '2061' && Number.isFinite(dataTimeMs)) this.hourSeen(dev, dataTimeMs, now);
    return false;
  }

  /** Times out old commands and sends commands queued by other processes. */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    for (const [qn, c] of this.pending) {
      if (c.sentAt !== null && now - c.sentAt > this.options.commandTimeoutMs) {
        this.pending.delete(qn);
        this.finish(c, 'timeout', now, `${this.options.commandTimeoutMs / 1000} 秒内未收到 9012`);
      }
    }
    for (const dev of this.cache.all()) this.tryBackfill(dev, now);
    const queued = await queuedCommands(this.db.kysely);
    for (const r of queued) {
      if (this.pending.has(r.qn)) continue;
      const dev = this.cache.get(r.mn);
      if (dev === undefined) continue;
      const name = commandOfCn(r.cn);
      if (name === undefined) continue;
      const params = Object.entries(JSON.parse(r.params) as Record<string, string>);
      const frame = this.frameOf(dev, name, r.qn, params);
      const c: Pending = {
        idP: Promise.resolve(r.id),
        mn: r.mn,
        name,
        status: 'queued',
        sentAt: null,
        answer: {},
        frame,
      };
      this.pending.set(r.qn, c);
      this.sendWaiting(dev, now);
    }
  }

  private start(
    dev: DeviceEntry,
    name: CommandName,
    params: Array<[string, string]>,
    origin: CommandOrigin,
    actor: string | null,
    now: number,
  ): Pending {
    const qn = this.nextQn(now, dev.timeZone);
    const frame = this.frameOf(dev, name, qn, params);
    const sent = this.write(dev, frame);
    const status = sent ? 'sent' : 'queued';
    const idP = this.enqueue(() =>
      insertCommand(this.db.kysely, {
        device_id: dev.id,
        mn: dev.mn,
        cn: COMMANDS[name].cn,
        qn,
        params: JSON.stringify(Object.fromEntries(params)),
        origin,
        actor,
        status,
        created_at: now,
        sent_at: sent ? now : null,
        detail: sent ? null : '设备未连接，待其下次上线时发送',
      }),
    );
    const c: Pending = {
      idP,
      mn: dev.mn,
      name,
      status,
      sentAt: sent ? now : null,
      answer: {},
      frame,
    };
    this.pending.set(qn, c);
    this.log.info({ mn: dev.mn, cn: COMMANDS[name].cn, qn, origin, sent }, 'HJ 212 下发命令');
    return c;
  }

  private frameOf(
    dev: DeviceEntry,
    name: CommandName,
    qn: string,
    params: Array<[string, string]>,
  ): Buffer {
    // HJ 212-2017 Table 5: 22 air quality, 31 flue gas (outlets); the logger's own ST once seen.
    const st = dev.lastSt ?? (dev.kind === 'station' ? '22' : '31');
    const version: Hj212Version = dev.version ?? dev.lastVersion ?? '2017';
    const p = buildRequest(name, { qn, st, pw: dev.password, mn: dev.mn, version, params });
    return serialize(p, { crc: dev.crc });
  }

  private sendWaiting(dev: DeviceEntry, now: number): void {
    for (const c of this.pending.values()) {
      if (c.status !== 'queued' || c.mn !== dev.mn) continue;
      if (!this.write(dev, c.frame)) return;
      c.status = 'sent';
      c.sentAt = now;
      this.update(c, { status: 'sent', sent_at: now, detail: null });
    }
  }

  private answer(dev: DeviceEntry, c: Pending, qn: string, p: Hj212Packet, now: number): void {
    const spec = COMMANDS[c.name];
    if (p.cn === '9011') {
      const code = Number(cpValue(p, 'QnRtn')) as QnRtnCode;
      c.answer.QnRtn = code;
      if (code === 1) {
        c.status = 'accepted';
        this.update(c, { status: 'accepted', answered_at: now, answer: JSON.stringify(c.answer) });
      } else {
        this.pending.delete(qn);
        this.finish(c, 'refused', now, `9011 QnRtn=${code} ${QN_RTN_TEXT[code] ?? ''}`.trim());
      }
      return;
    }
    if (p.cn === '9012') {
      const code = Number(cpValue(p, 'ExeRtn')) as ExeRtnCode;
      c.answer.ExeRtn = code;
      this.pending.delete(qn);
      const text = `9012 ExeRtn=${code} ${EXE_RTN_TEXT[code] ?? ''}`.trim();
      this.finish(c, code === 1 ? 'done' : 'failed', now, text);
      return;
    }
    if (p.cn === spec.cn && spec.kind === 'get' && 'answerKey' in spec) {
      const v = cpValue(p, spec.answerKey);
      if (v !== undefined) c.answer[spec.answerKey] = v;
      // HJ 212-2017 Table 9 1011: the logger's own time — the exact clock skew.
      if (spec.answerKey === 'SystemTime' && v !== undefined) {
        dev.clock.observe('1011', parseDataTime(v, dev.timeZone), now);
      }
      this.update(c, { answered_at: now, answer: JSON.stringify(c.answer) });
      return;
    }
    if (p.cn === spec.cn && spec.kind === 'history') {
      c.answer.packets = Number(c.answer.packets ?? 0) + 1;
      this.update(c, { answered_at: now, answer: JSON.stringify(c.answer) });
    }
  }

  private finish(c: Pending, status: string, now: number, detail: string): void {
    c.status = status;
    this.update(c, { status, answered_at: now, answer: JSON.stringify(c.answer), detail });
    this.log.info({ mn: c.mn, cn: COMMANDS[c.name].cn, status, detail }, 'HJ 212 命令结束');
  }

  private syncClock(dev: DeviceEntry, now: number): void {
    if (!dev.clock.exceeds(this.options.clockSkewLimitMs)) return;
    const last = this.lastClockSync.get(dev.mn);
    if (last !== undefined && now - last < this.options.clockSyncGapMs) return;
    this.lastClockSync.set(dev.mn, now);
    const params: Array<[string, string]> = [['SystemTime', formatHj212Time(now, dev.timeZone)]];
    this.start(dev, 'set-time', params, 'clock', null, now);
  }

  private hourSeen(dev: DeviceEntry, dt: number, now: number): void {
    const prev = this.lastHour.get(dev.mn);
    if (prev !== undefined && dt <= prev) return;
    this.lastHour.set(dev.mn, dt);
    if (prev === undefined || dt - prev <= HOUR) return;
    const gap = { from: prev + HOUR, to: dt - HOUR };
    const old = this.missing.get(dev.mn);
    this.missing.set(dev.mn, old ? { from: Math.min(old.from, gap.from), to: gap.to } : gap);
    this.tryBackfill(dev, now);
  }

  private tryBackfill(dev: DeviceEntry, now: number): void {
    const gap = this.missing.get(dev.mn);
    if (gap === undefined || !this.options.backfill || !dev.backfill) return;
    if (dev.connectionId === null) return;
    const last = this.lastBackfill.get(dev.mn);
    if (last !== undefined && now - last < this.options.backfillGapMs) return;
    this.missing.delete(dev.mn);
    this.lastBackfill.set(dev.mn, now);
    const from = Math.max(gap.from, gap.to - (this.options.backfillMaxHours - 1) * HOUR);
    const params: Array<[string, string]> = [
      ['BeginTime', formatHj212Time(from, dev.timeZone)],
      ['EndTime', formatHj212Time(gap.to, dev.timeZone)],
    ];
    this.start(dev, 'history-hour', params, 'backfill', null, now);
  }

  private nextQn(now: number, timeZone: string): string {
    const t = Math.max(now, this.lastQn + 1);
    this.lastQn = t;
    return formatQn(t, timeZone);
  }

  private update(c: Pending, set: Parameters<typeof updateCommand>[2]): void {
    void this.enqueue(async () => updateCommand(this.db.kysely, await c.idP, set));
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch((e: Error) => this.log.error({ err: e.message }, '写入命令记录失败'));
    return p;
  }
}
