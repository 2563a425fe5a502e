/**
 * The alarm settings of one evaluation by the alerting consumer (pure): the configured look-back
 * (LANTIAN_ALARMS_LOOKBACK_H), widened so that the judged window reaches back to the earliest
 * outlet hour of the batch — a replay of older messages is judged over the hours it carries —
 * and at most MAX_LOOKBACK_HOURS (the largest look-back the setting itself allows).
 */
import type { AlarmsConfig } from '../sources/alarms/alarm-config.ts';
import { HOUR_MS } from '../standards/local-date.ts';

/** The largest LANTIAN_ALARMS_LOOKBACK_H (alarm-config.ts). */
export const MAX_LOOKBACK_HOURS = 720;

/** The settings of an evaluation at `now` covering hours from `earliestHour` (null: as set). */
export function alarmsCovering(
  cfg: AlarmsConfig,
  earliestHour: number | null,
  now: number,
): AlarmsConfig {
  if (earliestHour === null) return cfg;
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const needed = Math.ceil((currentHour - earliestHour) / HOUR_MS) + 1;
  const lookbackHours = Math.min(MAX_LOOKBACK_HOURS, Math.max(cfg.lookbackHours, needed));
  return lookbackHours === cfg.lookbackHours ? cfg : { ...cfg, lookbackHours };
}
