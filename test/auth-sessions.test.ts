/**
 * Sessions over HTTP: signing in as each role, the cookie's flags, sign-out (a copied session id
 * stops working), idle and absolute expiry on a test clock, the initial-password rule and
 * disabled accounts. Every sign-in, failure and sign-out lands in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { upsertRegions } from '../src/air/region-repo.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser, setUserDisabled } from '../src/auth/user-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, postLogin, signInTo } from './support/sign-in.ts';

const T0 = Date.UTC(2020, 5, 1, 0, 0, 0);
const MIN = 60_000;
const PW = 'Lantian-test-2020';
const CTX = { actor: 'test', ip: null };

describe.each(dialectsUnderTest())('sessions on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = movableClock(T0);

  /** Signs in; returns the answer, the Cookie header to send back and the CSRF token. */
  const signIn = (username: string, password = PW, a = app) => signInTo(a, username, password);
  const me = (cookie: string) =>
    app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await upsertRegions(
      t.db,
      [
        { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
        { adcode: '130402', name: '邯山区', parentAdcode: '130400', level: 'county' },
      ],
      T0,
    );
    const users = [
      { username: 'admin', role: 'city-admin' },
      { username: 'eco', role: 'department', department: '生态环境局' },
      { username: 'hanshan', role: 'county', regionAdcode: '130402' },
      { username: 'steel', role: 'enterprise', enterprise: '91130400MA0001' },
      { username: 'guest', role: 'visitor' },
      { username: 'newbie', role: 'county', regionAdcode: '130402', mustChangePassword: true },
      { username: 'leaver', role: 'visitor' },
    ];
    for (const u of users) await createUser(t.db, clock, CTX, { ...u, password: PW });
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it.each([
    ['admin', 'city-admin', { regionAdcode: null }],
    ['eco', 'department', { department: '生态环境局' }],
    ['hanshan', 'county', { regionAdcode: '130402' }],
    ['steel', 'enterprise', { enterprise: '91130400MA0001' }],
    ['guest', 'visitor', {}],
  ])(
    'signs in as %s (%s) with an HttpOnly SameSite=Strict cookie',
    async (username, role, binding) => {
      const { res, cookie, csrf } = await signIn(username);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { username, role, ...binding }, via: 'session' });
      expect(res.json().user).not.toHaveProperty('passwordHash');
      expect(res.body).not.toContain('scrypt$');
      const c = res.cookies.find((x) => x.name === 'lt_session')!;
      expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(c).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: 12 * 60 * 60,
      });
      expect(c.secure).toBeFalsy(); // plain HTTP in this test
      const who = await me(cookie);
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({
        user: { username, role },
        via: 'session',
        csrfToken: csrf,
        expiresAt: clock.t + 12 * 60 * MIN,
      });
      expect(res.json().expiresAt).toBe(clock.t + 12 * 60 * MIN);
      const audit = await listAudit(t.db, { action: 'auth.login', actor: username });
      expect(audit.length).toBeGreaterThan(0);
    },
  );

  it('gives the same answer for a wrong password and an unknown user, and audits both', async () => {
    const wrong = await signIn('guest', 'not-the-password-1');
    const nobody = await signIn('nobody', 'not-the-password-1');
    for (const r of [wrong.res, nobody.res]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({
        code: 'LT_ERR_BAD_CREDENTIALS',
        message: '用户名或密码错误',
      });
      expect(r.cookies).toHaveLength(0);
    }
    const failed = await listAudit(t.db, { action: 'auth.login_failed' });
    expect(failed.map((f) => [f.actor, (f.detail as { reason: string }).reason])).toEqual(
      expect.arrayContaining([
        ['guest', 'bad_password'],
        ['nobody', 'unknown_user'],
      ]),
    );
    expect(failed[0]!.ip).toBe('127.0.0.1');
  });

  it('refuses requests without a session, and with a role the route does not admit', async () => {
    expect((await me('')).json()).toMatchObject({ code: 'LT_ERR_UNAUTHENTICATED' });
    expect((await me('lt_session=forged')).statusCode).toBe(401);
    const guest = await signIn('guest');
    const users = await app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: guest.cookie },
    });
    expect(users.statusCode).toBe(403);
    expect(users.json().code).toBe('LT_ERR_FORBIDDEN');
    const admin = await signIn('admin');
    expect(
      (await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('stops a copied session id from working once its owner signs out', async () => {
    const { cookie, csrf } = await signIn('hanshan');
    const stolen = cookie;
    expect((await me(stolen)).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-lantian-csrf': csrf },
    });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((x) => x.name === 'lt_session')!;
    expect(cleared.value).toBe('');
    expect(cleared.maxAge).toBe(0);
    const again = await me(stolen);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('LT_ERR_UNAUTHENTICATED');
    expect((await listAudit(t.db, { action: 'auth.logout', actor: 'hanshan' })).length).toBe(1);
  });

  it('ends the session a browser had when it signs in again', async () => {
    const first = await signIn('guest');
    const again = await postLogin(app, 'guest', PW, { headers: { cookie: first.cookie } });
    expect(again.statusCode).toBe(200);
    expect((await me(first.cookie)).statusCode).toBe(401);
    const next = again.cookies.find((x) => x.name === 'lt_session')!.value;
    expect((await me(`lt_session=${next}`)).statusCode).toBe(200);
  });

  it('ends a session after two idle hours, and twelve hours after sign-in whatever its use', async () => {
    const start = clock.t;
    try {
      const idle = await signIn('eco');
      clock.t += 119 * MIN;
      expect((await me(idle.cookie)).statusCode).toBe(200); // use resets the idle timer
      clock.t += 119 * MIN;
      expect((await me(idle.cookie)).statusCode).toBe(200);
      clock.t += 120 * MIN;
      expect((await me(idle.cookie)).statusCode).toBe(401);

      const busy = await signIn('eco');
      for (let h = 1; h < 12; h++) {
        clock.t += 60 * MIN;
        expect((await me(busy.cookie)).statusCode).toBe(200);
      }
      clock.t += 60 * MIN;
      expect((await me(busy.cookie)).statusCode).toBe(401);
    } finally {
      clock.t = start;
    }
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const proxied = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: { ...DEFAULT_AUTH_CONFIG, trustProxy: true },
    });
    try {
      const res = await postLogin(proxied, 'guest', PW, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.cookies.find((x) => x.name === 'lt_session')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('lets a user with an initial password do nothing but change it, then ends their other sessions', async () => {
    const a = await signIn('newbie');
    expect(a.res.json().user.mustChangePassword).toBe(true);
    const b = await signIn('newbie');
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/tokens',
      headers: { cookie: a.cookie },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('LT_ERR_PASSWORD_CHANGE_REQUIRED');
    expect((await me(a.cookie)).statusCode).toBe(200);

    const change = (currentPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: a.cookie, 'x-lantian-csrf': a.csrf },
        payload: { currentPassword, newPassword },
      });
    expect((await change('wrong-password-1', 'Brand-new-pass-2020')).json().code).toBe(
      'LT_ERR_BAD_CREDENTIALS',
    );
    expect((await change(PW, 'short')).json().code).toBe('LT_ERR_WEAK_PASSWORD');
    expect((await change(PW, 'Brand-new-pass-2020')).statusCode).toBe(200);

    expect(
      (await app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: a.cookie } }))
        .statusCode,
    ).toBe(200);
    expect((await me(b.cookie)).statusCode).toBe(401);
    expect((await signIn('newbie')).res.statusCode).toBe(401);
    expect((await signIn('newbie', 'Brand-new-pass-2020')).res.json().user.mustChangePassword).toBe(
      false,
    );
    expect((await listAudit(t.db, { action: 'user.password_change' }))[0]).toMatchObject({
      actor: 'newbie',
      detail: { sessionsRevoked: 1 },
    });
  });

  it('ends the sessions of a disabled account and refuses its sign-in', async () => {
    const s = await signIn('leaver');
    const row = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'leaver')
      .executeTakeFirstOrThrow();
    await setUserDisabled(t.db, clock, CTX, row.id, true);
    expect((await me(s.cookie)).statusCode).toBe(401);
    const again = await signIn('leaver');
    expect(again.res.statusCode).toBe(403);
    expect(again.res.json().code).toBe('LT_ERR_ACCOUNT_DISABLED');
    expect(again.res.cookies).toHaveLength(0);
  });

  it('stores only hashes of session ids', async () => {
    const s = await signIn('guest');
    const id = s.cookie.split('=')[1]!;
    const rows = await t.db.kysely.selectFrom('auth_sessions').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash === id)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id_hash))).toBe(true);
  });
});
