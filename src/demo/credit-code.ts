/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) for the simulated enterprises:
 * registration department 9 (market regulation) and kind 1 (enterprise), the county's adcode, a
 * 9-character organisation code with its GB 11714 check character, and the GB 32100 check
 * character. The codes are valid by both checks and fictitious.
 */

/** GB 32100-2015 characters, valued 0–30 (no I, O, S, V, Z). */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015 weights of positions 1–17: 3^(i−1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714-1997 weights of the organisation code's 8 body characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character of the first 17 characters. */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARS[(31 - (sum % 31)) % 31]!;
}

/** A valid, fictitious credit code for enterprise number `serial` of county `adcode`. */
export function demoCreditCode(adcode: string, serial: number): string {
  const body = `7${String(serial).padStart(7, '0')}`;
  const first17 = `91${adcode}${body}${orgCheck(body)}`;
  return first17 + creditCheckChar(first17);
}
