// One TCP connection of the simulated fleet: connects (and reconnects after a loss, with
// back-off), writes queued frames following a split/glue write plan, and decodes what the
// platform answers, reporting each 9014/9013 by (MN, QN).

import net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type CrcVariant,
  DEFAULT_MAX_FRAME_LENGTH,
  Hj212Decoder,
  type Hj212Packet,
} from '../protocols/hj212/index.ts';
import type { Prng } from './prng.ts';
import { type BackoffPolicy, reconnectDelayMs } from './retry-policy.ts';
import type { SimStats } from './sim-stats.ts';
import { planWrites } from './write-plan.ts';

/** Settings and callbacks of a connection. */
export interface SimConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly splitProb: number;
  readonly glueProb: number;
  /** Pause between the two parts of a split frame (ms). */
  readonly splitPauseMs: number;
  readonly backoff: BackoffPolicy;
  /** The CRC variant answers are checked with (the devices' variant). */
  readonly crc: CrcVariant;
  readonly rng: Prng;
  readonly stats: SimStats;
  /** An acknowledgement arrived for (mn, qn) at `t` (performance.now() ms). */
  readonly onAck: (mn: string, qn: string, t: number) => void;
  /** The connection is up (again). */
  readonly onConnect?: () => void;
  /** A command from the upper computer arrived (anything but 9013/9014), see command-responder.ts. */
  readonly onCommand?: (p: Hj212Packet) => void;
}

const MAX_BATCH = 256;

/** Called when a frame's last byte has been handed to the socket, at `t` (performance.now()). */
export type WrittenCallback = (t: number) => void;

interface Queued {
  readonly frame: Buffer;
  readonly onWritten: WrittenCallback | undefined;
}

/** The QN an answer echoes: in the header (2017, 2025) or in the CP area (HJ/T 212-2005). */
export function answeredQn(p: Hj212Packet): string | undefined {
  if (p.qn !== undefined) return p.qn;
  for (const [k, v] of p.cp) if (k === 'QN') return v;
  return undefined;
}

/** A reconnecting connection with a de-duplicating write queue. */
export class SimConnection {
  private readonly o: SimConnectionOptions;
  private readonly queue = new Map<string, Queued>();
  private socket: net.Socket | undefined;
  private up = false;
  private closing = false;
  private pumping = false;
  private pumpScheduled = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(o: SimConnectionOptions) {
    this.o = o;
  }

  /** True while the socket is connected. */
  get connected(): boolean {
    return this.up;
  }

  /** Frames waiting to be written. */
  get queued(): number {
    return this.queue.size;
  }

  /** Opens the connection (reconnects by itself until close()). */
  start(): void {
    this.connect();
  }

  /** Queues a frame under `key`; a frame already queued under that key is not queued twice. */
  enqueue(key: string, frame: Buffer, onWritten?: WrittenCallback): void {
    if (this.queue.has(key)) return;
    this.queue.set(key, { frame, onWritten });
    this.schedulePump();
  }

  /** Drops a queued frame (a failed upload is not sent any more). */
  cancel(key: string): void {
    this.queue.delete(key);
  }

  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void> {
    if (this.queue.size === 0 && !this.pumping) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Closes the connection for good. */
  close(): Promise<void> {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const s = this.socket;
    if (!s || s.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.end();
      setTimeout(() => s.destroy(), 1000).unref();
    });
  }

  private connect(): void {
    if (this.closing) return;
    const socket = net.connect({ host: this.o.host, port: this.o.port });
    socket.setNoDelay(true);
    this.socket = socket;
    const decoder = new Hj212Decoder({ crc: this.o.crc, maxFrameLength: DEFAULT_MAX_FRAME_LENGTH });
    socket.on('connect', () => {
      this.up = true;
      this.failures = 0;
      this.o.stats.connects++;
      this.o.onConnect?.();
      this.schedulePump();
    });
    socket.on('data', (chunk: Buffer) => {
      const t = performance.now();
      for (const e of decoder.push(chunk)) {
        if (!e.ok) {
          this.o.stats.badResponses++;
          continue;
        }
        const p = e.packet;
        if (p.cn !== '9014' && p.cn !== '9013') {
          this.o.onCommand?.(p);
          continue;
        }
        const qn = answeredQn(p);
        if (qn !== undefined) this.o.onAck(p.mn, qn, t);
      }
    });
    socket.on('error', () => undefined); // 'close' follows and handles it
    socket.on('close', () => {
      if (this.up) this.o.stats.disconnects++;
      this.up = false;
      if (this.socket === socket) this.socket = undefined;
      if (this.closing) return;
      const delay = reconnectDelayMs(this.failures++, this.o.backoff, this.o.rng.next());
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.pumping) return;
    this.pumpScheduled = true;
    // On the next turn: frames queued in the same turn become candidates for gluing.
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.pumping) return;
    if (this.o.splitProb === 0 && this.o.glueProb === 0) this.writeDirect();
    else void this.pumpPlanned();
  }

  // Load-test fast path (no split, no glue): every queued frame in one corked write, no promises.
  private writeDirect(): void {
    const socket = this.socket;
    if (!this.up || !socket || this.queue.size === 0) return;
    const st = this.o.stats;
    socket.cork();
    const t = performance.now();
    for (const q of this.queue.values()) {
      socket.write(q.frame);
      st.bytes += q.frame.length;
      q.onWritten?.(t);
    }
    this.queue.clear();
    socket.uncork();
    this.notifyIdle();
  }

  private async pumpPlanned(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.up && this.queue.size > 0) {
        const batch: Queued[] = [];
        for (const [key, q] of this.queue) {
          if (batch.length >= MAX_BATCH) break;
          batch.push(q);
          this.queue.delete(key);
        }
        if (!(await this.writeBatch(batch))) break;
      }
    } finally {
      this.pumping = false;
      if (this.up && this.queue.size > 0) this.schedulePump();
      if (this.queue.size === 0) this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    if (this.queue.size > 0 || this.pumping) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  // Writes one batch following the plan; false when the socket went away meanwhile.
  private async writeBatch(batch: Queued[]): Promise<boolean> {
    const socket = this.socket;
    if (!socket) return false;
    const st = this.o.stats;
    const plan = planWrites(
      batch.map((q) => q.frame),
      this.o.rng,
      { splitProb: this.o.splitProb, glueProb: this.o.glueProb },
    );
    let done = 0;
    // Consecutive writes go out in one system call (cork); a split's first part is flushed
    // before the pause so that the receiver reads it on its own.
    let corked = false;
    for (const w of plan) {
      if (w.pauseBefore) {
        if (corked) socket.uncork();
        corked = false;
        st.splits++;
        await sleep(this.o.splitPauseMs);
      }
      if (socket.destroyed || this.socket !== socket) return false;
      if (!corked) socket.cork();
      corked = true;
      if (w.unitFrames > 1) st.glued++;
      const more = socket.write(w.data);
      st.bytes += w.data.length;
      const t = performance.now();
      for (; done < w.framesDone; done++) batch[done]!.onWritten?.(t);
      if (!more) {
        socket.uncork();
        corked = false;
        await drained(socket);
      }
    }
    if (corked) socket.uncork();
    return true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
