/**
 * Running states of one electricity meter (分表计电), docs/standards/sub-metering-ldar.md §1.1: a
 * reading is running when its power reaches the meter's threshold; an hour is running when a
 * configurable share of its readings are, and unknown when it has too few readings (a gap is
 * never read as stopped).
 */
import { HOUR_MS } from '../../../standards/local-date.ts';

/** One power reading as the rules see it. */
export interface PowerSample {
  /** Epoch ms. */
  time: number;
  /** Active power, kW. */
  kw: number;
}

/** The configurable part of the rule (docs/sources.md, Sub-metering). */
export interface RunningRules {
  /** Share of an hour's readings that must be running for the hour to be running (0–1]. */
  runningShare: number;
  /** Fewer readings than this in an hour make the hour unknown. */
  minReadings: number;
}

/** Defaults of RunningRules (configuration, not a standard's figures). */
export const DEFAULT_RUNNING_RULES: RunningRules = { runningShare: 0.5, minReadings: 1 };

/** True when one reading says the meter's equipment runs. */
export function readingRunning(kw: number, runningKw: number): boolean {
  return kw >= runningKw;
}

/**
 * The state of each hour from `fromHour` (inclusive) to `toHour` (exclusive), hour starts in
 * epoch ms: true running, false stopped, null unknown. `samples` need not be sorted.
 */
export function hourlyMeterStates(
  samples: readonly PowerSample[],
  runningKw: number,
  fromHour: number,
  toHour: number,
  rules: RunningRules,
): Array<boolean | null> {
  const n = Math.max(0, Math.ceil((toHour - fromHour) / HOUR_MS));
  const total = new Array<number>(n).fill(0);
  const running = new Array<number>(n).fill(0);
  for (const s of samples) {
    const i = Math.floor((s.time - fromHour) / HOUR_MS);
    if (i < 0 || i >= n || !Number.isFinite(s.kw)) continue;
    total[i]!++;
    if (readingRunning(s.kw, runningKw)) running[i]!++;
  }
  return total.map((t, i) =>
    t < Math.max(1, rules.minReadings) ? null : running[i]! / t >= rules.runningShare,
  );
}
