/**
 * Settings of the trucks' daily metrics, windowed rules and recompute job (LANTIAN_TRUCKS_*,
 * part of trucks-config.ts). Every value is UNVERIFIED — standards-mobile-limits.md §2 found no
 * national numeric rule for judging remote OBD data, and HJ 1239.2 defines only packet loss
 * (lost ÷ sent) — so each is configuration with a default; docs/trucks.md "Daily metrics and
 * judgements" lists them.
 */
import { z } from 'zod';
import { LantianError } from '../../errors.ts';
import type { DayMetricsConfig } from './day-metrics.ts';
import type { WindowRuleConfig } from '../rules/windowed-rules.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

/** NOx-related DTCs by default: J1939 SPNs and ISO 15031 P-code prefixes (UNVERIFIED list). */
const DEFAULT_NOX_DTCS =
  'SPN3216,SPN3226,SPN4364,SPN1761,SPN3361,SPN4334,SPN4094,SPN4096,P20EE,P220,P203F,P207F,P2BAD';

const DaysEnvSchema = z.object({
  LANTIAN_TRUCKS_DAYS_INTERVAL_S: int(0, 86_400).default(900),
  LANTIAN_TRUCKS_SPAN_GAP_S: int(1, 86_400).default(300),
  LANTIAN_TRUCKS_MAX_KMH: num(1, 1000).default(150),
  LANTIAN_TRUCKS_LOAD_TORQUE_PCT: num(-125, 125).default(30),
  LANTIAN_TRUCKS_NOX_WINDOW_S: int(1, 86_400).default(300),
  LANTIAN_TRUCKS_WINDOW_GAP_S: int(1, 3600).default(30),
  LANTIAN_TRUCKS_REAGENT_EMPTY_S: int(1, 86_400).default(60),
  LANTIAN_TRUCKS_REAGENT_FLAT_S: int(1, 86_400).default(7200),
  LANTIAN_TRUCKS_REAGENT_FLAT_FUEL_L: num(0, 10_000).default(20),
  LANTIAN_TRUCKS_SCR_TEMP_MIN_C: num(-273, 2000).default(-40),
  LANTIAN_TRUCKS_SCR_TEMP_MAX_C: num(-273, 2000).default(700),
  LANTIAN_TRUCKS_SCR_TEMP_S: int(1, 86_400).default(300),
  LANTIAN_TRUCKS_SCR_STUCK_S: int(1, 86_400).default(1800),
  LANTIAN_TRUCKS_NOX_DTCS: z.string().default(DEFAULT_NOX_DTCS),
  LANTIAN_TRUCKS_JUMP_GAP_S: int(1, 86_400).default(60),
  LANTIAN_TRUCKS_JUMP_KM: num(0, 10_000).default(1),
  LANTIAN_TRUCKS_NETWORKED_DAYS: int(1, 366).default(30),
  LANTIAN_TRUCKS_PLAN_TARGET: z
    .string()
    .regex(/^[^/]+\/[^/]+$/)
    .default('三.(三).6.1/t1'),
});

/** Settings of the daily metrics, the windowed rules and the recompute job. */
export interface TruckDaysConfig {
  /** Seconds between recomputations of today's and yesterday's vehicle-days (0 = off). */
  readonly intervalS: number;
  readonly metrics: DayMetricsConfig;
  readonly windows: WindowRuleConfig;
  /** A vehicle is networked when it sent data within this many days (UNVERIFIED reading). */
  readonly networkedDays: number;
  /** The plan target the networked count is tracked against: measure number and target id. */
  readonly planTarget: { readonly number: string; readonly targetId: string };
}

/** Reads the daily settings; `shared` are the record rules' values the windows reuse. */
export function truckDaysConfigFromEnv(
  env: NodeJS.ProcessEnv,
  shared: { noxMaxPpm: number; scrWarmC: number; movingKmh: number },
): TruckDaysConfig {
  const parsed = DaysEnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    intervalS: e.LANTIAN_TRUCKS_DAYS_INTERVAL_S,
    networkedDays: e.LANTIAN_TRUCKS_NETWORKED_DAYS,
    planTarget: Object.freeze({
      number: e.LANTIAN_TRUCKS_PLAN_TARGET.split('/')[0]!,
      targetId: e.LANTIAN_TRUCKS_PLAN_TARGET.split('/')[1]!,
    }),
    metrics: Object.freeze({
      spanGapS: e.LANTIAN_TRUCKS_SPAN_GAP_S,
      maxKmh: e.LANTIAN_TRUCKS_MAX_KMH,
    }),
    windows: Object.freeze({
      ...shared,
      loadTorquePct: e.LANTIAN_TRUCKS_LOAD_TORQUE_PCT,
      noxWindowS: e.LANTIAN_TRUCKS_NOX_WINDOW_S,
      maxGapS: e.LANTIAN_TRUCKS_WINDOW_GAP_S,
      reagentEmptyS: e.LANTIAN_TRUCKS_REAGENT_EMPTY_S,
      reagentFlatS: e.LANTIAN_TRUCKS_REAGENT_FLAT_S,
      reagentFlatFuelL: e.LANTIAN_TRUCKS_REAGENT_FLAT_FUEL_L,
      scrTempMinC: e.LANTIAN_TRUCKS_SCR_TEMP_MIN_C,
      scrTempMaxC: e.LANTIAN_TRUCKS_SCR_TEMP_MAX_C,
      scrTempS: e.LANTIAN_TRUCKS_SCR_TEMP_S,
      scrStuckS: e.LANTIAN_TRUCKS_SCR_STUCK_S,
      noxDtcs: Object.freeze(
        e.LANTIAN_TRUCKS_NOX_DTCS.split(',')
          .map((x) => x.trim().toUpperCase().replace(/\s+/g, ''))
          .filter((x) => x.length > 0),
      ),
      jumpGapS: e.LANTIAN_TRUCKS_JUMP_GAP_S,
      jumpKm: e.LANTIAN_TRUCKS_JUMP_KM,
    }),
  });
}
