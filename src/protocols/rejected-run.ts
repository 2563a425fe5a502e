// A run of rejected bytes being collected until it ends, with a bounded copy of its bytes.
// Shared by the HJ 212 and GB 17691 framers: each passes its own reason codes.

/** The rejection a finished run becomes; each protocol's FrameRejection is one of these. */
export interface RejectedBytes<Reason extends string> {
  readonly ok: false;
  readonly reason: Reason;
  readonly detail: string;
  /** The rejected bytes (a copy, at most maxRejectedBytes of them). */
  readonly raw: Buffer;
  /** How many bytes the rejection covers (more than raw.length when raw was capped). */
  readonly length: number;
}

/** Collects the bytes of one rejection, keeping at most `cap` of them. */
export class RejectedRun<Reason extends string> {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  private length = 0;

  constructor(
    readonly reason: Reason,
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
  toRejection(): RejectedBytes<Reason> {
    const raw = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.kept);
    return { ok: false, reason: this.reason, detail: this.detail, raw, length: this.length };
  }
}
