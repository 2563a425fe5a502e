/**
 * Creating and editing plans through the HTTP routes (on a Fastify instance with only the plan
 * routes, so that the accounts layer is not needed here): versions, immutability once published,
 * audit of every edit, and bad input refused with stable codes.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import type { Principal } from '../src/auth/principal.ts';
import { fixedClock } from '../src/clock.ts';
import { installErrorHandler } from '../src/http/error-handler.ts';
import { registerPlanAnalysisRoutes } from '../src/plan/analysis-routes.ts';
import { registerPlanRoutes } from '../src/plan/routes.ts';
import { registerReportRoutes } from '../src/reports/routes.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { JIA, MONTHLY_TABLES, seedDailyData, testPlan } from './plan-fixtures.ts';

const admin: Principal = {
  userId: 1,
  username: 'admin',
  displayName: '市大气办',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

describe.each(dialectsUnderTest())('plan editing over HTTP on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const access = new Map<string, unknown>();
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.json() as any };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDailyData(t.db);
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    app.addHook('onRoute', (r) => {
      access.set(
        `${String(r.method)} ${r.url}`,
        (r.config as { access?: unknown } | undefined)?.access,
      );
    });
    // Stand-in for the accounts layer: a signed-in city-office user.
    app.addHook('onRequest', async (req) => {
      req.principal = admin;
    });
    const deps = { db: t.db, clock: fixedClock(100) };
    registerPlanRoutes(app, deps);
    registerPlanAnalysisRoutes(app, deps);
    registerReportRoutes(app, deps);
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('declares who may call every route: writes for the city office, reads for office, departments, counties (working papers not for counties)', () => {
    expect(access.size).toBeGreaterThanOrEqual(17);
    for (const [route, a] of access) {
      expect(a, route).toBeDefined();
      const roles = (a as { roles: string[] }).roles;
      if (route.includes('candidates') || route.includes('reports'))
        expect(roles, route).toEqual(['city-admin', 'department']);
      else if (route.startsWith('GET') || route.startsWith('HEAD'))
        expect(roles).toEqual(['city-admin', 'department', 'county']);
      else if (route.includes('transition')) expect(roles).toEqual(['city-admin', 'county']);
      else expect(roles).toEqual(['city-admin']);
    }
  });

  it('creates a draft, edits it, publishes it, then refuses to edit the published version', async () => {
    const created = await call('POST', '/api/plans', { document: testPlan() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      planId: 't-2020',
      version: 1,
      status: 'draft',
      createdBy: 'admin',
    });
    const edit = await call('PATCH', `/api/plans/t-2020/versions/1/targets/${JIA}`, {
      pm25: 44,
      goodDays: 301,
    });
    expect(edit.status).toBe(200);
    expect(edit.body.document.units[0].target).toMatchObject({
      pm25: 44,
      goodDays: 301,
      heavyDays: 10,
    });
    const base = await call('PATCH', `/api/plans/t-2020/versions/1/baseline/${JIA}`, {
      pm25: 51,
      source: '2019 公报',
      verified: true,
    });
    expect(base.body.document.units[0].baseline).toMatchObject({
      pm25: 51,
      verified: true,
      source: '2019 公报',
    });
    expect((await call('POST', '/api/plans/t-2020/versions/1/publish')).body.status).toBe(
      'published',
    );

    const refused = await call('PATCH', `/api/plans/t-2020/versions/1/targets/${JIA}`, {
      pm25: 43,
    });
    expect(refused).toMatchObject({ status: 409, body: { code: 'LT_ERR_PLAN_PUBLISHED' } });
    expect((await call('PUT', '/api/plans/t-2020/versions/1', testPlan())).body.code).toBe(
      'LT_ERR_PLAN_PUBLISHED',
    );
    expect((await call('POST', '/api/plans/t-2020/versions/1/publish')).body.code).toBe(
      'LT_ERR_PLAN_PUBLISHED',
    );

    // A change makes a new draft version; only one draft at a time.
    const draft = await call('POST', '/api/plans/t-2020/versions', { note: '调整甲县目标' });
    expect(draft).toMatchObject({ status: 201, body: { version: 2, status: 'draft' } });
    expect((await call('POST', '/api/plans/t-2020/versions', {})).body.code).toBe(
      'LT_ERR_PLAN_DRAFT_EXISTS',
    );
    await call('PATCH', `/api/plans/t-2020/versions/2/targets/${JIA}`, { pm25: 43 });
    // Analyses use the latest published version until the draft is published.
    expect((await call('GET', '/api/plans/t-2020')).body).toMatchObject({ version: 1 });
    expect(
      (await call('GET', '/api/plans/t-2020?version=2')).body.document.units[0].target.pm25,
    ).toBe(43);
    const versions = await call('GET', '/api/plans/t-2020/versions');
    expect(
      versions.body.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    const audit = (await listAudit(t.db, { target: 'plan:t-2020@1' }))
      .map((a) => a.action)
      .reverse();
    expect(audit).toEqual([
      'plan.create',
      'plan.edit_target',
      'plan.edit_baseline',
      'plan.publish',
    ]);
    const edit1 = (
      await listAudit(t.db, { action: 'plan.edit_target', target: 'plan:t-2020@1' })
    )[0]!;
    expect(edit1).toMatchObject({
      actor: 'admin',
      detail: { unit: JIA, before: { pm25: 45 }, after: { pm25: 44 } },
    });
  });

  it.each([
    [
      'a county that is not in the plan',
      'PATCH',
      '/api/plans/t-2020/versions/2/targets/130402',
      { pm25: 50 },
      400,
      'LT_ERR_UNIT_NOT_IN_PLAN',
    ],
    [
      'a PM2.5 target out of range',
      'PATCH',
      `/api/plans/t-2020/versions/2/targets/${JIA}`,
      { pm25: 0 },
      400,
      'LT_ERR_TARGET_OUT_OF_RANGE',
    ],
    [
      'more good days than the year has',
      'PATCH',
      `/api/plans/t-2020/versions/2/targets/${JIA}`,
      { goodDays: 367 },
      400,
      'LT_ERR_TARGET_OUT_OF_RANGE',
    ],
    [
      'a rate above 100 %',
      'PATCH',
      `/api/plans/t-2020/versions/2/targets/${JIA}`,
      { goodRatePct: 101 },
      400,
      'LT_ERR_TARGET_OUT_OF_RANGE',
    ],
    [
      'a version that does not exist',
      'PATCH',
      `/api/plans/t-2020/versions/9/targets/${JIA}`,
      { pm25: 50 },
      404,
      'LT_ERR_PLAN_NOT_FOUND',
    ],
    [
      'a plan that does not exist',
      'GET',
      '/api/plans/nope',
      undefined,
      404,
      'LT_ERR_PLAN_NOT_FOUND',
    ],
    [
      'a plan that exists already',
      'POST',
      '/api/plans',
      { document: testPlan() },
      409,
      'LT_ERR_PLAN_EXISTS',
    ],
    [
      'a unit missing from the region registry',
      'POST',
      '/api/plans',
      {
        document: testPlan({
          id: 'x-2020',
          mainCity: null,
          units: [{ adcode: '999999', name: '不存在县' }],
        }),
      },
      404,
      'LT_ERR_REGION_NOT_FOUND',
    ],
    [
      'a main city member outside the plan',
      'POST',
      '/api/plans',
      { document: testPlan({ id: 'y-2020', mainCity: { members: ['990009'] } }) },
      400,
      'LT_ERR_UNIT_NOT_IN_PLAN',
    ],
    [
      'a malformed document',
      'POST',
      '/api/plans',
      { document: { id: 'Bad Id', units: [] } },
      400,
      'LT_ERR_PLAN_INVALID',
    ],
    [
      'a bad period',
      'GET',
      '/api/plans/t-2020/rankings?period=2020-13',
      undefined,
      400,
      'LT_ERR_BAD_DATE',
    ],
    [
      'a date outside the plan year',
      'GET',
      '/api/plans/t-2020/progress?date=2019-05-01',
      undefined,
      400,
      'LT_ERR_BAD_RANGE',
    ],
  ])('refuses %s with a stable code', async (_what, method, url, payload, status, code) => {
    const r = await call(method as 'GET', url, payload);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
  });

  it('leaves a refused edit without trace in the draft or the audit log', async () => {
    const before = (await listAudit(t.db)).length;
    await call('PATCH', `/api/plans/t-2020/versions/2/targets/${JIA}`, { heavyDays: -1 });
    expect((await listAudit(t.db)).length).toBe(before);
    expect(
      (await call('GET', '/api/plans/t-2020?version=2')).body.document.units[0].target.heavyDays,
    ).toBe(10);
  });

  it('serves rankings, progress and the monthly tables as JSON', async () => {
    const r = await call('GET', '/api/plans/t-2020/rankings?period=2020-11');
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(5);
    const p = await call('GET', '/api/plans/t-2020/progress?date=2020-11-30');
    expect(p.body.pace.elapsedDays).toBe(335);
    const m = await call('GET', '/api/plans/t-2020/reports/monthly?month=2020-11');
    expect(m.status).toBe(200);
    expect(m.body.tables.map((x: { name: string }) => x.name)).toEqual(MONTHLY_TABLES);
  });
});
