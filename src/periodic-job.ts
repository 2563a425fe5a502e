/**
 * A periodic job inside `serve`: runs `run` every `intervalMs` (and once `firstDelayMs` after the
 * start, when given), never two runs at once (a tick while a run is in progress is skipped). The
 * timers do not keep the process alive. Stopping clears the timers and waits for a run in
 * progress. `run` handles its own errors (it should not reject).
 */

/** A started job. */
export interface PeriodicJob {
  stop(): Promise<void>;
}

/** Starts the periodic runs (none when `intervalMs` is 0). */
export function startPeriodicJob(
  run: () => Promise<unknown>,
  opts: { intervalMs: number; firstDelayMs?: number },
): PeriodicJob {
  if (opts.intervalMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = run()
      .then(() => {})
      .finally(() => {
        running = null;
      });
  };
  const first = opts.firstDelayMs === undefined ? undefined : setTimeout(tick, opts.firstDelayMs);
  const timer = setInterval(tick, opts.intervalMs);
  first?.unref();
  timer.unref();
  return {
    async stop() {
      if (first) clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
