// Exact decimal arithmetic helpers. Standards round and ceil decimal quantities (GB/T 8170,
// HJ 633 "全部进位取整数"); doing that on binary doubles gives wrong answers at exact halves and
// exact integers (2.675 is stored as 2.67499999…, 80.00000000000001 would ceil to 81). We read a
// double as the decimal it denotes to 15 significant digits — the precision a double always
// carries — which removes representation and accumulated arithmetic noise, then work on BigInt.

/** An exact decimal value = coefficient × 10^(−scale), with scale ≥ 0. */
export interface ExactDecimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/** Significant decimal digits kept when a double is read as a decimal. */
export const SIGNIFICANT_DIGITS = 15;

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** Reads a finite double as the exact decimal it denotes at 15 significant digits. */
export function toExactDecimal(x: number): ExactDecimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return { coefficient: 0n, scale: 0 };
  const m = NUMBER_TEXT.exec(x.toPrecision(SIGNIFICANT_DIGITS));
  if (!m) throw new RangeError(`cannot read ${x} as a decimal`);
  const sign = m[1] ?? '';
  const fraction = m[3] ?? '';
  let digits = (m[2] ?? '') + fraction;
  let scale = fraction.length - Number(m[4] ?? '0');
  while (scale > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { coefficient: BigInt(sign + digits), scale };
}

/** 10^n as a BigInt (n ≥ 0). */
export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** The coefficient of `d` re-expressed at a larger or equal scale. */
export function atScale(d: ExactDecimal, scale: number): bigint {
  if (scale < d.scale) throw new RangeError(`cannot lower scale ${d.scale} to ${scale}`);
  return d.coefficient * pow10(scale - d.scale);
}

/** Ceiling of a / b for BigInts (b ≠ 0). */
export function ceilDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const q = a / b;
  const exact = a % b === 0n;
  return !exact && a > 0n === b > 0n ? q + 1n : q;
}

/** Converts coefficient × 10^(−scale) to the nearest double (scale may be negative). */
export function decimalToNumber(coefficient: bigint, scale: number): number {
  if (coefficient === 0n) return 0;
  return Number(`${coefficient}e${-scale}`);
}
