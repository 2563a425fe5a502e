/**
 * One data-logger connection: bytes → Hj212Decoder (CRC variant and edition per device from the
 * registry cache) → packet handler; every frame, accepted or not, goes to the raw archive.
 * Acknowledgements arrive from the write queue after commit and are corked into one write per
 * batch. A device that half-closes still gets the acks of what it sent before its FIN.
 */
import type { Socket } from 'node:net';
import { Hj212Decoder, peekMn, type DecodeEvent } from '../../protocols/hj212/index.ts';
import type { IngestContext } from './ingest-context.ts';
import { handlePacket, refuse, type PacketSource } from './packet-handler.ts';
import { newBucket, takeToken, type TokenBucket } from './rate-limiter.ts';

/** Largest ack backlog for a peer that does not read; beyond it the connection is closed. */
const MAX_UNREAD_ACK_BYTES = 1 << 20;

let nextId = 1;

/** What the listener learns about a connection's life (connection-table.ts keeps the counts). */
export interface ConnectionEvents {
  /** It sent a frame with the MN and PW of a registered device. */
  authenticated(c: Hj212Connection): void;
  /** It was closed for not doing so within the auth timeout. */
  authTimedOut(c: Hj212Connection): void;
  /** It closed (for whatever reason). */
  closed(c: Hj212Connection): void;
}

/** A connected data logger. */
export class Hj212Connection implements PacketSource {
  readonly id = nextId++;
  readonly peer: string;
  /** Remote address without the port (limits are per address). */
  readonly address: string;
  readonly openedAt: number;
  /** Sent a frame with the MN and PW of a registered device. */
  authenticated = false;
  mn: string | null = null;
  packets = 0;
  rejected = 0;
  paused = false;
  closed = false;
  private readonly decoder: Hj212Decoder;
  private corked = false;
  private pendingAcks = 0;
  private readEnded = false;
  private readonly quarantineBucket: TokenBucket;
  private authTimer: NodeJS.Timeout | null;

  constructor(
    private readonly ctx: IngestContext,
    readonly socket: Socket,
    private readonly events: ConnectionEvents,
  ) {
    this.openedAt = ctx.clock.now();
    this.address = socket.remoteAddress ?? '?';
    this.peer = `${this.address}:${socket.remotePort ?? 0}`;
    this.quarantineBucket = newBucket(ctx.options.rateLimit, this.openedAt);
    const cache = ctx.cache;
    this.decoder = new Hj212Decoder({
      maxFrameLength: ctx.options.maxFrameLength,
      // HJ 212 Appendix A by default; a registered device's own variant otherwise.
      crc: (mn) => (mn === undefined ? 'standard' : (cache.get(mn)?.crc ?? 'standard')),
      version: (mn) => cache.get(mn)?.version,
      requireCrLf: (mn) => mn !== undefined && cache.get(mn)?.strictLineEnd === true,
      mnLength: ctx.options.idLimits.mn,
      pwMax: ctx.options.idLimits.pwMax,
    });
    socket.setNoDelay(true);
    socket.setTimeout(ctx.options.idleTimeoutMs);
    // An absolute deadline (bytes that are not a registered device's frame do not extend it).
    this.authTimer = setTimeout(() => {
      this.authTimer = null;
      if (this.authenticated || this.closed) return;
      events.authTimedOut(this);
      socket.destroy();
    }, ctx.options.authTimeoutMs);
    this.authTimer.unref();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('timeout', () => {
      ctx.log.info({ peer: this.peer, mn: this.mn }, 'HJ 212 连接空闲超时，已关闭');
      socket.destroy();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      ctx.log.debug({ peer: this.peer, mn: this.mn, err: e.code ?? e.message }, 'HJ 212 连接错误');
    });
    socket.on('close', () => {
      this.closed = true;
      this.clearAuthTimer();
      for (const mn of this.mn === null ? [] : [this.mn]) {
        const dev = ctx.cache.get(mn);
        if (dev?.connectionId === this.id) dev.connectionId = null;
      }
      events.closed(this);
    });
  }

  private clearAuthTimer(): void {
    if (this.authTimer !== null) clearTimeout(this.authTimer);
    this.authTimer = null;
  }

  /** Closes the connection at once to make room for another (connection-table.ts). */
  evict(): void {
    this.clearAuthTimer();
    this.socket.destroy();
  }

  /** Stops reading (backpressure). */
  pause(): void {
    if (this.paused || this.closed) return;
    this.paused = true;
    this.socket.pause();
  }

  /** Reads again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.closed) this.socket.resume();
  }

  /** Handles a chunk of bytes (public so that tests and benchmarks can feed it directly). */
  onData(chunk: Buffer): void {
    this.handle(this.decoder.push(chunk));
  }

  private onEnd(): void {
    this.readEnded = true;
    this.handle(this.decoder.flush());
    this.endIfDone();
  }

  private handle(events: DecodeEvent[]): void {
    if (events.length === 0) return;
    const ctx = this.ctx;
    const now = ctx.clock.now();
    const before = ctx.queue.filling.packets;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.ok) {
        const status = handlePacket(ctx, this, e.packet, e.frame.raw, now);
        // Past the MN and PW checks (stored, or refused for rate or DataTime): a real device.
        if (!this.authenticated && status !== 'unknown_device' && status !== 'bad_password') {
          this.authenticated = true;
          this.clearAuthTimer();
          this.events.authenticated(this);
        }
        this.archiveFrame(now, e.packet.mn, status, e.frame.raw);
      } else {
        const mn =
          e.raw.length > 6 && e.raw[0] === 0x23 ? (peekMn(e.raw, 6, e.raw.length) ?? null) : null;
        refuse(ctx, this, now, e.reason, e.detail, e.raw, undefined, undefined, mn);
        this.archiveFrame(now, mn, e.reason, e.raw);
      }
    }
    if (ctx.queue.filling.packets !== before) ctx.queue.added();
  }

  /** Archives a frame; a rejected one only when sampled (reject-sampler.ts). */
  private archiveFrame(now: number, mn: string | null, status: string, raw: Uint8Array): void {
    const archive = this.ctx.archive;
    if (archive === null) return;
    if (status !== 'ok' && !this.ctx.archiveSampler.take(this.address, now)) return;
    archive.append(now, this.peer, mn, status, raw);
  }

  /** Counts an ack that will be written after commit. */
  expectAck(): void {
    this.pendingAcks++;
  }

  /** Writes an ack after commit (dropped, and counted, when the connection is gone). */
  writeAck(frame: Buffer, receivedAt: number): void {
    this.pendingAcks--;
    if (this.closed || this.socket.destroyed || this.socket.writableEnded) {
      this.ctx.stats.acksDropped++;
      return;
    }
    if (!this.corked) {
      this.socket.cork();
      this.corked = true;
    }
    this.socket.write(frame);
    this.ctx.stats.acked(this.ctx.clock.now(), receivedAt);
  }

  /** Sends the acks written since the last flush. */
  flushAcks(): void {
    if (this.corked) {
      this.corked = false;
      this.socket.uncork();
    }
    if (this.socket.writableLength > MAX_UNREAD_ACK_BYTES) {
      this.ctx.log.warn({ peer: this.peer, mn: this.mn }, 'HJ 212 对端不读取应答，已断开');
      this.socket.destroy();
      return;
    }
    this.endIfDone();
  }

  private endIfDone(): void {
    if (this.readEnded && this.pendingAcks === 0 && !this.socket.writableEnded) this.socket.end();
  }

  /** Flood guard for quarantined packets: per connection (a device's rate) and per address. */
  mayQuarantine(now: number): boolean {
    if (!takeToken(this.quarantineBucket, this.ctx.options.rateLimit, now)) {
      this.ctx.quarantineSampler.sampledOut++;
      return false;
    }
    return this.ctx.quarantineSampler.take(this.address, now);
  }
}
