import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicJob } from './periodic-job.ts';

describe('startPeriodicJob', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs after the first delay and each interval, never two runs at once', async () => {
    let runs = 0;
    let finish: () => void = () => {};
    const job = startPeriodicJob(
      () => {
        runs++;
        return new Promise<void>((r) => (finish = r));
      },
      { intervalMs: 1000, firstDelayMs: 100 },
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    const stopped = job.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    finish();
    await stopped;
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(2);
  });

  it('does nothing when the interval is 0', async () => {
    const run = vi.fn(async () => {});
    const job = startPeriodicJob(run, { intervalMs: 0, firstDelayMs: 10 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).not.toHaveBeenCalled();
    await job.stop();
  });
});
