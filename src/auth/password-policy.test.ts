import { describe, expect, it } from 'vitest';
import { isLantianError } from '../errors.ts';
import { assertPasswordPolicy, passwordProblems } from './password-policy.ts';

describe('password policy', () => {
  it('accepts a long password with two kinds of character', () => {
    expect(passwordProblems('lantian-handan-2020', 'admin')).toEqual([]);
    expect(passwordProblems('蓝天白云2020年邯郸', 'admin')).toEqual([]);
  });

  it.each([
    ['short1', '至少 10 个字符'],
    ['abcdefghijkl', '两类'],
    ['1111111111', '同一个字符'],
    ['qwertyuiop', '常见'],
    ['Password123', '常见'],
    ['zhangsan-2020', '用户名'],
  ])('refuses %s (%s)', (pw, why) => {
    expect(passwordProblems(pw, 'zhangsan').join('；')).toContain(why);
  });

  it('throws LT_ERR_WEAK_PASSWORD listing the problems', () => {
    try {
      assertPasswordPolicy('abc', 'u1');
      expect.unreachable();
    } catch (e) {
      expect(isLantianError(e, 'LT_ERR_WEAK_PASSWORD')).toBe(true);
      expect((e as Error).message).toContain('至少 10 个字符');
    }
  });
});
