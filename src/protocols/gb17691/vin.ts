// Vehicle identification numbers (VIN) as GB 16735 defines them (the standard HJ 1239.3 refers
// to): 17 characters of 0–9 and A–Z without I, O and Q; the 9th character is a check digit
// computed from the other 16 (weights 8 7 6 5 4 3 2 10 · 9 8 7 6 5 4 3 2, letters transliterated,
// sum mod 11, 10 written "X"). The same rule is ISO 3779's North-American check digit.
//
// Where the check digit applies: vehicles made in China carry it (WMI region "L"); a VIN of an
// imported vehicle follows the rules of its country of manufacture and may have any character
// in position 9, so it is not refused. Which WMI prefixes to check is configuration
// (`checkDigitPrefixes`, default ["L"]); whether imported trucks must carry the check digit
// under GB 16735-2019 is UNVERIFIED (the standard's text was not read).

/** What to do when a VIN's check digit is wrong: warn (default), reject the frame, or ignore. */
export type VinCheckDigitPolicy = 'warn' | 'reject' | 'off';

/** Default WMI prefixes whose VINs must carry a GB 16735 check digit (China). */
export const DEFAULT_CHECK_DIGIT_PREFIXES: readonly string[] = ['L'];

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const VALUE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let d = 0; d <= 9; d++) t[0x30 + d] = d;
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
  for (let i = 0; i < letters.length; i++) t[letters.charCodeAt(i)] = values[i]!;
  return t;
})();

/** Whether the text is 17 characters of the VIN alphabet (0-9, A-Z without I, O, Q). */
export function isVinSyntax(vin: string): boolean {
  if (vin.length !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const c = vin.charCodeAt(i);
    if (c >= 128 || VALUE[c]! < 0) return false;
  }
  return true;
}

/** The check digit GB 16735 computes for a syntactically valid VIN ("0"–"9" or "X"). */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += VALUE[vin.charCodeAt(i)]! * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Whether the check-digit rule applies to this VIN (its WMI starts with one of the prefixes). */
export function checkDigitApplies(
  vin: string,
  prefixes: readonly string[] = DEFAULT_CHECK_DIGIT_PREFIXES,
): boolean {
  return prefixes.some((p) => vin.startsWith(p));
}

/**
 * The problem with a VIN, or null when it is fine: "syntax" when it is not 17 VIN characters,
 * "check_digit" when the rule applies and the 9th character is wrong.
 */
export function vinProblem(
  vin: string,
  prefixes: readonly string[] = DEFAULT_CHECK_DIGIT_PREFIXES,
): 'syntax' | 'check_digit' | null {
  if (!isVinSyntax(vin)) return 'syntax';
  if (checkDigitApplies(vin, prefixes) && vin[8] !== vinCheckDigit(vin)) return 'check_digit';
  return null;
}
