import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCheckChar } from './credit-code.ts';

// Check characters computed by hand (docs/standards/enterprises.md §1): the values of the 17
// characters times the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, summed, mod 31.
// 91130400105712345: 9·1+1·3+1·9+3·27+0+4·26+0+0+1·20+0+5·13+7·8+1·24+2·10+3·30+4·28+5·28 = 788;
// 788 mod 31 = 13; 31 − 13 = 18 → J.
const VALID = [
  '91130400105712345J',
  '91130400MA07L1XH32', // M=21, A=10, L=20, X=29, H=17: sum 2075, mod 31 = 29 → 2
  '12130400000000000G', // sum 201, mod 31 = 15 → 16 = G
  '9113040373561234X0', // sum 1705 = 55·31 → 0
];

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes whose check character is right, trimmed and upper-cased', () => {
    for (const c of VALID) expect(checkCreditCode(c)).toEqual({ ok: true, code: c });
    expect(checkCreditCode(' 91130400ma07l1xh32 ')).toEqual({
      ok: true,
      code: '91130400MA07L1XH32',
    });
  });

  it('computes the check character', () => {
    expect(creditCheckChar('91130400105712345')).toBe('J');
    expect(creditCheckChar('9113040373561234X')).toBe('0');
  });

  it('refuses a wrong check character, a wrong length, I O Z S V and a non-numeric division', () => {
    const bad: Array<[string, RegExp]> = [
      ['91130400105712345K', /校验位不符.*应为 J/],
      ['91130400105712345', /18 位/],
      ['91130400105712345JJ', /18 位/],
      ['91130400I0571234JJ', /不允许的字符 "I"/],
      ['91130400O05712345J', /不允许的字符 "O"/],
      ['9113040S105712345J', /不允许的字符 "S"/],
      ['91130400Z05712345J', /不允许的字符 "Z"/],
      ['91130400V05712345J', /不允许的字符 "V"/],
      ['911304A0105712345J', /行政区划代码/],
      ['', /18 位/],
    ];
    for (const [code, why] of bad) {
      const r = checkCreditCode(code);
      expect(r.ok, code).toBe(false);
      if (!r.ok) expect(r.detail, code).toMatch(why);
    }
  });

  it('catches every single-character change of a valid code', () => {
    const code = VALID[0]!;
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++)
      for (const ch of charset) {
        if (ch === code[i] || (i >= 2 && i < 8 && !/\d/.test(ch))) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkCreditCode(changed).ok, changed).toBe(false);
      }
  });
});
