/**
 * Sign-in limits over HTTP, on a test clock: after the free failures a user name at an address
 * waits, longer after each failure, with 429 and Retry-After — even with the right password —
 * while the same user elsewhere signs in; an address trying many names, and many addresses trying
 * one name, are bounded too. The failures are kept in the store, so a restarted server still
 * refuses.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, postLogin } from './support/sign-in.ts';

const T0 = Date.UTC(2020, 5, 1);
const MIN = 60_000;
const PW = 'Lantian-test-2020';
const WRONG = 'Wrong-password-1';
const CONFIG: AuthConfig = {
  ...DEFAULT_AUTH_CONFIG,
  loginFreeFailures: 5,
  loginDelayBaseMs: MIN,
  loginDelayMaxMs: 15 * MIN,
  loginDelayMemoryMs: 24 * 60 * MIN,
  loginMaxFailuresPerIp: 8,
  loginMaxFailuresPerUser: 12,
  loginWindowMs: 15 * MIN,
};

describe.each(dialectsUnderTest())('sign-in limits on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = movableClock(T0);

  const signIn = (username: string, password: string, ip = '10.0.0.1', a = app) =>
    postLogin(a, username, password, { remoteAddress: ip });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace']) {
      await createUser(
        t.db,
        clock,
        { actor: 'test', ip: null },
        { username, role: 'visitor', password: PW },
      );
    }
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: CONFIG });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('delays a user name at one address with growing waits, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('alice', WRONG)).statusCode).toBe(401);
    const blocked = await signIn('alice', PW);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({
      code: 'LT_ERR_RATE_LIMITED',
      detail: { retryAfterSeconds: 60 },
    });
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.cookies).toHaveLength(0);

    // Each further failure doubles the wait: 1, 2, 4 minutes …
    clock.t += MIN;
    expect((await signIn('alice', WRONG)).statusCode).toBe(401);
    expect((await signIn('alice', PW)).headers['retry-after']).toBe('120');
    clock.t += 2 * MIN;
    expect((await signIn('alice', WRONG)).statusCode).toBe(401);
    expect((await signIn('alice', PW)).headers['retry-after']).toBe('240');
    clock.t += 4 * MIN - 1000;
    expect((await signIn('alice', PW)).statusCode).toBe(429);
    clock.t += 1000;
    expect((await signIn('alice', PW)).statusCode).toBe(200);

    const throttled = await listAudit(t.db, { action: 'auth.login_throttled', actor: 'alice' });
    expect(throttled.length).toBe(4);
    expect((await listAudit(t.db, { action: 'auth.login_failed', actor: 'alice' })).length).toBe(7);
  });

  it('never locks the real user out from elsewhere: wrong passwords at one address delay only that address', async () => {
    // Issue 15 "Lockout by anyone": with the default settings, five wrong passwords from anywhere
    // used to lock the user out for 15 minutes.
    clock.t += 60 * MIN;
    const defaults = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
    });
    try {
      for (let i = 0; i < 15; i++) {
        await signIn('frank', WRONG, '10.6.6.6', defaults);
        clock.t += 20_000;
      }
      expect((await signIn('frank', PW, '10.6.6.6', defaults)).statusCode).toBe(429);
      // The real user, at an address they have never used before, signs in.
      expect((await signIn('frank', PW, '10.0.0.7', defaults)).statusCode).toBe(200);
      // And the attacker's address is still held back.
      expect((await signIn('frank', PW, '10.6.6.6', defaults)).statusCode).toBe(429);
    } finally {
      await defaults.close();
    }
  });

  it('bounds guessing spread over many addresses, except at an address the user signed in from', async () => {
    clock.t += 60 * MIN;
    expect((await signIn('grace', PW, '10.0.5.1')).statusCode).toBe(200);
    clock.t += MIN;
    for (let i = 0; i < 12; i++)
      expect((await signIn('grace', WRONG, `10.7.0.${i}`)).statusCode).toBe(401);
    const fresh = await signIn('grace', PW, '10.7.1.1');
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBe(15 * 60);
    expect((await signIn('grace', PW, '10.0.5.1')).statusCode).toBe(200);
    clock.t += 15 * MIN;
    expect((await signIn('grace', PW, '10.7.1.1')).statusCode).toBe(200);
  });

  it('forgets a user name’s failures after a successful sign-in', async () => {
    // (A success clears the user name's count, not the address's: a second address is used.)
    clock.t += 60 * MIN;
    for (let i = 0; i < 4; i++)
      expect((await signIn('carol', WRONG, '10.0.1.1')).statusCode).toBe(401);
    expect((await signIn('carol', PW, '10.0.1.1')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await signIn('carol', WRONG, '10.0.1.2')).statusCode).toBe(401);
    expect((await signIn('carol', PW, '10.0.1.2')).statusCode).toBe(200);
  });

  it('counts unknown user names like real ones', async () => {
    clock.t += 60 * MIN;
    for (let i = 0; i < 5; i++)
      expect((await signIn('ghost', WRONG, '10.0.2.1')).statusCode).toBe(401);
    expect((await signIn('ghost', WRONG, '10.0.2.1')).statusCode).toBe(429);
    for (let i = 0; i < 12; i++) await signIn('ghost', WRONG, `10.0.3.${i}`);
    expect((await signIn('ghost', WRONG, '10.0.2.9')).statusCode).toBe(429);
  });

  it('refuses a client address after 8 failures across user names', async () => {
    clock.t += 60 * MIN;
    const names = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
    for (const n of names) expect((await signIn(n, WRONG, '10.9.9.9')).statusCode).toBe(401);
    const blocked = await signIn('dave', PW, '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    expect((await signIn('dave', PW, '10.9.9.10')).statusCode).toBe(200);
  });

  it('keeps refusing after a restart: the failures are in the store', async () => {
    clock.t += 60 * MIN;
    for (let i = 0; i < 5; i++) await signIn('erin', WRONG, '10.3.0.1');
    await app.close();
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: CONFIG });
    expect((await signIn('erin', PW, '10.3.0.1')).statusCode).toBe(429);
    expect((await signIn('erin', PW, '10.3.0.2')).statusCode).toBe(200);
  });

  it('counts wrong current passwords in a password change against the same limit', async () => {
    clock.t += 60 * MIN;
    const s = await signIn('bob', PW, '10.4.0.1');
    const cookie = `lt_session=${s.cookies.find((c) => c.name === 'lt_session')!.value}`;
    const change = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        remoteAddress: '10.4.0.1',
        headers: { cookie, 'x-lantian-csrf': s.json().csrfToken },
        payload: { currentPassword: WRONG, newPassword: 'Another-pass-2020' },
      });
    for (let i = 0; i < 5; i++) expect((await change()).json().code).toBe('LT_ERR_BAD_CREDENTIALS');
    const r = await change();
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('60');
    expect((await signIn('bob', PW, '10.4.0.1')).statusCode).toBe(429);
    expect((await signIn('bob', PW, '10.4.0.2')).statusCode).toBe(200);
  });
});
