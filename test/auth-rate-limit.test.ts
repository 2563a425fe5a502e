/**
 * Sign-in limits over HTTP, on a test clock: after the allowed failures a user name (or a client
 * address) is refused with 429 and Retry-After — even with the right password — until the window
 * has passed. The failures are kept in the store, so a restarted server still refuses.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import type { Clock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const T0 = Date.UTC(2020, 5, 1);
const MIN = 60_000;
const PW = 'Lantian-test-2020';
const WRONG = 'Wrong-password-1';
const CONFIG: AuthConfig = {
  ...DEFAULT_AUTH_CONFIG,
  loginMaxFailuresPerUser: 5,
  loginMaxFailuresPerIp: 8,
  loginWindowMs: 15 * MIN,
};

describe.each(dialectsUnderTest())('sign-in limits on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = {
    t: T0,
    now(): number {
      return this.t;
    },
  } satisfies Clock & { t: number };

  const signIn = (username: string, password: string, ip = '10.0.0.1', a = app) =>
    a.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username, password },
    });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin']) {
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

  it('refuses a user name after 5 failures, even with the right password, until the window passes', async () => {
    const first = clock.t;
    for (let i = 0; i < 5; i++) {
      expect((await signIn('alice', WRONG)).statusCode).toBe(401);
      clock.t += MIN;
    }
    const blocked = await signIn('alice', PW);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({
      code: 'LT_ERR_RATE_LIMITED',
      detail: { retryAfterSeconds: 600 },
    });
    expect(blocked.headers['retry-after']).toBe('600'); // first failure + 15 min − now (5 min later)
    expect(blocked.cookies).toHaveLength(0);

    // Another user at another address is not affected.
    expect((await signIn('bob', PW, '10.0.0.2')).statusCode).toBe(200);

    clock.t = first + 15 * MIN - 1000;
    expect((await signIn('alice', PW)).statusCode).toBe(429);
    clock.t = first + 15 * MIN;
    expect((await signIn('alice', PW)).statusCode).toBe(200);

    const throttled = await listAudit(t.db, { action: 'auth.login_throttled', actor: 'alice' });
    expect(throttled.length).toBe(2);
    expect((await listAudit(t.db, { action: 'auth.login_failed', actor: 'alice' })).length).toBe(5);
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
      expect((await signIn('ghost', WRONG, `10.0.2.${i}`)).statusCode).toBe(401);
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
    expect((await signIn('erin', PW, '10.3.0.2')).statusCode).toBe(429);
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
    expect(r.headers['retry-after']).toBeDefined();
    expect((await signIn('bob', PW, '10.4.0.2')).statusCode).toBe(429);
  });
});
