// Reading a measured value written as text. JavaScript's Number() is far too lenient for data:
// Number(' ') === 0, Number('') === 0, Number('0x10') === 16, Number('1e3') === 1000 and
// Number('Infinity') is a number. A value that is not written as a plain decimal number must
// never become a concentration (a blank SO2 cell stored as 0 µg/m³ is a false measurement).
//
// What Lantian reads as a decimal number (the HJ 212-2017 "N14.2"-style numeric fields and what
// monitoring exports write):
//   [+|-] digits [. digits]   or   [+|-] . digits   or   [+|-] digits .
// with ASCII digits 0-9 only, optionally surrounded by white space, and a finite value.
// Not decimal: hexadecimal/octal/binary prefixes (0x10, 0o7, 0b1), exponents (1e3, 1e, 2E-5),
// Infinity, NaN, thousands separators (1,000 or 1_000), decimal commas (1,5), full-width digits
// (１２), several signs or points, and anything else. A field that is empty or only white space
// is blank (a missing value), not zero.

/** How a text field reads: a decimal number, blank (missing), or not a decimal number. */
export type DecimalReading =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'blank' }
  | { readonly kind: 'not-decimal' };

const PLAIN_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

const BLANK: DecimalReading = Object.freeze({ kind: 'blank' });
const NOT_DECIMAL: DecimalReading = Object.freeze({ kind: 'not-decimal' });

/**
 * Reads a text field as a plain decimal number (see the rule above): blank for empty or
 * white-space-only text, not-decimal for anything else that is not a finite plain decimal.
 * −0 reads as 0.
 */
export function readDecimal(text: string): DecimalReading {
  const t = text.trim();
  if (t === '') return BLANK;
  if (!PLAIN_DECIMAL.test(t)) return NOT_DECIMAL;
  const value = Number(t);
  if (!Number.isFinite(value)) return NOT_DECIMAL; // e.g. 400 digits: beyond a double
  return { kind: 'number', value: value === 0 ? 0 : value };
}

/** Reads a text field as a whole number written in plain decimal digits, or null. */
export function readInteger(text: string): number | null {
  const r = readDecimal(text);
  return r.kind === 'number' && Number.isSafeInteger(r.value) ? r.value : null;
}
