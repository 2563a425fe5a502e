/**
 * One terminal (or forwarding platform) connection: bytes → Gb17691Decoder → store → reply.
 * Frames of registered VINs are queued for the group commit with their reply, written only after
 * COMMIT (replyFor: HJ mode answers login, real-time, reissue, logout, anti-tamper and time
 * calibration; GB mode only time calibration — docs/trucks.md "Replies"). Frames of unregistered
 * VINs and frames the codec refuses are counted by reason and never answered; unregistered VINs
 * are also quarantined (one counted row per VIN, bounded).
 */
import type { Socket } from 'node:net';
import {
  COMMAND,
  Gb17691Decoder,
  replyFor,
  type DecodeEvent,
  type Gb17691Message,
} from '../../protocols/gb17691/index.ts';
import { messageRows } from '../record-rows.ts';
import type { RecordRuleConfig } from '../rules/record-flags.ts';
import type { TruckListenerConfig } from '../trucks-config.ts';
import type { CommitQueue } from './commit-queue.ts';
import type { ListenerStats } from './listener-stats.ts';
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
    });
    socket.setNoDelay(true);
    socket.setTimeout(ctx.config.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.handle(this.decoder.push(chunk)));
    socket.on('end', () => {
      this.handle(this.decoder.flush());
      // Answer what was sent before the FIN, then close our side.
      ctx.queue.add({ write: null, done: () => this.socket.end() });
    });
    socket.on('timeout', () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const vin of this.vins) if (ctx.connected.get(vin) === this) ctx.connected.delete(vin);
      this.onClose(this);
    });
  }

  pause(): void {
    if (!this.closed) this.socket.pause();
  }

  resume(): void {
    if (!this.closed) this.socket.resume();
  }

  private handle(events: DecodeEvent[]): void {
    const now = this.ctx.now();
    for (const e of events) {
      if (!e.ok) {
        this.ctx.stats.reject({
          at: now,
          peer: this.peer,
          reason: e.reason,
          detail: e.detail,
          vin: e.vin ?? null,
          command: e.command ?? null,
          raw: e.raw,
        });
        continue;
      }
      this.accept(e.message, e.frame.raw, now);
    }
  }

  private accept(m: Gb17691Message, raw: Buffer, now: number): void {
    const ctx = this.ctx;
    const v = ctx.cache.get(m.vin);
    if (!v) {
      ctx.stats.reject({
        at: now,
        peer: this.peer,
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
            peer: this.peer,
            rawHex: raw.toString('hex').toUpperCase(),
          },
          done: () => undefined,
        });
      }
      return;
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
        peer: this.peer,
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
        receivedAt: now,
        peer: this.peer,
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
