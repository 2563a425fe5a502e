// The layout each vehicle was last seen using without ambiguity, so that a later frame that two
// layouts fit equally (e.g. one block whose serial's low byte equals its type) is read the same
// way. Bounded: the oldest vehicle is forgotten first.

import type { Layout } from './layout.ts';

/** Default number of vehicles remembered by one decoder. */
export const DEFAULT_REMEMBERED_LAYOUTS = 10_000;

/** Bounded VIN → layout memory. */
export class LayoutMemory {
  private readonly map = new Map<string, Layout>();

  constructor(private readonly capacity = DEFAULT_REMEMBERED_LAYOUTS) {}

  /** The remembered layout of a vehicle. */
  get(vin: string): Layout | undefined {
    return this.map.get(vin);
  }

  /** Remembers a layout chosen without ambiguity. */
  set(vin: string, layout: Layout): void {
    if (this.map.get(vin) === layout) return;
    this.map.delete(vin);
    if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    if (this.capacity > 0) this.map.set(vin, layout);
  }

  /** Number of vehicles remembered. */
  get size(): number {
    return this.map.size;
  }
}
