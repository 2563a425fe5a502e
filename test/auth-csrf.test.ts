/**
 * Cross-site request forgery: a change made with the session cookie needs the session's
 * X-Lantian-CSRF token and must not come from a foreign origin; reads are unaffected; bearer
 * tokens are exempt; sign-in itself refuses foreign origins (login CSRF).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const PW = 'Lantian-test-2020';
const clock = fixedClock(Date.UTC(2020, 5, 1));

describe.each(dialectsUnderTest())('CSRF protection on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let cookie: string;
  let csrf: string;
  let otherCsrf: string;

  const signIn = async (headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'admin', password: PW },
    });
    const c = res.cookies.find((x) => x.name === 'lt_session');
    return { res, cookie: c ? `lt_session=${c.value}` : '', csrf: res.json().csrfToken as string };
  };
  const createToken = (name: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/tokens', headers, payload: { name } });
  const tokenNames = async (): Promise<string[]> =>
    (await app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } }))
      .json()
      .map((x: { name: string }) => x.name);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await createUser(
      t.db,
      clock,
      { actor: 'test', ip: null },
      { username: 'admin', role: 'city-admin', password: PW },
    );
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: { ...DEFAULT_AUTH_CONFIG, trustedOrigins: ['https://dashboard.example.cn'] },
    });
    ({ cookie, csrf } = await signIn());
    otherCsrf = (await signIn()).csrf;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it.each([
    ['no CSRF header', {}],
    ['another session’s CSRF token', { 'x-lantian-csrf': 'OTHER' }],
    ['a foreign Origin', { origin: 'https://evil.example', 'x-lantian-csrf': 'OWN' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', 'x-lantian-csrf': 'OWN' }],
    ['Origin: null (sandboxed page)', { origin: 'null', 'x-lantian-csrf': 'OWN' }],
  ])(
    'refuses a cookie-authenticated change with %s',
    async (_what, extra: Record<string, string>) => {
      const headers: Record<string, string> = { cookie };
      for (const [k, v] of Object.entries(extra)) {
        headers[k] = v === 'OWN' ? csrf : v === 'OTHER' ? otherCsrf : v;
      }
      const r = await createToken('forged', headers);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('LT_ERR_CSRF');
      expect(await tokenNames()).not.toContain('forged');
    },
  );

  it('accepts the change from the same origin with the session’s token', async () => {
    const same = await createToken('same-origin', {
      cookie,
      'x-lantian-csrf': csrf,
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
    });
    expect(same.statusCode).toBe(201);
    const trusted = await createToken('trusted-origin', {
      cookie,
      'x-lantian-csrf': csrf,
      origin: 'https://dashboard.example.cn',
      'sec-fetch-site': 'same-site',
    });
    expect(trusted.statusCode).toBe(201);
  });

  it('does not ask reads for the token', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(r.statusCode).toBe(200);
  });

  it('refuses a sign-out forged by another site', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(r.json().code).toBe('LT_ERR_CSRF');
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it('exempts bearer tokens, which a browser never attaches by itself', async () => {
    const made = await createToken('integration', { cookie, 'x-lantian-csrf': csrf });
    const spare = await createToken('spare', { cookie, 'x-lantian-csrf': csrf });
    const bearer = `Bearer ${made.json().token}`;
    // (A token cannot create tokens, docs/security.md; revoking one is a change it may make.)
    const r = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${spare.json().id}`,
      headers: { authorization: bearer, origin: 'https://elsewhere.example' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().revokedAt).not.toBeNull();
  });

  it('refuses a sign-in posted by another site (login CSRF)', async () => {
    const foreign = await signIn({ origin: 'https://evil.example' });
    expect(foreign.res.statusCode).toBe(403);
    expect(foreign.res.json().code).toBe('LT_ERR_CSRF');
    expect(foreign.res.cookies).toHaveLength(0);
    expect((await signIn({ 'sec-fetch-site': 'same-origin' })).res.statusCode).toBe(200);
  });
});
