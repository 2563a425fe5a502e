// A run of rejected bytes being collected until it ends, with a bounded copy of its bytes.

import type { FrameRejection } from './frame-event.ts';
import type { RejectReason } from './reason-codes.ts';

/** Collects the bytes of one rejection, keeping at most `cap` of them. */
export class RejectedRun {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  private length = 0;

  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
    private readonly cap: number,
  ) {}

  /** Adds data[start, end) to the run (copied: the caller's buffer may be reused). */
  append(data: Buffer, start: number, end: number): void {
    this.length += end - start;
    const take = Math.min(this.cap - this.kept, end - start);
    if (take > 0) {
      this.parts.push(Buffer.from(data.subarray(start, start + take)));
      this.kept += take;
    }
  }

  /** The finished rejection event. */
  toRejection(): FrameRejection {
    const raw = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.kept);
    return { ok: false, reason: this.reason, detail: this.detail, raw, length: this.length };
  }
}
