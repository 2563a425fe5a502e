/**
 * Settings of electricity sub-metering (docs/sources.md, Sub-metering): the running-state rule's
 * configurable part (docs/standards/sub-metering-ldar.md §1.1), the projector of HJ 212 values and
 * the limits of readings accepted at once. Read from the environment once (src/config.ts).
 */
import { z } from 'zod';
import { LantianError } from '../../errors.ts';
import { DEFAULT_RUNNING_RULES, type RunningRules } from './rules/meter-state.ts';

/** Settings of the sub-metering part. */
export interface PowerConfig {
  readonly rules: RunningRules;
  /** Seconds between two runs of the HJ 212 projector in `serve` (0 = never). */
  readonly projectEveryS: number;
  /** Hours of DataTime behind the watermark the projector looks at (late uploads, backfill). */
  readonly lookbackHours: number;
  /** Most readings accepted in one upload or POST. */
  readonly maxReadings: number;
  /** Largest readings file accepted, bytes. */
  readonly maxFileBytes: number;
  /** Longest period of one state query, days. */
  readonly maxRangeDays: number;
  /** Time zone of local times in files and of query dates. */
  readonly timeZone: string;
}

/** Defaults (configuration, not a standard's figures). */
export const DEFAULT_POWER_CONFIG: PowerConfig = Object.freeze({
  rules: DEFAULT_RUNNING_RULES,
  projectEveryS: 60,
  lookbackHours: 6,
  maxReadings: 50_000,
  maxFileBytes: 10 * 1024 * 1024,
  maxRangeDays: 31,
  timeZone: 'Asia/Shanghai',
});

const Env = z.object({
  LANTIAN_POWER_RUNNING_SHARE: z.coerce.number().gt(0).max(1).optional(),
  LANTIAN_POWER_MIN_READINGS: z.coerce.number().int().min(1).optional(),
  LANTIAN_POWER_PROJECT_EVERY_S: z.coerce.number().int().min(0).optional(),
  LANTIAN_POWER_LOOKBACK_H: z.coerce.number().int().min(1).max(168).optional(),
  LANTIAN_POWER_MAX_READINGS: z.coerce.number().int().min(1).optional(),
});

/** Reads LANTIAN_POWER_* (defaults above); LT_ERR_BAD_CONFIG names a bad one. */
export function powerConfigFromEnv(env: NodeJS.ProcessEnv): PowerConfig {
  const p = Env.safeParse(env);
  if (!p.success) {
    const first = p.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = p.data;
  const d = DEFAULT_POWER_CONFIG;
  return Object.freeze({
    ...d,
    rules: {
      runningShare: e.LANTIAN_POWER_RUNNING_SHARE ?? d.rules.runningShare,
      minReadings: e.LANTIAN_POWER_MIN_READINGS ?? d.rules.minReadings,
    },
    projectEveryS: e.LANTIAN_POWER_PROJECT_EVERY_S ?? d.projectEveryS,
    lookbackHours: e.LANTIAN_POWER_LOOKBACK_H ?? d.lookbackHours,
    maxReadings: e.LANTIAN_POWER_MAX_READINGS ?? d.maxReadings,
  });
}
