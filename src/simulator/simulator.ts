// A fleet of simulated data loggers sending to one HJ 212 endpoint: schedules every device's
// packets on the (scaled) simulated clock, keeps each upload pending until its 9014 arrives,
// retransmits per OverTime/ReCount and gives up after ReCount, and reports what happened.

import { performance } from 'node:perf_hooks';
import { type DeviceKind, buildFleet, type SimDevice } from './fleet.ts';
import { DevicePacketStream, type ScheduledPacket } from './device-stream.ts';
import type { SimulatorOptions } from './options.ts';
import { mixSeed, Prng } from './prng.ts';
import { onTimeout, sweepIntervalMs } from './retry-policy.ts';
import { serialize, type Hj212Packet } from '../protocols/hj212/index.ts';
import { LoggerCommands } from './command-responder.ts';
import { SimConnection } from './sim-connection.ts';
import { SimStats, type SimSummary, summarize } from './sim-stats.ts';

/** An acknowledged upload, as written to `--acked-log` (one JSON object per line). */
export interface AckedRecord {
  readonly mn: string;
  readonly kind: DeviceKind;
  readonly target: string;
  readonly qn: string;
  readonly st: string;
  readonly cn: string;
  readonly dataTime: string;
  readonly cp: ReadonlyArray<readonly [string, string]>;
  readonly attempts: number;
  readonly latencyMs: number;
}

/** Callbacks of a run. */
export interface SimulatorHooks {
  /** An upload was acknowledged. */
  onAcked?(r: AckedRecord): void;
  /** An upload was given up after ReCount retransmissions. */
  onFailed?(p: ScheduledPacket): void;
}

interface DeviceState {
  readonly dev: SimDevice;
  readonly stream: DevicePacketStream;
  readonly conn: SimConnection;
  inFlight: number;
  timer: NodeJS.Timeout | undefined;
  done: boolean;
}

interface Pending {
  readonly ds: DeviceState;
  readonly sp: ScheduledPacket;
  readonly key: string;
  attempts: number;
  deadline: number;
  lastWriteAt: number;
  readonly onWritten: (t: number) => void;
}

/** A running fleet. start(), then await done() (or stop() to end early). */
export class Simulator {
  /** The devices of the fleet. */
  readonly fleet: readonly SimDevice[];
  readonly stats = new SimStats();
  private readonly o: SimulatorOptions;
  private readonly hooks: SimulatorHooks;
  private readonly devices: DeviceState[] = [];
  private readonly conns: SimConnection[] = [];
  private readonly pending = new Map<string, Pending>();
  /** Each logger's answers to commands (clock, intervals), by MN. */
  private readonly responders = new Map<string, LoggerCommands>();
  private answers = 0;
  private wall0 = 0;
  private endedAt: number | undefined;
  private stopping = false;
  private finished = false;
  private sweepTimer: NodeJS.Timeout | undefined;
  private durationTimer: NodeJS.Timeout | undefined;
  private resolveDone!: (s: SimSummary) => void;
  private readonly donePromise: Promise<SimSummary>;

  constructor(o: SimulatorOptions, hooks: SimulatorHooks = {}) {
    this.o = o;
    this.hooks = hooks;
    this.fleet = o.fleet ?? buildFleet(o);
    this.donePromise = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** Opens the connections and starts every device's schedule. */
  start(): void {
    const o = this.o;
    this.wall0 = performance.now();
    const nConn = Math.max(1, Math.min(o.connections, o.devices));
    for (let c = 0; c < nConn; c++) {
      const conn = new SimConnection({
        host: o.host,
        port: o.port,
        splitProb: o.splitProb,
        glueProb: o.glueProb,
        splitPauseMs: o.splitPauseMs,
        backoff: o.backoff,
        crc: o.crc,
        rng: new Prng(mixSeed(o.seed, 0x636f6e6e, c)),
        stats: this.stats,
        onAck: (mn, qn, t) => this.onAck(mn, qn, t),
        onCommand: (p) => this.onCommand(conn, p),
      });
      this.conns.push(conn);
      conn.start();
    }
    const intervalMs = o.intervalS * 1000;
    for (const dev of this.fleet) {
      const limit =
        o.packets === undefined
          ? undefined
          : Math.floor(o.packets / o.devices) + (dev.index < o.packets % o.devices ? 1 : 0);
      const stream = new DevicePacketStream(dev, {
        seed: o.seed,
        startMs: o.startMs,
        phaseMs: Math.floor((dev.index * intervalMs) / o.devices),
        ack: o.ack,
        ...(limit !== undefined ? { limit } : {}),
      });
      const ds: DeviceState = {
        dev,
        stream,
        conn: this.conns[dev.index % nConn]!,
        inFlight: 0,
        timer: undefined,
        done: false,
      };
      this.devices.push(ds);
    }
    if (o.ack) this.sweepTimer = setInterval(() => this.sweep(), sweepIntervalMs(o.retry));
    if (o.durationS !== undefined) {
      this.durationTimer = setTimeout(() => void this.stop(), o.durationS * 1000);
    }
    for (const ds of this.devices) this.arm(ds);
    this.checkDone();
  }

  /** Resolves with the summary when the run is over (packets sent, duration, or stop()). */
  done(): Promise<SimSummary> {
    return this.donePromise;
  }

  /** Stops generating, waits for outstanding acks (or their failure), closes; the summary. */
  stop(): Promise<SimSummary> {
    if (!this.stopping) {
      this.stopping = true;
      for (const ds of this.devices) {
        if (ds.timer) clearTimeout(ds.timer);
        ds.timer = undefined;
        ds.done = true;
      }
      this.checkDone();
    }
    return this.donePromise;
  }

  /** The figures so far. */
  summary(): SimSummary {
    const end = this.endedAt ?? performance.now();
    return summarize(
      this.stats,
      (end - this.wall0) / 1000,
      this.o.devices,
      this.conns.length,
      this.o.ack,
    );
  }

  /** Uploads sent and waiting for their acknowledgement. */
  get pendingCount(): number {
    return this.pending.size;
  }

  private arm(ds: DeviceState): void {
    if (ds.done || ds.timer !== undefined) return;
    const o = this.o;
    let burst = 0;
    while (!o.ack || ds.inFlight < o.window) {
      const p = ds.stream.peek();
      if (p === undefined) {
        ds.done = true;
        this.checkDone();
        return;
      }
      const due = this.wall0 + (p.simMs - o.startMs) / o.timeScale;
      const now = performance.now();
      // A device far behind its schedule (no acks to wait for, or a huge time scale) yields to
      // the event loop now and then, and waits while its connection's queue is long.
      const yieldNow = burst >= MAX_BURST || ds.conn.queued >= MAX_QUEUED;
      if (now < due || yieldNow) {
        ds.timer = setTimeout(
          () => {
            ds.timer = undefined;
            this.arm(ds);
          },
          yieldNow ? 1 : Math.ceil(due - now),
        );
        return;
      }
      ds.stream.next();
      this.send(ds, p);
      burst++;
    }
  }

  private send(ds: DeviceState, sp: ScheduledPacket): void {
    const st = this.stats;
    st.sent++;
    const key = `${ds.dev.mn}|${sp.qn}|${sp.seq}`;
    if (!this.o.ack) {
      ds.conn.enqueue(key, sp.frame, () => {
        st.points += sp.points;
        st.rows += sp.codes;
      });
      return;
    }
    const now = performance.now();
    const p: Pending = {
      ds,
      sp,
      key,
      attempts: 1,
      deadline: now + this.o.retry.overTimeMs,
      lastWriteAt: now,
      onWritten: (t) => {
        p.lastWriteAt = t;
        p.deadline = t + this.o.retry.overTimeMs;
      },
    };
    this.pending.set(ackKey(ds.dev.mn, sp.qn), p);
    ds.inFlight++;
    ds.conn.enqueue(key, sp.frame, p.onWritten);
  }

  /**
   * A command from the platform: the logger answers 9011, the value, 9012 (command-responder.ts).
   * The fleet keeps no history, so history requests are answered ExeRtn=100 (no data).
   */
  private onCommand(conn: SimConnection, p: Hj212Packet): void {
    let r = this.responders.get(p.mn);
    if (r === undefined) {
      r = new LoggerCommands('Asia/Shanghai', () => []);
      this.responders.set(p.mn, r);
    }
    for (const a of r.answer(p, Date.now())) {
      conn.enqueue(`cmd:${this.answers++}`, serialize(a, { crc: this.o.crc }));
    }
  }

  private onAck(mn: string, qn: string, t: number): void {
    const k = ackKey(mn, qn);
    const p = this.pending.get(k);
    if (p === undefined) {
      this.stats.unmatched++;
      return;
    }
    this.pending.delete(k);
    p.ds.conn.cancel(p.key);
    const latency = Math.max(0, t - p.lastWriteAt);
    this.stats.acked++;
    this.stats.points += p.sp.points;
    this.stats.rows += p.sp.codes;
    this.stats.latency.record(latency);
    this.hooks.onAcked?.({
      mn,
      kind: p.ds.dev.kind,
      target: p.ds.dev.target,
      qn,
      st: p.sp.packet.st,
      cn: p.sp.cn,
      dataTime: p.sp.dataTime,
      cp: p.sp.packet.cp,
      attempts: p.attempts,
      latencyMs: Math.round(latency * 1000) / 1000,
    });
    this.release(p.ds);
  }

  private sweep(): void {
    const now = performance.now();
    for (const [k, p] of this.pending) {
      if (now < p.deadline) continue;
      if (onTimeout(p.attempts, this.o.retry) === 'retransmit') {
        p.attempts++;
        p.deadline = now + this.o.retry.overTimeMs;
        this.stats.retransmitted++;
        p.ds.conn.enqueue(p.key, p.sp.frame, p.onWritten);
      } else {
        this.pending.delete(k);
        p.ds.conn.cancel(p.key);
        this.stats.failed++;
        this.hooks.onFailed?.(p.sp);
        this.release(p.ds);
      }
    }
  }

  private release(ds: DeviceState): void {
    ds.inFlight--;
    this.arm(ds);
    this.checkDone();
  }

  private checkDone(): void {
    if (this.finished || this.pending.size > 0) return;
    for (const ds of this.devices) if (!ds.done) return;
    this.finished = true;
    if (this.endedAt === undefined) this.endedAt = performance.now();
    void this.finish();
  }

  private async finish(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.durationTimer) clearTimeout(this.durationTimer);
    // Without acks the run is over when every frame has been written (or the target is gone).
    if (!this.o.ack) {
      const idle = Promise.all(this.conns.map((c) => c.idle()));
      await Promise.race([idle, delay(IDLE_WAIT_MS)]);
      this.endedAt = performance.now();
    }
    const summary = this.summary();
    await Promise.all(this.conns.map((c) => c.close()));
    this.resolveDone(summary);
  }
}

const IDLE_WAIT_MS = 5_000;
/** Packets one device sends in a row before yielding to the event loop. */
const MAX_BURST = 64;
/** Frames a connection may have queued before its devices wait. */
const MAX_QUEUED = 1024;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function ackKey(mn: string, qn: string): string {
  return mn + '|' + qn;
}
