// Rounding rules: GB/T 8170-2008 §3.2 (数值修约, "四舍六入五成双", round half to even) and the
// HJ 633 ceiling of IAQI values ("全部进位取整数").
import { CONCENTRATION_DECIMALS, type Pollutant } from './pollutants.ts';
import { ceilDiv, decimalToNumber, pow10, toExactDecimal } from './decimal.ts';

/**
 * Rounds to `decimals` places per GB/T 8170-2008 §3.2 (round half to even), on the decimal value
 * the double denotes (2.675 → 2.68 at 2 dp; 0.25 → 0.2, 0.35 → 0.4 at 1 dp). Negative numbers are
 * rounded by absolute value (GB/T 8170 §3.2.5). Negative `decimals` round to tens, hundreds….
 * Non-finite input is returned unchanged.
 */
export function roundHalfEven(x: number, decimals: number): number {
  if (!Number.isInteger(decimals)) throw new RangeError(`decimals must be an integer: ${decimals}`);
  if (!Number.isFinite(x)) return x;
  const { coefficient, scale } = toExactDecimal(x);
  if (scale <= decimals) return decimalToNumber(coefficient, scale);
  const divisor = pow10(scale - decimals);
  const negative = coefficient < 0n;
  const magnitude = negative ? -coefficient : coefficient;
  let kept = magnitude / divisor;
  const twiceRest = 2n * (magnitude % divisor);
  // GB/T 8170 §3.2.1–3.2.3: > half rounds up, < half down, exactly half to the even digit.
  if (twiceRest > divisor || (twiceRest === divisor && kept % 2n === 1n)) kept += 1n;
  return decimalToNumber(negative ? -kept : kept, decimals);
}

/**
 * Rounds a concentration per GB/T 8170 to the reporting precision of its pollutant: integer
 * µg/m³, CO to 1 decimal in mg/m³ (HJ 633-2026 §5; HJ 663 practice).
 */
export function roundConcentration(pollutant: Pollutant, value: number): number {
  return roundHalfEven(value, CONCENTRATION_DECIMALS[pollutant]);
}

/**
 * Ceiling to an integer, as HJ 633 requires for IAQI/AQI ("全部进位取整数"), immune to binary noise:
 * 100.00000000000001 → 100, 62.5 → 63.
 */
export function ceilIaqi(raw: number): number {
  if (!Number.isFinite(raw)) throw new RangeError(`IAQI must be finite: ${raw}`);
  const { coefficient, scale } = toExactDecimal(raw);
  return decimalToNumber(ceilDiv(coefficient, pow10(scale)), 0);
}
