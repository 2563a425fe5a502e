/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015, docs/standards/enterprises.md §1:
 * 18 characters from a 31-character set (digits and capital letters without I, O, Z, S, V):
 * registration authority (1), institution category (1), administrative division (6 digits,
 * GB/T 2260), the subject's identifier (9) and a check character. The check character makes
 * Σ value(cᵢ)·wᵢ + value(c₁₈) ≡ 0 (mod 31), with wᵢ = 3^(i−1) mod 31.
 */

/** The 31 characters in order of their values 0–30. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^(i−1) mod 31. */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** Why a code is not a valid credit code, in Chinese, or null when it is valid. */
export type CreditCodeCheck = { ok: true; code: string } | { ok: false; detail: string };

/** The check character of the first 17 characters (which must be in the character set). */
export function creditCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(body17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Checks a credit code (spaces trimmed, letters upper-cased first). */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18)
    return { ok: false, detail: `统一社会信用代码应为 18 位，"${code}" 有 ${code.length} 位` };
  const bad = [...code].find((c) => !CHARSET.includes(c));
  if (bad !== undefined)
    return {
      ok: false,
      detail: `统一社会信用代码含有不允许的字符 "${bad}"（不用 I、O、Z、S、V）`,
    };
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, detail: `统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）` };
  const expected = creditCheckChar(code.slice(0, 17));
  if (code[17] !== expected)
    return {
      ok: false,
      detail: `统一社会信用代码校验位不符（第 18 位应为 ${expected}，实为 ${code[17]}）`,
    };
  return { ok: true, code };
}
