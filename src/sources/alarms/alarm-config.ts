/**
 * Settings of the alarms on pollution sources (LANTIAN_ALARMS_*), parsed once by zod. Every
 * threshold is configuration with a default, since no standard sets them (docs/sources.md
 * § Alarms lists each with its reason).
 */
import { z } from 'zod';
import { EXTENSION_TYPES } from '../../blobs/sniff-type.ts';
import { LantianError } from '../../errors.ts';
import type { EscalationRule } from './rules/escalation.ts';
import type { FlatLineRule } from './rules/flat-line.ts';
import type { FlagRules } from './rules/suspicious-flags.ts';

/** The alarms part of the configuration. */
export interface AlarmsConfig {
  /** Consecutive valid hours over the limit that make an exceedance alarm. */
  readonly exceedanceHours: number;
  /** Minutes after the end of an hour before its absence is an alarm. */
  readonly missingGraceMinutes: number;
  /** Consecutive missing hours that make an alarm. */
  readonly missingHours: number;
  /** Minutes without a packet after which a logger is offline. */
  readonly offlineMinutes: number;
  readonly flat: FlatLineRule;
  readonly flags: FlagRules;
  /** Consecutive hours of production without treatment that make an alarm. */
  readonly noTreatmentHours: number;
  readonly escalation: EscalationRule;
  /** Hours of data each run looks back over. */
  readonly lookbackHours: number;
  /** Seconds between two runs in `serve` (0: not run by serve). */
  readonly intervalSeconds: number;
  /** Largest evidence file, bytes. */
  readonly maxEvidenceBytes: number;
  /** Most evidence files one explanation may carry. */
  readonly maxEvidenceFiles: number;
  /** Media types evidence may have (as sniffed). */
  readonly evidenceTypes: readonly string[];
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const MB = 1024 * 1024;

const FLAG_HOURS = /^([A-Za-z0-9]{1,3}:\d{1,4})(,[A-Za-z0-9]{1,3}:\d{1,4})*$/;

const AlarmsEnv = z.object({
  LANTIAN_ALARMS_EXCEEDANCE_HOURS: int(1, 72).default(3),
  LANTIAN_ALARMS_MISSING_GRACE_MIN: int(0, 1440).default(60),
  LANTIAN_ALARMS_MISSING_HOURS: int(1, 72).default(1),
  LANTIAN_ALARMS_OFFLINE_MIN: int(1, 10_080).default(30),
  LANTIAN_ALARMS_FLAT_HOURS: int(2, 168).default(6),
  LANTIAN_ALARMS_FLAT_TOLERANCE: z.coerce.number().min(0).default(0),
  LANTIAN_ALARMS_FLAT_FLOOR: z.coerce.number().min(0).default(0),
  LANTIAN_ALARMS_FLAG_HOURS: z
    .string()
    .regex(FLAG_HOURS, '应为 标记:小时 的逗号分隔列表，如 M:24,D:24,C:3')
    .default('M:24,D:24,C:3'),
  LANTIAN_ALARMS_CALIBRATION_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, '应为 起-止 小时，如 8-18')
    .default('8-18'),
  LANTIAN_ALARMS_NO_TREATMENT_HOURS: int(1, 72).default(1),
  LANTIAN_ALARMS_COUNTY_AFTER_H: int(1, 8760).default(24),
  LANTIAN_ALARMS_CITY_AFTER_H: int(1, 8760).default(72),
  LANTIAN_ALARMS_LOOKBACK_H: int(2, 720).default(48),
  LANTIAN_ALARMS_INTERVAL_S: int(0, 86_400).default(300),
  LANTIAN_ALARMS_MAX_EVIDENCE_MB: z.coerce.number().positive().max(1024).default(10),
  LANTIAN_ALARMS_EVIDENCE_FILES: int(1, 20).default(5),
});

/** Photos and PDFs: what an enterprise shows (a repair sheet, a shutdown notice, a photo). */
const EVIDENCE_EXTENSIONS = ['jpg', 'png', 'webp', 'heic', 'pdf'];

/** Reads the alarms settings from an environment. */
export function alarmsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AlarmsConfig {
  const parsed = AlarmsEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  const [from, to] = e.LANTIAN_ALARMS_CALIBRATION_HOURS.split('-').map(Number) as [number, number];
  if (!(from < to && to <= 24))
    throw new LantianError('LT_ERR_BAD_CONFIG', 'LANTIAN_ALARMS_CALIBRATION_HOURS: 起始须早于结束');
  return Object.freeze({
    exceedanceHours: e.LANTIAN_ALARMS_EXCEEDANCE_HOURS,
    missingGraceMinutes: e.LANTIAN_ALARMS_MISSING_GRACE_MIN,
    missingHours: e.LANTIAN_ALARMS_MISSING_HOURS,
    offlineMinutes: e.LANTIAN_ALARMS_OFFLINE_MIN,
    flat: {
      minHours: e.LANTIAN_ALARMS_FLAT_HOURS,
      tolerance: e.LANTIAN_ALARMS_FLAT_TOLERANCE,
      floor: e.LANTIAN_ALARMS_FLAT_FLOOR,
    },
    flags: {
      maxHours: Object.fromEntries(
        e.LANTIAN_ALARMS_FLAG_HOURS.split(',').map((p) => {
          const [flag, hours] = p.split(':') as [string, string];
          return [flag, Number(hours)];
        }),
      ),
      calibrationFrom: from,
      calibrationTo: to,
      // Asia/Shanghai keeps UTC+8 all year (no daylight saving since 1991).
      utcOffsetMinutes: 480,
    },
    noTreatmentHours: e.LANTIAN_ALARMS_NO_TREATMENT_HOURS,
    escalation: {
      countyAfterHours: e.LANTIAN_ALARMS_COUNTY_AFTER_H,
      cityAfterHours: e.LANTIAN_ALARMS_CITY_AFTER_H,
    },
    lookbackHours: e.LANTIAN_ALARMS_LOOKBACK_H,
    intervalSeconds: e.LANTIAN_ALARMS_INTERVAL_S,
    maxEvidenceBytes: Math.round(e.LANTIAN_ALARMS_MAX_EVIDENCE_MB * MB),
    maxEvidenceFiles: e.LANTIAN_ALARMS_EVIDENCE_FILES,
    evidenceTypes: [...new Set(EVIDENCE_EXTENSIONS.map((x) => EXTENSION_TYPES[x]!))],
  });
}
