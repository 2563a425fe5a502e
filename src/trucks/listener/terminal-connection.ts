/**
 * One terminal (or forwarding platform) connection: bytes → Gb17691Decoder → store → reply.
 * Frames of registered VINs are queued for the group commit with their reply, written only after
 * COMMIT (replyFor: HJ mode answers login, real-time, reissue, logout, anti-tamper and time
 * calibration; GB mode only time calibration — docs/trucks.md "Replies"). Frames of unregistered
 * VINs and frames the codec refuses are counted by reason and never answered; unregistered VINs
 * are also quarantined (one counted row per VIN, bounded).
 *
 * A forwarding platform logs in with `~~` 0x07 first (platform-sessions.ts); the frames after a
 * login are held until the password is checked, and the socket is not read meanwhile. A refused
 * login is answered with the error flag and the connection is closed; `~~` data frames without a
 * login are refused
 * (`platform_not_logged_in`); a logged-in platform's frames are counted per platform, refused
 * outside its region (`platform_scope`) and named in the peer (`ip:port（平台 名称）`).
 */
import type { Socket } from 'node:net';
import {
  COMMAND,
  decodePlatformLogin,
  Gb17691Decoder,
  isPlatformLogout,
  PLATFORM_COMMAND,
  platformReply,
  replyFor,
  type DecodeEvent,
  type Gb17691Message,
  type PlatformMessage,
} from '../../protocols/gb17691/index.ts';
import { messageRows } from '../record-rows.ts';
import type { RecordRuleConfig } from '../rules/record-flags.ts';
import type { TruckListenerConfig } from '../trucks-config.ts';
import type { CommitQueue } from './commit-queue.ts';
import type { ListenerStats } from './listener-stats.ts';
import type { PlatformSession, PlatformSessions } from './platform-sessions.ts';
import type { VehicleCache } from './vehicle-cache.ts';

/** Largest reply backlog for a peer that does not read; beyond it the connection is closed. */
const MAX_UNREAD_REPLY_BYTES = 1 << 20;

/** What connections share. */
export interface ConnectionContext {
  readonly config: TruckListenerConfig;
  readonly rules: RecordRuleConfig;
  readonly cache: VehicleCache;
  readonly queue: CommitQueue;
  readonly stats: ListenerStats;
  readonly now: () => number;
  /** VIN → the connection it last sent on (the "connected" state). */
  readonly connected: Map<string, TerminalConnection>;
  readonly platforms: PlatformSessions;
  /** Whether a VIN may get a new quarantine row (bounded number of distinct VINs). */
  quarantineAllowed(vin: string): boolean;
}

/** A connected terminal. */
export class TerminalConnection {
  readonly peer: string;
  readonly address: string;
  closed = false;
  private readonly decoder: Gb17691Decoder;
  private readonly vins = new Set<string>();
  /** The forwarding platform logged in on this connection. */
  private platform: PlatformSession | null = null;
  /** Events held while a platform login is checked (null when none is). */
  private held: DecodeEvent[] | null = null;
  private loginDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ConnectionContext,
    readonly socket: Socket,
    private readonly onClose: (c: TerminalConnection) => void,
  ) {
    this.address = socket.remoteAddress ?? '?';
    this.peer = `${this.address}:${socket.remotePort ?? 0}`;
    this.decoder = new Gb17691Decoder({
      maxDataLength: ctx.config.maxDataLength,
      vinCheckDigit: ctx.config.vinCheck,
      layoutFor: (vin) => ctx.cache.get(vin)?.layout,
      keys: { signer: (vin) => ctx.cache.get(vin)?.signer },
    });
    socket.setNoDelay(true);
    socket.setTimeout(ctx.config.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.handle(this.decoder.push(chunk)));
    socket.on('end', () => {
      this.handle(this.decoder.flush());
      // Answer what was sent before the FIN (after a pending platform login), then close.
      void this.loginDone.then(() => ctx.queue.add({ write: null, done: () => this.socket.end() }));
    });
    socket.on('timeout', () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      if (this.platform) ctx.platforms.left(this.platform);
      for (const vin of this.vins) if (ctx.connected.get(vin) === this) ctx.connected.delete(vin);
      this.onClose(this);
    });
  }

  pause(): void {
    if (!this.closed) this.socket.pause();
  }

  resume(): void {
    // A platform login being checked keeps the socket paused (what arrives meanwhile is held).
    if (!this.closed && this.held === null) this.socket.resume();
  }

  /** The peer, with the platform's name once one logged in on this connection. */
  private get source(): string {
    return this.platform ? `${this.peer}（平台 ${this.platform.name}）` : this.peer;
  }

  private handle(events: DecodeEvent[]): void {
    if (this.held !== null) {
      this.held.push(...events);
      return;
    }
    const now = this.ctx.now();
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.ok && e.message.kind === 'platform') {
        if (this.platformCommand(e.message, e.frame.raw, now)) {
          // Read nothing more until the password is checked: what is held stays this chunk.
          this.held = events.slice(i + 1);
          this.socket.pause();
          return;
        }
        if (this.held !== null) return; // refused: the connection is closing
        continue;
      }
      if (!e.ok) {
        this.ctx.stats.reject({
          at: now,
          peer: this.source,
          reason: e.reason,
          detail: e.detail,
          vin: e.vin ?? null,
          command: e.command ?? null,
          raw: e.raw,
        });
        this.keepKeyFailure(e.reason, e.vin, e.raw, now);
        continue;
      }
      this.accept(e.message, e.frame.raw, now);
    }
  }

  /**
   * A `~~` platform command. Returns true when a login check started: the events after it wait
   * in `held` until it ends.
   */
  private platformCommand(m: PlatformMessage, raw: Buffer, now: number): boolean {
    const data = Buffer.from(m.data, 'hex');
    if (m.command === PLATFORM_COMMAND.login) {
      const body = decodePlatformLogin(data);
      if (body === null) {
        this.refusePlatform(
          m,
          raw,
          now,
          'bad_data_unit',
          `平台登入数据单元 ${data.length} 字节，应为 41 字节`,
        );
        return false;
      }
      this.loginDone = this.ctx.platforms
        .login(body, this.peer, now)
        .then((r) => {
          if (r.ok) {
            if (this.platform) this.ctx.platforms.left(this.platform);
            this.platform = r.session;
            this.reply(platformReply(m.command, m.vin, true));
          } else {
            this.refusePlatform(m, raw, this.ctx.now(), r.reason, r.detail);
          }
        })
        .catch((e: Error) =>
          this.refusePlatform(
            m,
            raw,
            this.ctx.now(),
            'platform_auth_failed',
            `平台登入检查失败：${e.message}`,
          ),
        )
        .finally(() => {
          const rest = this.held ?? [];
          this.held = null;
          if (this.closed) return;
          this.handle(rest);
          if (this.held === null && !this.ctx.queue.paused) this.socket.resume();
        });
      return true;
    }
    if (m.command === PLATFORM_COMMAND.logout && this.platform && isPlatformLogout(data)) {
      this.ctx.platforms.left(this.platform);
      this.platform = null;
      this.reply(platformReply(m.command, m.vin, true));
      return false;
    }
    // Key exchange (0x09) and a logout without a login: body undefined here; refused, not stored.
    this.ctx.stats.reject({
      at: now,
      peer: this.source,
      reason: this.platform ? 'bad_data_unit' : 'platform_not_logged_in',
      detail: this.platform
        ? `平台命令 0x0${m.command.toString(16)} 未实现（数据单元未定义），未处理`
        : '转发平台未登入（~~ 0x07）',
      vin: null,
      command: m.command,
      raw,
    });
    return false;
  }

  /** A refused platform login: counted, answered with the error flag, connection closed. */
  private refusePlatform(
    m: PlatformMessage,
    raw: Buffer,
    now: number,
    reason: string,
    detail: string,
  ): void {
    this.ctx.stats.reject({
      at: now,
      peer: this.peer,
      reason,
      detail,
      vin: null,
      command: m.command,
      raw,
    });
    this.reply(platformReply(m.command, m.vin, false));
    this.ctx.queue.add({ write: null, done: () => this.socket.end() });
    this.held = [];
    this.socket.pause();
  }

  /**
   * A signature that fails with the vehicle's key, or an encrypted data unit without a key: the
   * whole frame is kept in the quarantine under its reason (the VIN is registered: a wrong key,
   * a replaced chip, or forged data), never stored as data.
   */
  private keepKeyFailure(reason: string, vin: string | undefined, raw: Buffer, now: number): void {
    if (reason !== 'bad_signature' && reason !== 'encrypted_no_key') return;
    if (vin === undefined || !this.ctx.quarantineAllowed(vin)) return;
    this.ctx.queue.add({
      write: {
        kind: 'quarantine',
        vin,
        reason,
        at: now,
        peer: this.source,
        rawHex: raw.toString('hex').toUpperCase(),
      },
      done: () => undefined,
    });
  }

  /** Answers in order with the frames already queued (after their commit). */
  private reply(bytes: Buffer): void {
    this.ctx.queue.add({ write: null, done: () => this.write(bytes) });
  }

  private accept(m: Gb17691Message, raw: Buffer, now: number): void {
    const ctx = this.ctx;
    if (m.start === '~~' && this.platform === null) {
      ctx.stats.reject({
        at: now,
        peer: this.peer,
        reason: 'platform_not_logged_in',
        detail: `转发帧（~~）须在平台登入之后发送，VIN ${m.vin}`,
        vin: m.vin,
        command: m.command,
        raw,
      });
      return;
    }
    const v = ctx.cache.get(m.vin);
    if (!v) {
      ctx.stats.reject({
        at: now,
        peer: this.source,
        reason: 'unknown_vin',
        detail: `VIN ${m.vin} 未登记`,
        vin: m.vin,
        command: m.command,
        raw,
      });
      if (ctx.quarantineAllowed(m.vin)) {
        ctx.queue.add({
          write: {
            kind: 'quarantine',
            vin: m.vin,
            reason: 'unknown_vin',
            at: now,
            peer: this.source,
            rawHex: raw.toString('hex').toUpperCase(),
          },
          done: () => undefined,
        });
      }
      return;
    }
    if (this.platform) {
      if (!this.platform.regions.has(v.regionAdcode)) {
        ctx.stats.reject({
          at: now,
          peer: this.source,
          reason: 'platform_scope',
          detail: `车辆 ${v.vin} 登记在 ${v.regionAdcode}，不在平台 ${this.platform.name} 的转发范围内`,
          vin: m.vin,
          command: m.command,
          raw,
        });
        return;
      }
      ctx.platforms.frame(this.platform, v.vin, now);
    }
    ctx.stats.framesAccepted++;
    this.vins.add(v.vin);
    const logout = m.kind === 'logout';
    if (logout) ctx.connected.delete(v.vin);
    else ctx.connected.set(v.vin, this);
    const made = m.kind === 'realtime' || m.kind === 'reissue' ? messageRows(m, ctx.rules) : null;
    const rows = made?.rows ?? [];
    if (made !== null && made.untimed > 0) {
      // The frame is kept whole; only its undated blocks cannot become records.
      ctx.stats.reject({
        at: now,
        peer: this.source,
        reason: 'block_bad_time',
        detail: `${made.untimed} 个信息体的采集时间无效，未生成记录（原始帧已归档）`,
        vin: m.vin,
        command: m.command,
        raw,
      });
    }
    const reply = replyFor(m, { mode: v.replyMode, now: new Date(now) });
    ctx.queue.add({
      write: {
        kind: 'frame',
        vehicleId: v.id,
        vin: v.vin,
        receivedAt: now,
        peer: this.source,
        command: m.command,
        // A copy: the frame may be a view into the framer's larger chunk.
        raw: Buffer.from(raw),
        rows,
        login: m.command === COMMAND.login && m.start === '##',
        logout,
      },
      done: () => {
        if (reply) this.write(reply);
      },
    });
  }

  private write(bytes: Buffer): void {
    if (this.closed || this.socket.destroyed || this.socket.writableEnded) return;
    this.socket.write(bytes);
    if (this.socket.writableLength > MAX_UNREAD_REPLY_BYTES) this.socket.destroy();
  }
}
