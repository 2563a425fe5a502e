/**
 * Which CEMS data flags make a value valid data (docs/standards/ultra-low.md §3; HJ 212-2017
 * Table 8, HJ/T 212-2005 flags, HJ 75). The sets are configuration
 * (data/sources/ultra-low-limits.json `flags`): the standard names the states, not what
 * statistics do with them.
 */

/** How flags are judged. */
export interface FlagPolicy {
  /** Flags of normal data. */
  valid: readonly string[];
  /** Flags kept as valid but marked (T: above the measuring range). */
  marked: readonly string[];
  /** Flags of invalid data (F M S D C B, 2005 P). */
  invalid: readonly string[];
  /** What an unknown flag (St, Sd, 2025 flags …) means. */
  unknown: 'valid' | 'invalid';
}

/** The default policy (docs/standards/ultra-low.md §3). */
export const DEFAULT_FLAG_POLICY: FlagPolicy = {
  valid: ['N'],
  marked: ['T'],
  invalid: ['F', 'M', 'S', 'D', 'C', 'B', 'P'],
  unknown: 'invalid',
};

/** What a flag means for statistics. */
export type FlagVerdict = 'valid' | 'marked' | 'invalid';

/** Judges one flag; no flag sent counts as valid. */
export function judgeFlag(
  flag: string | null,
  policy: FlagPolicy = DEFAULT_FLAG_POLICY,
): FlagVerdict {
  if (flag === null || flag === '') return 'valid';
  if (policy.valid.includes(flag)) return 'valid';
  if (policy.marked.includes(flag)) return 'marked';
  if (policy.invalid.includes(flag)) return 'invalid';
  return policy.unknown;
}

/** True when a value with this flag counts as valid data (valid or marked). */
export function flagCounts(flag: string | null, policy: FlagPolicy = DEFAULT_FLAG_POLICY): boolean {
  return judgeFlag(flag, policy) !== 'invalid';
}
