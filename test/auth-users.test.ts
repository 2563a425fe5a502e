/**
 * Account administration and the audit log over HTTP (city office only): create, refuse bad
 * input with stable codes, change role and binding, disable (sessions end at once), reset a
 * password, never lose the last administrator; read the audit log with filters and paging.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { upsertRegions } from '../src/air/region-repo.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInTo } from './support/sign-in.ts';

const T0 = Date.UTC(2020, 5, 1, 0, 0, 0);
const PW = 'Lantian-test-2020';

describe.each(dialectsUnderTest())('users and audit API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = movableClock(T0);
  let admin: Record<string, string>;

  const signIn = async (username: string, password = PW) => {
    const s = await signInTo(app, username, password);
    return { status: s.res.statusCode, headers: sessionHeaders(s) };
  };
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers = admin,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

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
    await createUser(
      t.db,
      clock,
      { actor: 'setup', ip: null },
      { username: 'admin', role: 'city-admin', password: PW },
    );
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });
    clock.t += 1;
    admin = (await signIn('admin')).headers;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('creates a county account that must change its password first', async () => {
    clock.t += 1000;
    const r = await call('POST', '/api/users', {
      username: 'HanShan',
      displayName: '邯山区大气办',
      role: 'county',
      regionAdcode: '130402',
      password: 'Initial-pass-2020',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      username: 'hanshan',
      displayName: '邯山区大气办',
      role: 'county',
      roleName: '县区',
      regionAdcode: '130402',
      mustChangePassword: true,
      disabled: false,
      createdAt: clock.t,
    });
    expect(r.body).not.toContain('scrypt');
    const got = await call('GET', `/api/users/${r.json().id}`);
    expect(got.json().username).toBe('hanshan');
    expect(
      (await call('GET', '/api/users?role=county'))
        .json()
        .map((u: { username: string }) => u.username),
    ).toEqual(['hanshan']);
  });

  it.each([
    [
      { username: 'hanshan', role: 'visitor', password: 'Another-pass-2020' },
      409,
      'LT_ERR_USER_EXISTS',
    ],
    [{ username: 'weak', role: 'visitor', password: 'short' }, 400, 'LT_ERR_WEAK_PASSWORD'],
    [
      { username: 'nocounty', role: 'county', password: 'Another-pass-2020' },
      400,
      'LT_ERR_BAD_ROLE_BINDING',
    ],
    [
      {
        username: 'adminx',
        role: 'city-admin',
        department: '生态环境局',
        password: 'Another-pass-2020',
      },
      400,
      'LT_ERR_BAD_ROLE_BINDING',
    ],
    [
      {
        username: 'ghosttown',
        role: 'county',
        regionAdcode: '130499',
        password: 'Another-pass-2020',
      },
      404,
      'LT_ERR_REGION_NOT_FOUND',
    ],
    [
      { username: '张三', role: 'visitor', password: 'Another-pass-2020' },
      400,
      'LT_ERR_BAD_REQUEST',
    ],
    [
      { username: 'root', role: 'superuser', password: 'Another-pass-2020' },
      400,
      'LT_ERR_BAD_REQUEST',
    ],
  ])('refuses %j with %i %s', async (body, status, code) => {
    const r = await call('POST', '/api/users', body);
    expect(r.statusCode).toBe(status);
    expect(r.json().code).toBe(code);
  });

  it('changes a role with its binding, and refuses a binding that does not fit', async () => {
    const id = (
      await call('POST', '/api/users', {
        username: 'mover',
        role: 'county',
        regionAdcode: '130402',
        password: 'Blue-sky-2020a',
      })
    ).json().id;
    const bad = await call('PATCH', `/api/users/${id}`, { role: 'department' });
    expect(bad.json().code).toBe('LT_ERR_BAD_ROLE_BINDING');
    const ok = await call('PATCH', `/api/users/${id}`, {
      role: 'department',
      department: '交通运输局',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      role: 'department',
      department: '交通运输局',
      regionAdcode: null,
    });
    const renamed = await call('PATCH', `/api/users/${id}`, { displayName: '交通局联络员' });
    expect(renamed.json()).toMatchObject({
      displayName: '交通局联络员',
      role: 'department',
      department: '交通运输局',
    });
  });

  it('disables an account at once (its session ends) and enables it again', async () => {
    const id = (
      await call('POST', '/api/users', {
        username: 'temp',
        role: 'visitor',
        password: 'Blue-sky-2020b',
        mustChangePassword: false,
      })
    ).json().id;
    const s = await signIn('temp', 'Blue-sky-2020b');
    expect((await call('GET', '/api/auth/me', undefined, s.headers)).statusCode).toBe(200);
    const del = await call('DELETE', `/api/users/${id}`);
    expect(del.json()).toMatchObject({ disabled: true });
    expect((await call('GET', '/api/auth/me', undefined, s.headers)).statusCode).toBe(401);
    expect((await signIn('temp', 'Blue-sky-2020b')).status).toBe(403);
    expect((await call('PATCH', `/api/users/${id}`, { disabled: false })).json().disabled).toBe(
      false,
    );
    expect((await signIn('temp', 'Blue-sky-2020b')).status).toBe(200);
  });

  it('resets a password, ending the user’s sessions', async () => {
    const id = (
      await call('POST', '/api/users', {
        username: 'forgetful',
        role: 'visitor',
        password: 'Forget-pass-2020',
        mustChangePassword: false,
      })
    ).json().id;
    const s = await signIn('forgetful', 'Forget-pass-2020');
    const r = await call('POST', `/api/users/${id}/password`, { password: 'Reset-pass-2020' });
    expect(r.json().mustChangePassword).toBe(true);
    expect((await call('GET', '/api/auth/me', undefined, s.headers)).statusCode).toBe(401);
    expect((await signIn('forgetful', 'Forget-pass-2020')).status).toBe(401);
    expect((await signIn('forgetful', 'Reset-pass-2020')).status).toBe(200);
  });

  it('never disables or demotes the last enabled city-office account', async () => {
    const me = (await call('GET', '/api/auth/me')).json().user.id;
    expect((await call('DELETE', `/api/users/${me}`)).json().code).toBe('LT_ERR_LAST_ADMIN');
    expect((await call('PATCH', `/api/users/${me}`, { role: 'visitor' })).json().code).toBe(
      'LT_ERR_LAST_ADMIN',
    );
    const second = (
      await call('POST', '/api/users', {
        username: 'admin2',
        role: 'city-admin',
        password: 'Blue-sky-2020c',
      })
    ).json().id;
    expect((await call('DELETE', `/api/users/${second}`)).statusCode).toBe(200);
    expect((await call('GET', '/api/users/999999')).json().code).toBe('LT_ERR_USER_NOT_FOUND');
  });

  it('keeps account administration to the city office', async () => {
    await call('POST', '/api/users', {
      username: 'county2',
      role: 'county',
      regionAdcode: '130402',
      password: 'Blue-sky-2020d',
      mustChangePassword: false,
    });
    const county = (await signIn('county2', 'Blue-sky-2020d')).headers;
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['PATCH', '/api/users/1'],
      ['DELETE', '/api/users/1'],
      ['GET', '/api/audit'],
    ] as const) {
      const r = await call(method, url, method === 'GET' ? undefined : {}, county);
      expect([method, url, r.statusCode, r.json().code]).toEqual([
        method,
        url,
        403,
        'LT_ERR_FORBIDDEN',
      ]);
    }
  });

  it('serves the audit log with filters and paging, newest first', async () => {
    const all = await call('GET', '/api/audit?limit=1000');
    expect(all.statusCode).toBe(200);
    const actions = all.json().items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'user.update',
        'user.disable',
        'user.enable',
        'user.password_reset',
        'auth.login',
        'auth.login_failed',
      ]),
    );
    expect(all.json().nextBeforeId).toBeNull();

    const users = (await call('GET', '/api/audit?actionPrefix=user.&actor=admin')).json().items;
    expect(
      users.every(
        (i: { action: string; actor: string }) =>
          i.action.startsWith('user.') && i.actor === 'admin',
      ),
    ).toBe(true);
    const created = (await call('GET', '/api/audit?action=user.create&target=user:hanshan')).json()
      .items;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actor: 'admin',
      ip: '127.0.0.1',
      detail: { role: 'county', regionAdcode: '130402', mustChangePassword: true },
    });

    const page1 = (await call('GET', '/api/audit?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await call('GET', `/api/audit?limit=2&beforeId=${page1.nextBeforeId}`)).json();
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);

    // Times as epoch ms or ISO 8601 with a zone: the setup record sits at T0, before everything else.
    const iso = new Date(T0 + 1).toISOString();
    const before = (await call('GET', `/api/audit?to=${iso}`)).json().items;
    expect(before.map((i: { actor: string }) => i.actor)).toEqual(['setup']);
    const fromMs = (await call('GET', `/api/audit?from=${T0 + 1}&actor=setup`)).json().items;
    expect(fromMs).toEqual([]);
    const bad = await call('GET', '/api/audit?from=2020-06-01T08:00');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('LT_ERR_BAD_REQUEST');
  });
});
