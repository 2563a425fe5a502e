/**
 * O2 correction (折算) of a measured concentration to the reference O2 of its limit:
 * `C × (21 − O2ref) / (21 − O2)` (HJ 212-2017 Appendix D.2, HJ 75; docs/standards/ultra-low.md §2).
 */

/** Air's O2 content (%) in the formula. */
const AIR_O2 = 21;

/**
 * The corrected concentration, or null when it cannot be computed: a missing value, O2 missing,
 * negative or at least 21 % (the divisor would vanish or turn negative), or a reference outside
 * 0–21 % (docs/standards/ultra-low.md §2, guards).
 */
export function correctToReferenceO2(
  c: number | null,
  o2: number | null,
  refO2: number | null,
): number | null {
  if (c === null || o2 === null || refO2 === null) return null;
  if (!Number.isFinite(c) || !Number.isFinite(o2) || !Number.isFinite(refO2)) return null;
  if (o2 < 0 || o2 >= AIR_O2 || refO2 < 0 || refO2 >= AIR_O2) return null;
  return (c * (AIR_O2 - refO2)) / (AIR_O2 - o2);
}
