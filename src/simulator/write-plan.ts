// How a simulated logger hands its frames to TCP: sometimes a frame is split across two writes
// at a random byte offset (the receiver sees a partial frame first), sometimes several frames
// are glued into one write. Pure: the socket code only executes the plan.

import type { Prng } from './prng.ts';

/** One socket write of the plan. */
export interface PlannedWrite {
  readonly data: Buffer;
  /** Wait a moment before this write, so the receiver reads the previous part on its own. */
  readonly pauseBefore: boolean;
  /** How many of the planned frames are complete once this write is done. */
  readonly framesDone: number;
  /** Frames glued into this write unit (on the unit's first write; 0 on a split's second part). */
  readonly unitFrames: number;
}

/** Probabilities of the plan. */
export interface WritePlanOptions {
  /** Probability that a write unit is split in two at a random offset. */
  readonly splitProb: number;
  /** Probability that the next frames (when several are waiting) are glued into one write. */
  readonly glueProb: number;
  /** Most frames glued into one write. */
  readonly maxGlue?: number;
}

/** Plans the writes of `frames` in order; concatenating every `data` gives the frames back. */
export function planWrites(
  frames: readonly Buffer[],
  rng: Prng,
  o: WritePlanOptions,
): PlannedWrite[] {
  const out: PlannedWrite[] = [];
  const maxGlue = o.maxGlue ?? 8;
  let i = 0;
  while (i < frames.length) {
    let n = 1;
    const left = frames.length - i;
    if (left >= 2 && rng.chance(o.glueProb)) n = rng.int(2, Math.min(left, maxGlue));
    const unit = n === 1 ? frames[i]! : Buffer.concat(frames.slice(i, i + n));
    const done = i + n;
    if (unit.length >= 2 && rng.chance(o.splitProb)) {
      const at = rng.int(1, unit.length - 1);
      // Frames entirely inside the first part are complete after it.
      let firstDone = i;
      let end = 0;
      for (let k = i; k < done; k++) {
        end += frames[k]!.length;
        if (end <= at) firstDone = k + 1;
      }
      out.push({
        data: unit.subarray(0, at),
        pauseBefore: false,
        framesDone: firstDone,
        unitFrames: n,
      });
      out.push({ data: unit.subarray(at), pauseBefore: true, framesDone: done, unitFrames: 0 });
    } else {
      out.push({ data: unit, pauseBefore: false, framesDone: done, unitFrames: n });
    }
    i = done;
  }
  return out;
}
