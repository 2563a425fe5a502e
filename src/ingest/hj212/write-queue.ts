/**
 * Group commit: packets accumulate in the filling batch; a flush hands it to the sink (one
 * transaction) when `commitDelayMs` has passed since its first packet or when it holds
 * `maxBatchPackets`. Only after the sink resolved — after COMMIT — are the batch's 9014 acks
 * written, in packet order (HJ 212-2017 §6.5; docs/architecture.md, Conventions: acks mean
 * durable). One batch is written at a time; while it is, the next one fills. A failed write is
 * retried with back-off, its packets neither lost nor acknowledged. Depth above the high-water mark
 * asks the server to stop reading sockets; below the low-water mark to resume.
 */
import type { IngestSink, SinkResult } from './ingest-sink.ts';
import { IngestBatch, type AckTarget } from './value-batch.ts';

/** Group-commit settings. */
export interface WriteQueueOptions {
  readonly maxBatchPackets: number;
  readonly commitDelayMs: number;
  readonly highWater: number;
  readonly lowWater: number;
}

/** What the queue tells its owner. */
export interface WriteQueueHooks {
  /** A batch committed (acks already written). */
  committed(batch: IngestBatch, result: SinkResult, ms: number): void;
  /** Depth crossed the high-water mark (true) or fell below the low-water mark (false). */
  pressure(on: boolean): void;
  /** A write failed and will be retried. */
  failed(error: unknown, attempt: number): void;
}

/** The in-process queue between connections and the sink. */
export class WriteQueue {
  /** The batch packets are appended to. */
  filling = new IngestBatch();
  private writing: IngestBatch | null = null;
  private spare = new IngestBatch();
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private pressured = false;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  /** Batches committed so far. */
  batches = 0;
  /** Failed write attempts so far. */
  failures = 0;
  lastError: string | null = null;
  /** Packets of the last committed batch and how long its write took. */
  lastBatchPackets = 0;
  lastCommitMs: number | null = null;
  /** Sum of write times of all committed batches (ms), for the mean. */
  commitMsTotal = 0;

  constructor(
    private sink: IngestSink,
    private readonly opts: WriteQueueOptions,
    private readonly hooks: WriteQueueHooks,
    private readonly now: () => number,
  ) {
    this.filling.keepFrames = this.spare.keepFrames = sink.wantsFrames === true;
  }

  /** Packets waiting or being written. */
  get depth(): number {
    return this.filling.packets + (this.writing?.packets ?? 0);
  }

  /** Packets in the transaction being written. */
  get inFlight(): number {
    return this.writing?.packets ?? 0;
  }

  /** True while the queue asks connections not to read. */
  get underPressure(): boolean {
    return this.pressured;
  }

  /** Replaces the sink (tests slow it down). */
  setSink(sink: IngestSink): void {
    this.sink = sink;
    this.filling.keepFrames = this.spare.keepFrames = sink.wantsFrames === true;
  }

  /** Call after appending packets to `filling`: schedules the flush, applies backpressure. */
  added(): void {
    if (!this.pressured && this.depth >= this.opts.highWater) {
      this.pressured = true;
      this.hooks.pressure(true);
    }
    if (this.writing !== null || this.filling.packets === 0) return;
    if (this.filling.packets >= this.opts.maxBatchPackets) {
      // Let the I/O already read be processed first, then write.
      this.immediate ??= setImmediate(() => {
        this.immediate = null;
        this.flush();
      });
    } else if (this.timer === null) {
      const wait = Math.max(0, this.filling.firstAt + this.opts.commitDelayMs - this.now());
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
    }
  }

  /** Resolves when nothing is waiting or being written (flushing immediately). */
  drain(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    const p = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.flush();
    return p;
  }

  /** Stops retry timers after a final drain (pending packets stay unacknowledged). */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private clearTimers(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  private flush(): void {
    if (this.writing !== null || this.filling.packets === 0) return;
    this.clearTimers();
    const batch = this.filling;
    this.filling = this.spare;
    this.writing = batch;
    this.write(batch, 1);
  }

  private write(batch: IngestBatch, attempt: number): void {
    const started = this.now();
    this.sink.write(batch).then(
      (result) => this.done(batch, result, this.now() - started),
      (e: unknown) => {
        this.failures++;
        this.lastError = e instanceof Error ? e.message : String(e);
        this.hooks.failed(e, attempt);
        if (this.stopped) return;
        const delay = Math.min(5000, 50 * 2 ** Math.min(attempt, 7));
        setTimeout(() => this.write(batch, attempt + 1), delay).unref();
      },
    );
  }

  private done(batch: IngestBatch, result: SinkResult, ms: number): void {
    // Committed: now the acks may go out.
    for (let i = 0; i < batch.ackN; i++)
      batch.ackTo[i]!.writeAck(batch.ackFrame[i]!, batch.ackReceivedAt[i]!);
    let last: AckTarget | null = null;
    for (let i = 0; i < batch.ackN; i++) {
      const t = batch.ackTo[i]!;
      if (t !== last) t.flushAcks();
      last = t;
    }
    this.batches++;
    this.lastBatchPackets = batch.packets;
    this.lastCommitMs = ms;
    this.commitMsTotal += ms;
    this.hooks.committed(batch, result, ms);
    batch.reset();
    this.spare = batch;
    this.writing = null;
    if (this.pressured && this.depth < this.opts.lowWater) {
      this.pressured = false;
      this.hooks.pressure(false);
    }
    if (this.filling.packets > 0) this.added();
    else for (const w of this.idleWaiters.splice(0)) w();
    if (this.filling.packets > 0 && this.idleWaiters.length > 0) this.flush();
  }
}
