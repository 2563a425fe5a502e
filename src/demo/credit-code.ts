/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) for the simulated enterprises:
 * registration department 9 (market regulation) and kind 1 (enterprise), the county's adcode, a
 * 9-character organisation code with its GB 11714 check character, and the GB 32100 check
 * character (src/sources/rules/credit-code.ts). The codes are valid by both checks and
 * fictitious.
 */
import { creditCheckChar } from '../sources/rules/credit-code.ts';

/** GB 11714-1997 weights of the organisation code's 8 body characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A valid, fictitious credit code for enterprise number `serial` of county `adcode`. */
export function demoCreditCode(adcode: string, serial: number): string {
  const body = `7${String(serial).padStart(7, '0')}`;
  const first17 = `91${adcode}${body}${orgCheck(body)}`;
  return first17 + creditCheckChar(first17);
}
