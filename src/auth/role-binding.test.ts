import { describe, expect, it } from 'vitest';
import { normalizeUsername, validateRoleBinding } from './role-binding.ts';

describe('role binding', () => {
  it('binds each role to exactly its unit', () => {
    expect(validateRoleBinding({ role: 'city-admin' })).toEqual({
      role: 'city-admin',
      regionAdcode: null,
      department: null,
      enterprise: null,
    });
    expect(validateRoleBinding({ role: 'county', regionAdcode: '130402' }).regionAdcode).toBe(
      '130402',
    );
    expect(validateRoleBinding({ role: 'department', department: ' 生态环境局 ' }).department).toBe(
      '生态环境局',
    );
    expect(
      validateRoleBinding({ role: 'enterprise', enterprise: 'E001', regionAdcode: '' }).enterprise,
    ).toBe('E001');
  });

  it.each([
    [{ role: 'county' }, 'LT_ERR_BAD_ROLE_BINDING'],
    [{ role: 'county', regionAdcode: '1304' }, 'LT_ERR_BAD_ADCODE'],
    [{ role: 'department' }, 'LT_ERR_BAD_ROLE_BINDING'],
    [{ role: 'city-admin', regionAdcode: '130402' }, 'LT_ERR_BAD_ROLE_BINDING'],
    [{ role: 'visitor', enterprise: 'E1' }, 'LT_ERR_BAD_ROLE_BINDING'],
    [{ role: 'root' }, 'LT_ERR_BAD_ROLE_BINDING'],
  ])('refuses %j', (input, code) => {
    expect(() => validateRoleBinding(input)).toThrow(expect.objectContaining({ code }));
  });

  it('normalises user names and refuses odd ones', () => {
    expect(normalizeUsername(' Admin ')).toBe('admin');
    expect(normalizeUsername('zhang.san_1')).toBe('zhang.san_1');
    for (const bad of ['a', '-x', 'a b', '张三', 'x'.repeat(33)]) {
      expect(() => normalizeUsername(bad)).toThrow(
        expect.objectContaining({ code: 'LT_ERR_BAD_REQUEST' }),
      );
    }
  });
});
