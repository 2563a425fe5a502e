/**
 * Group commit: frames from all connections are committed together after a short delay through
 * the TruckCommitSink seam (truck-commit-sink.ts: the archive and the database in one process,
 * store-commit-sink.ts; JetStream on an ingest node), and only then are the replies written — a
 * positive answer never runs ahead of durable data. A failed commit is retried with the same
 * writes (nothing answered meanwhile). Over `high` waiting frames every connection stops reading
 * until the queue falls below half of it.
 */
import type { TruckWrite } from '../batch-repo.ts';
import type { TruckCommitSink } from './truck-commit-sink.ts';

/** A write and what to do once it is committed. */
export interface Pending {
  write: TruckWrite | null;
  /** Called after commit (e.g. write the reply). */
  done: () => void;
}

/** Hooks of the queue. */
export interface CommitHooks {
  pressure(on: boolean): void;
  failed(err: unknown): void;
}

const MAX_BATCH = 2000;
const RETRY_MS = 500;

/** The listener's write queue. */
export class CommitQueue {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private underPressure = false;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly sink: TruckCommitSink,
    private readonly delayMs: number,
    private readonly high: number,
    private readonly now: () => number,
    private readonly hooks: CommitHooks,
  ) {}

  get depth(): number {
    return this.pending.length;
  }

  get paused(): boolean {
    return this.underPressure;
  }

  /** Adds a write; `done` runs after it is committed. */
  add(p: Pending): void {
    this.pending.push(p);
    if (!this.underPressure && this.pending.length >= this.high) {
      this.underPressure = true;
      this.hooks.pressure(true);
    }
    this.schedule(this.delayMs);
  }

  private schedule(ms: number): void {
    if (this.timer !== null || this.running !== null || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.flush().finally(() => {
        this.running = null;
        if (this.pending.length > 0) this.schedule(0);
        else this.wakeIdle();
      });
    }, ms);
  }

  private async flush(): Promise<void> {
    const batch = this.pending.slice(0, MAX_BATCH);
    const writes = batch.map((p) => p.write).filter((w): w is TruckWrite => w !== null);
    try {
      if (writes.length > 0) await this.sink.commit(writes, this.now());
    } catch (e) {
      this.hooks.failed(e);
      await new Promise((r) => setTimeout(r, RETRY_MS));
      return;
    }
    this.pending.splice(0, batch.length);
    for (const p of batch) p.done();
    if (this.underPressure && this.pending.length < this.high / 2) {
      this.underPressure = false;
      this.hooks.pressure(false);
    }
  }

  private wakeIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  /** Resolves once everything added so far is committed and answered. */
  drain(): Promise<void> {
    if (this.pending.length === 0 && this.running === null) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Stops scheduling further commits. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
