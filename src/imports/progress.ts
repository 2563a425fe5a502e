/** The progress seam: long work reports how far it has come; the CLI draws a bar on stderr. */
export interface Progress {
  /** Starts a phase of `total` units named `label` (Chinese, shown to the user). */
  start(label: string, total: number): void;
  /** Advances the current phase by `n` units. */
  tick(n: number): void;
  /** Ends the current phase. */
  stop(): void;
}

/** Progress that goes nowhere (tests, library use). */
export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };
