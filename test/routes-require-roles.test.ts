/**
 * Every mutating API route requires a role. The routes are enumerated from the OpenAPI document
 * the whole application publishes (never from a hand-written list), so routes that other domains
 * add later are checked too: each must declare `config.access`; no change may be public except
 * those in PUBLIC_CHANGES; and every route that requires a role answers 401 without credentials.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCESS_EXTENSION } from '../src/auth/access-doc.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

/** Changes anyone may make. Adding one here is a security decision: say why beside it. */
const PUBLIC_CHANGES = new Set([
  'POST /api/auth/login', // signing in is how credentials are obtained
  // The plan's public reporting platform (保障措施 六) takes reports without an account; bounded by
  // a signed challenge, attempts per address, reports per address and phone, file checks
  // (docs/dust-fires-reports.md; test/tipoffs-flow.test.ts shows each limit).
  'POST /api/public/tipoffs',
  // Gate devices hold no user account: each route checks the gate's own credential in the
  // service (src/gates/gate-credential.ts; 401 LT_ERR_GATE_CREDENTIAL, 429 per address).
  'POST /api/gate-api/passages',
  'POST /api/gate-api/photos',
  'POST /api/gate-api/heartbeat',
  'POST /api/fires/camera-alarms', // camera systems prove themselves with a per-camera key (X-Lantian-Camera-Key), not an account; bounded in size and rate per camera and address
  // A roadside device proves itself with its own bearer secret (checked by the service, not the
  // access hook, which knows users only); bounded in size and posts per minute per device/address.
  'POST /api/roadside/devices/{code}/records',
]);
const READ_METHODS = new Set(['GET', 'HEAD']);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface Operation {
  method: string;
  path: string;
  access: unknown;
}

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> };

/** Every operation of an OpenAPI document with its declared access rule. */
function operations(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => HTTP_METHODS.has(m.toUpperCase()))
      .map(([m, op]) => ({ method: m.toUpperCase(), path, access: op[ACCESS_EXTENSION] })),
  );
}

/** What is wrong with the operations' access rules: undeclared, or a public change. */
function accessProblems(ops: Operation[]): string[] {
  const out: string[] = [];
  for (const op of ops) {
    const name = `${op.method} ${op.path}`;
    if (op.access === undefined) out.push(`${name}: declares no config.access`);
    else if (op.access !== 'public' && !Array.isArray(op.access))
      out.push(`${name}: bad access ${JSON.stringify(op.access)}`);
    else if (op.access === 'public' && !READ_METHODS.has(op.method) && !PUBLIC_CHANGES.has(name)) {
      out.push(`${name}: a change open to anyone`);
    }
  }
  return out;
}

/** A concrete URL for an OpenAPI path: each {param} becomes 1. */
const concrete = (path: string): string => path.replace(/\{[^}]+\}/g, '1');

const docOf = async (app: FastifyInstance): Promise<Doc> => {
  const r = await app.inject({ method: 'GET', url: '/docs/json' });
  expect(r.statusCode).toBe(200);
  return r.json() as Doc;
};

describe.each(dialectsUnderTest())('routes require roles on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let ops: Operation[];
  const clock = fixedClock(Date.UTC(2020, 5, 1));

  beforeAll(async () => {
    t = await openTestStore(dialect);
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });
    ops = operations(await docOf(app));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('reads a document that lists the application’s changes', () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    // Not vacuous: the accounts routes at least are there.
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/users',
        'PATCH /api/users/{id}',
        'DELETE /api/tokens/{id}',
      ]),
    );
    expect(ops.filter((o) => !READ_METHODS.has(o.method)).length).toBeGreaterThanOrEqual(8);
  });

  it('finds an access declaration on every route, and no change open to anyone but sign-in', () => {
    expect(accessProblems(ops)).toEqual([]);
  });

  it('answers 401 LT_ERR_UNAUTHENTICATED without credentials on every route that requires a role', async () => {
    const guarded = ops.filter((o) => o.access !== 'public');
    expect(guarded.length).toBeGreaterThan(0);
    const answers: string[] = [];
    for (const op of guarded) {
      const r = await app.inject({
        method: op.method as 'GET',
        url: concrete(op.path),
        ...(READ_METHODS.has(op.method) ? {} : { payload: {} }),
      });
      answers.push(`${op.method} ${op.path} → ${r.statusCode} ${r.json().code}`);
    }
    expect(answers).toEqual(
      guarded.map((op) => `${op.method} ${op.path} → 401 LT_ERR_UNAUTHENTICATED`),
    );
  });

  it('guards the HEAD twin of every guarded GET route too', async () => {
    for (const op of ops.filter((o) => o.method === 'GET' && o.access !== 'public')) {
      const r = await app.inject({ method: 'HEAD', url: concrete(op.path) });
      expect([op.path, r.statusCode]).toEqual([op.path, 401]);
    }
  });
});

describe.each(dialectsUnderTest())('a route that forgets its declaration, on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = fixedClock(Date.UTC(2020, 5, 1));

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await createUser(
      t.db,
      clock,
      { actor: 'test', ip: null },
      { username: 'guest', role: 'visitor', password: 'Lantian-test-2020' },
    );
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });
    app.post('/api/test/undeclared', { schema: { summary: '忘记声明权限的路由' } }, async () => ({
      done: true,
    }));
    app.delete(
      '/api/test/public-change',
      { config: { access: { roles: 'public' } }, schema: { summary: '公开的修改' } },
      async () => ({ done: true }),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('is flagged by the check', async () => {
    expect(accessProblems(operations(await docOf(app)))).toEqual([
      'POST /api/test/undeclared: declares no config.access',
      'DELETE /api/test/public-change: a change open to anyone',
    ]);
  });

  it('is closed to everyone but the city office meanwhile', async () => {
    const anon = await app.inject({ method: 'POST', url: '/api/test/undeclared' });
    expect(anon.json().code).toBe('LT_ERR_UNAUTHENTICATED');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'guest', password: 'Lantian-test-2020' },
    });
    const headers = {
      cookie: `lt_session=${login.cookies[0]!.value}`,
      'x-lantian-csrf': login.json().csrfToken,
    };
    const visitor = await app.inject({ method: 'POST', url: '/api/test/undeclared', headers });
    expect(visitor.statusCode).toBe(403);
    expect(visitor.json().code).toBe('LT_ERR_FORBIDDEN');
  });
});
