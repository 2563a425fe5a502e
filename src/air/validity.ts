/**
 * Which data flags make an hourly value usable for statistics. The flag is kept as received; this
 * rule only decides what the statistics count (docs/architecture.md, Conventions: validity).
 *
 * HJ 212-2017 Table 8: N normal is valid; F stopped, M maintenance, S set value, D fault,
 * C calibration and B communication fault are not. T (above the measuring range) is a real
 * measurement at the top of the range and is counted. HJ/T 212-2005 ambient-station flags: 3
 * normal counts; 0 calibration, 1 meteorological parameter, 2 abnormal do not. Rows imported
 * without a flag count as valid. The suggested-validity column of docs/standards/hj212.md §1.9 is a
 * recommendation, so the set is configuration.
 */
export const DEFAULT_VALID_FLAGS: ReadonlySet<string> = new Set(['N', 'T', '3']);

/** True when a reading with this flag enters statistics. */
export function isValidFlag(
  flag: string | null,
  valid: ReadonlySet<string> = DEFAULT_VALID_FLAGS,
): boolean {
  return flag === null || flag === '' || valid.has(flag);
}
