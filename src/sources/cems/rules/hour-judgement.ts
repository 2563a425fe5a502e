/**
 * One CEMS hour against its limit (docs/standards/ultra-low.md §5): the corrected value is the
 * device's (-ZsAvg) when sent, else Lantian's own correction; when the limit has no reference O2,
 * the measured mean. An hour is over when it is valid and that value exceeds the
 * limit; a valid hour without a value to judge counts as invalid. Alarms judge hours through
 * this function too.
 */

/** The stored parts of an hour that judging needs (cems_hours). */
export interface HourToJudge {
  avg: number | null;
  zs_device: number | null;
  zs_calc: number | null;
  valid: number | boolean;
}

/** An hour's verdict: within the limit, over it, invalid data, or no limit to judge against. */
export type HourStatus = 'ok' | 'over' | 'invalid' | 'no_limit';

/** The judgement of one hour. */
export interface HourJudgement {
  status: HourStatus;
  /** The value compared with the limit (null when none). */
  value: number | null;
  /** Where the value comes from. */
  basis: 'device' | 'calculated' | 'measured' | null;
}

const none = { value: null, basis: null } as const;

/** The value an hour is judged by (no reference O2: the measured mean, as the limit says). */
export function judgedValue(
  h: HourToJudge,
  refO2: number | null,
): Pick<HourJudgement, 'value' | 'basis'> {
  if (refO2 === null) return h.avg === null ? none : { value: h.avg, basis: 'measured' };
  if (h.zs_device !== null) return { value: h.zs_device, basis: 'device' };
  if (h.zs_calc !== null) return { value: h.zs_calc, basis: 'calculated' };
  return none;
}

/** Judges one hour against a limit (mg/m³ at refO2; null = no limit). */
export function judgeHour(
  h: HourToJudge,
  limit: number | null,
  refO2: number | null,
): HourJudgement {
  const v = judgedValue(h, refO2);
  if (!h.valid || v.value === null) return { status: 'invalid', ...v };
  if (limit === null) return { status: 'no_limit', ...v };
  return { status: v.value > limit ? 'over' : 'ok', ...v };
}
