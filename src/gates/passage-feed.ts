/**
 * The live feed of gate passages: the ingest service publishes each passage after it is committed;
 * the dashboard's server-sent-event stream subscribes. In-process only (one `serve`); listeners
 * are bounded so that abandoned streams cannot grow it without limit.
 */

/** What the live view shows of a passage as it arrives. */
export interface LivePassage {
  passageId: number;
  gateId: number;
  enterpriseId: number;
  countyAdcode: string;
  /** Epoch ms. */
  passedAt: number;
  direction: 'in' | 'out';
  plate: string;
  emissionStage: string | null;
  manualOpen: boolean;
  late: boolean;
  /** Violation kinds found at receipt ('blacklisted', 'banned-stage', 'over-cap', 'manual-open'). */
  violations: string[];
}

type Listener = (p: LivePassage) => void;

/** A bounded publish/subscribe point for passages. */
export class PassageFeed {
  private readonly listeners = new Set<Listener>();

  constructor(readonly maxListeners = 200) {}

  /** Adds a listener; returns the function that removes it, or undefined when the feed is full. */
  subscribe(listener: Listener): (() => void) | undefined {
    if (this.listeners.size >= this.maxListeners) return undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hands a committed passage to every listener; a listener that throws is removed. */
  publish(p: LivePassage): void {
    for (const l of this.listeners) {
      try {
        l(p);
      } catch {
        this.listeners.delete(l);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
