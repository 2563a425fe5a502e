/**
 * A token never outlives what made it: an API token cannot mint tokens (a one-day token could
 * otherwise leave behind a token that never expires and survives its revocation), and a password
 * change or an administrator's reset revokes every token of the owner. Over HTTP, on each dialect.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInTo } from './support/sign-in.ts';

const T0 = Date.UTC(2020, 5, 1);
const DAY = 86_400_000;
const PW = 'Lantian-test-2020';
const PW2 = 'Lantian-next-2021';

describe.each(dialectsUnderTest())('token lifetime on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = movableClock(T0);
  const ids: Record<string, number> = {};

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const me = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/auth/me', headers });
  async function signIn(username: string, password = PW) {
    const s = await signInTo(app, username, password);
    expect(s.res.statusCode).toBe(200);
    return sessionHeaders(s);
  }
  async function newToken(headers: Record<string, string>, payload: Record<string, unknown>) {
    const res = await app.inject({ method: 'POST', url: '/api/tokens', headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; token: string };
  }
  const tokenCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('auth_tokens')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const ctx = { actor: 'test', ip: null };
    for (const [username, role] of [
      ['admin', 'city-admin'],
      ['feed', 'visitor'],
      ['ops', 'visitor'],
    ] as const) {
      ids[username] = (await createUser(t.db, clock, ctx, { username, role, password: PW })).id;
    }
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('refuses a token that tries to mint a token, whatever its expiry or owner', async () => {
    const admin = await signIn('admin');
    const oneDay = await newToken(admin, { name: 'one-day', expiresInDays: 1 });
    const before = await tokenCount();
    for (const payload of [
      { name: 'forever' },
      { name: 'short', expiresInDays: 1 },
      { name: 'for-feed', userId: ids['feed'] },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: bearer(oneDay.token),
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('LT_ERR_FORBIDDEN');
      expect(res.json().message).toContain('API 令牌不能创建令牌');
    }
    expect(await tokenCount()).toBe(before);
    // The parent still works for what it may do, until it expires.
    expect((await me(bearer(oneDay.token))).statusCode).toBe(200);
    clock.t += 2 * DAY;
    expect((await me(bearer(oneDay.token))).statusCode).toBe(401);
  });

  it('revokes every token of the owner, and the other sessions, when they change their password', async () => {
    const here = await signIn('feed');
    const elsewhere = await signIn('feed');
    const a = await newToken(here, { name: 'feed-a' });
    const b = await newToken(here, { name: 'feed-b', expiresInDays: 30 });
    const other = await newToken(await signIn('ops'), { name: 'ops-a' });
    for (const tok of [a, b, other]) expect((await me(bearer(tok.token))).statusCode).toBe(200);

    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here,
      payload: { currentPassword: PW, newPassword: PW2 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    for (const tok of [a, b]) {
      const res = await me(bearer(tok.token));
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('LT_ERR_UNAUTHENTICATED');
    }
    expect((await me(elsewhere)).statusCode).toBe(401);
    // The session that changed the password goes on; another user's token is untouched.
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(bearer(other.token))).statusCode).toBe(200);

    const audit = await listAudit(t.db, { target: 'user:feed' });
    expect(audit.find((e) => e.action === 'user.password_change')?.detail).toMatchObject({
      sessionsRevoked: 1,
      tokensRevoked: 2,
    });
  });

  it('revokes every token of the user when an administrator resets the password', async () => {
    const ops = await signIn('ops');
    const tok = await newToken(ops, { name: 'ops-b' });
    expect((await me(bearer(tok.token))).statusCode).toBe(200);
    const admin = await signIn('admin');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/users/${ids['ops']}/password`,
      headers: admin,
      payload: { password: PW2, mustChangePassword: false },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await me(bearer(tok.token))).statusCode).toBe(401);
    expect((await me(ops)).statusCode).toBe(401);
    const live = await t.db.kysely
      .selectFrom('auth_tokens')
      .select('id')
      .where('user_id', '=', ids['ops']!)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    const audit = await listAudit(t.db, { target: 'user:ops' });
    expect(audit.find((e) => e.action === 'user.password_reset')?.detail).toMatchObject({
      tokensRevoked: 2,
    });
  });
});
