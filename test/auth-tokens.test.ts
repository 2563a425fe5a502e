/**
 * API tokens over HTTP: shown once, stored hashed, sent as `Authorization: Bearer lt_…`, acting
 * with their owner's role, last use recorded, refused after revocation, expiry or disabling.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { upsertRegions } from '../src/air/region-repo.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser, setUserDisabled } from '../src/auth/user-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, signInAll } from './support/sign-in.ts';

const T0 = Date.UTC(2020, 5, 1);
const DAY = 86_400_000;
const PW = 'Lantian-test-2020';

describe.each(dialectsUnderTest())('API tokens on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = movableClock(T0);
  const ids: Record<string, number> = {};
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  const asUser = (who: string) => ({
    cookie: sessions[who]!.cookie,
    'x-lantian-csrf': sessions[who]!.csrf,
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const me = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/auth/me', headers });
  const newToken = (who: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/tokens', headers: asUser(who), payload });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await upsertRegions(
      t.db,
      [{ adcode: '130402', name: '邯山区', parentAdcode: null, level: 'county' }],
      T0,
    );
    const ctx = { actor: 'test', ip: null };
    ids['admin'] = (
      await createUser(t.db, clock, ctx, { username: 'admin', role: 'city-admin', password: PW })
    ).id;
    ids['hanshan'] = (
      await createUser(t.db, clock, ctx, {
        username: 'hanshan',
        role: 'county',
        regionAdcode: '130402',
        password: PW,
      })
    ).id;
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });
    Object.assign(sessions, await signInAll(app, ['admin', 'hanshan'], PW));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('shows a new token once, keeps only its hash, and lets it act as its owner until revoked', async () => {
    const made = await newToken('admin', { name: 'ci' });
    expect(made.statusCode).toBe(201);
    const { token, id, hint } = made.json();
    expect(token).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
    expect(hint).toBe(`${token.slice(0, 7)}…`);

    const listed = await app.inject({
      method: 'GET',
      url: '/api/tokens',
      headers: asUser('admin'),
    });
    expect(listed.body).not.toContain(token);
    expect(listed.json()[0]).toMatchObject({
      id,
      name: 'ci',
      username: 'admin',
      lastUsedAt: null,
      revokedAt: null,
    });
    const stored = await t.db.kysely
      .selectFrom('auth_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(3));

    clock.t += 1000;
    const who = await me(bearer(token));
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({
      via: 'token',
      csrfToken: null,
      user: { username: 'admin' },
    });
    const used = await t.db.kysely
      .selectFrom('auth_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).toBe(clock.t);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${id}`,
      headers: asUser('admin'),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBe(clock.t);
    const after = await me(bearer(token));
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('LT_ERR_UNAUTHENTICATED');

    const audit = await listAudit(t.db, { target: `token:${id}` });
    expect(audit.map((a) => a.action)).toEqual(['token.revoke', 'token.create']);
    expect(audit[1]!.detail).toMatchObject({ user: 'admin', name: 'ci' });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('refuses malformed, unknown and misplaced credentials', async () => {
    for (const h of [
      'Bearer nope',
      'Bearer lt_' + 'A'.repeat(43),
      'Basic YWRtaW46eA==',
      'Bearer',
    ]) {
      expect((await me({ authorization: h })).statusCode).toBe(401);
    }
    // An Authorization header decides alone: a bad token is not rescued by a good cookie.
    expect(
      (await me({ authorization: 'Bearer nope', cookie: sessions['admin']!.cookie })).statusCode,
    ).toBe(401);
    // Public routes ignore bad credentials.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/health',
          headers: { authorization: 'Bearer nope' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('gives a token its owner’s role and scope', async () => {
    const made = await newToken('admin', { name: 'county-feed', userId: ids['hanshan'] });
    expect(made.statusCode).toBe(201);
    expect(made.json().username).toBe('hanshan');
    const token = made.json().token as string;
    expect((await me(bearer(token))).json().user.role).toBe('county');
    const users = await app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });
    expect(users.json().code).toBe('LT_ERR_FORBIDDEN');
  });

  it('keeps users to their own tokens; the city office manages all', async () => {
    const forOthers = await newToken('hanshan', { name: 'x', userId: ids['admin'] });
    expect(forOthers.statusCode).toBe(403);
    const adminToken = (await newToken('admin', { name: 'admin-only' })).json();
    const steal = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${adminToken.id}`,
      headers: asUser('hanshan'),
    });
    expect(steal.statusCode).toBe(404);
    expect((await me(bearer(adminToken.token))).statusCode).toBe(200);
    const all = await app.inject({
      method: 'GET',
      url: '/api/tokens?all=true',
      headers: asUser('hanshan'),
    });
    expect(all.statusCode).toBe(403);
    const own = await app.inject({ method: 'GET', url: '/api/tokens', headers: asUser('hanshan') });
    expect(own.json().map((x: { username: string }) => x.username)).toEqual(['hanshan']);
    const dup = await newToken('admin', { name: 'admin-only' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('LT_ERR_TOKEN_EXISTS');
  });

  it('refuses an expired token and the tokens of a disabled account', async () => {
    const short = (await newToken('hanshan', { name: 'one-day', expiresInDays: 1 })).json()
      .token as string;
    const long = (await newToken('admin', { name: 'long', userId: ids['hanshan'] })).json()
      .token as string;
    expect((await me(bearer(short))).statusCode).toBe(200);
    clock.t += 2 * DAY; // both sessions have ended by now; tokens live on
    expect((await me(bearer(short))).statusCode).toBe(401);
    expect((await me(bearer(long))).statusCode).toBe(200);
    await setUserDisabled(t.db, clock, { actor: 'test', ip: null }, ids['hanshan']!, true);
    expect((await me(bearer(long))).statusCode).toBe(401);
  });
});
