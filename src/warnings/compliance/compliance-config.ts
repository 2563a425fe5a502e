/**
 * Settings of the compliance checks during a warning episode (LANTIAN_COMPLIANCE_*), parsed once
 * by zod. No standard sets these thresholds: each is configuration with a default
 * (docs/warnings.md § Compliance and evaluation).
 */
import { z } from 'zod';
import { LantianError } from '../../errors.ts';

/** The compliance part of the configuration. */
export interface ComplianceConfig {
  /**
   * Tolerance of the not-cutting check, % of the baseline: a day is a violation when the
   * observed emission exceeds baseline − expected cut by more than this share of the baseline.
   */
  readonly tolerancePct: number;
  /** Valid CEMS hours an outlet needs on a day for the day's emission to be judged. */
  readonly minValidHours: number;
  /** Hours a line that should be stopped must run on a day to be a violation. */
  readonly minRunningHours: number;
  /** Seconds between two runs in `serve` (0: not run by serve). */
  readonly intervalSeconds: number;
  /** Time zone of the episode's local days. */
  readonly timeZone: string;
}

/** Defaults (configuration, UNVERIFIED: no standard gives them). */
export const DEFAULT_COMPLIANCE_CONFIG: ComplianceConfig = Object.freeze({
  tolerancePct: 5,
  minValidHours: 18,
  minRunningHours: 1,
  intervalSeconds: 900,
  timeZone: 'Asia/Shanghai',
});

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Env = z.object({
  LANTIAN_COMPLIANCE_TOLERANCE_PCT: z.coerce.number().min(0).max(100).optional(),
  LANTIAN_COMPLIANCE_MIN_VALID_HOURS: int(1, 24).optional(),
  LANTIAN_COMPLIANCE_MIN_RUNNING_HOURS: int(1, 24).optional(),
  LANTIAN_COMPLIANCE_INTERVAL_S: int(0, 86_400).optional(),
});

/** Reads LANTIAN_COMPLIANCE_* (LT_ERR_BAD_CONFIG naming the variable when one is wrong). */
export function complianceConfigFromEnv(env: NodeJS.ProcessEnv): ComplianceConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const d = DEFAULT_COMPLIANCE_CONFIG;
  return Object.freeze({
    tolerancePct: e.LANTIAN_COMPLIANCE_TOLERANCE_PCT ?? d.tolerancePct,
    minValidHours: e.LANTIAN_COMPLIANCE_MIN_VALID_HOURS ?? d.minValidHours,
    minRunningHours: e.LANTIAN_COMPLIANCE_MIN_RUNNING_HOURS ?? d.minRunningHours,
    intervalSeconds: e.LANTIAN_COMPLIANCE_INTERVAL_S ?? d.intervalSeconds,
    timeZone: d.timeZone,
  });
}
