/**
 * Group commit: frames from all connections are stored together after a short delay, in this
 * order per batch: (1) the raw frames are appended to the archive (durable when it resolves),
 * (2) one database transaction writes the minute summaries, vehicle status and quarantine,
 * (3) only then are the replies written — a positive answer never runs ahead of durable data.
 * A crash between (1) and (2) leaves frames in the archive that no minute counts yet; nothing was
 * answered, so the terminal reissues them and the minute masks count each second once (the
 * archive holds the frame twice; the detail reader dedupes). A failed step is retried (nothing
 * answered meanwhile); a batch already archived is not appended again on retry. Over `high`
 * waiting frames every connection stops reading until the queue falls below half of it.
 */
import type { ArchivedFrame, TruckArchive } from '../archive/truck-archive.ts';
import type { FrameWrite, TruckWrite } from '../batch-repo.ts';

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

  /** Items whose frames are already in the archive (a retried batch skips step 1). */
  private readonly archived = new WeakSet<Pending>();

  constructor(
    private readonly archive: TruckArchive,
    private readonly writeDb: (writes: readonly TruckWrite[], now: number) => Promise<unknown>,
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
      const toArchive = batch.filter((p) => p.write?.kind === 'frame' && !this.archived.has(p));
      if (toArchive.length > 0) {
        await this.archive.append(toArchive.map((p) => archivedFrame(p.write as FrameWrite)));
        for (const p of toArchive) this.archived.add(p);
      }
      if (writes.length > 0) await this.writeDb(writes, this.now());
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

function archivedFrame(f: FrameWrite): ArchivedFrame {
  return { vehicleId: f.vehicleId, receivedAt: f.receivedAt, bytes: f.raw };
}
