/**
 * The configurable completeness rules of the air figures (docs/assessment.md): the points a
 * region's daily value needs, when an AQI is published with indicators missing, and whether such
 * days count in the HJ 663 day counts. Each default is the reading of the standards documented in
 * src/standards (region-daily.ts, aqi-result.ts, day-counts.ts); the points marked UNVERIFIED
 * there can be changed here without touching the rules themselves.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import {
  DEFAULT_COUNT_INCOMPLETE_DAYS,
  DEFAULT_MIN_STATION_SHARE,
  DEFAULT_MISSING_DATA,
  MISSING_DATA_POLICIES,
  type AqiEdition,
  type AssessmentEdition,
  type MissingDataPolicy,
} from '../standards/index.ts';

/** Completeness rules of daily and hourly air figures. */
export interface AirRules {
  /** Share of a region's expected points that must have a valid value (LANTIAN_AIR_MIN_STATION_SHARE). */
  readonly minStationShare: number;
  /** AQI with indicators missing, per AQI edition (LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2012 / _2026). */
  readonly missingData: Readonly<Record<AqiEdition, MissingDataPolicy>>;
  /** Whether published incomplete days count, per evaluation edition (LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2013 / _2026). */
  readonly countIncompleteDays: Readonly<Record<AssessmentEdition, boolean>>;
}

/** The rules as the standards are read (see src/standards). */
export const DEFAULT_AIR_RULES: AirRules = Object.freeze({
  minStationShare: DEFAULT_MIN_STATION_SHARE,
  missingData: DEFAULT_MISSING_DATA,
  countIncompleteDays: DEFAULT_COUNT_INCOMPLETE_DAYS,
});

const policy = z.enum(MISSING_DATA_POLICIES as [MissingDataPolicy, ...MissingDataPolicy[]]);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const EnvSchema = z.object({
  LANTIAN_AIR_MIN_STATION_SHARE: z.coerce.number().min(0).max(1).optional(),
  LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2012: policy.optional(),
  LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2026: policy.optional(),
  LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2013: flag.optional(),
  LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2026: flag.optional(),
});

/** Reads the air rules from LANTIAN_AIR_* variables; unset ones keep their default. */
export function airRulesFromEnv(env: NodeJS.ProcessEnv = process.env): AirRules {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('LANTIAN_AIR_') && v !== ''),
  );
  const parsed = EnvSchema.safeParse(clean);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  const d = DEFAULT_AIR_RULES;
  return Object.freeze({
    minStationShare: e.LANTIAN_AIR_MIN_STATION_SHARE ?? d.minStationShare,
    missingData: Object.freeze({
      'HJ633-2012': e.LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2012 ?? d.missingData['HJ633-2012'],
      'HJ633-2026': e.LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2026 ?? d.missingData['HJ633-2026'],
    }),
    countIncompleteDays: Object.freeze({
      'HJ663-2013':
        e.LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2013 ?? d.countIncompleteDays['HJ663-2013'],
      'HJ663-2026':
        e.LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2026 ?? d.countIncompleteDays['HJ663-2026'],
    }),
  });
}
