import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Wrap timingSafeEqual so that the test can see the comparison go through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const { DEFAULT_SCRYPT, burnPasswordCheck, hashPassword, needsRehash, verifyPassword } =
  await import('./password-hash.ts');

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores the parameters, a fresh salt and the key with the hash', async () => {
    const h = await hashPassword('correct horse 42');
    const parts = h.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', String(DEFAULT_SCRYPT.N), '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(32);
    const again = await hashPassword('correct horse 42');
    expect(again).not.toBe(h);
    expect(h).not.toContain('correct');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('邯郸蓝天2020!', FAST);
    expect(await verifyPassword('邯郸蓝天2020!', h)).toBe(true);
    expect(await verifyPassword('邯郸蓝天2020?', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('compares keys with crypto.timingSafeEqual', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    const h = await hashPassword('abc-def-123', FAST);
    spy.mockClear();
    expect(await verifyPassword('abc-def-124', h)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const h = await hashPassword('old-params-1', FAST);
    expect(h.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('old-params-1', h)).toBe(true);
    expect(needsRehash(h)).toBe(true);
    expect(needsRehash(await hashPassword('new-params-1'))).toBe(false);
  });

  it('treats the same text in composed and decomposed Unicode as one password', async () => {
    const h = await hashPassword('Cafe\u0301-2020', FAST);
    expect(await verifyPassword('Caf\u00e9-2020', h)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['other scheme', 'bcrypt$10$abc'],
    [
      'N not a power of two',
      'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ],
    [
      'N too large for a stored row',
      'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ],
    ['bad base64', 'scrypt$1024$8$1$!!!!$AAAA'],
    ['short key', 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
  ])('refuses a malformed stored hash (%s) without throwing', async (_what, stored) => {
    expect(await verifyPassword('whatever-1', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('spends a verification for unknown users and always fails', async () => {
    expect(await burnPasswordCheck('anything-1')).toBe(false);
  });
});
