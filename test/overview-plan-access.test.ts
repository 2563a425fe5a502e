/**
 * The overview's plan block over HTTP with real accounts (issue 15): a county never sees
 * progress computed from an unpublished plan version on GET /api/overview — not when the plan
 * only exists as a draft, not from a draft that follows a published version, not from an answer
 * the city office's request left in the overview's cache. The city office keeps seeing a plan
 * still in draft (it sets the plan up and tries it out before publishing).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { signInAll, sessionCall } from './support/sign-in.ts';
import { CITY, JIA, YI, seedDailyData, testPlan } from './plan-fixtures.ts';

const PW = 'Lantian-test-2020';
const clock = fixedClock(Date.UTC(2020, 11, 1));

describe.each(dialectsUnderTest())('the overview plan block by reader on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const session: Record<string, { cookie: string; csrf: string }> = {};
  const call = sessionCall(() => app, session);
  const overview = async (who: string, query: string) => {
    const r = await call(who, 'GET', `/api/overview?${query}`);
    expect(r.status, `${who} ${query}`).toBe(200);
    return r.body;
  };
  const unitKeys = (plan: { units: { key: string }[] }) => plan.units.map((u) => u.key);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDailyData(t.db);
    const ctx = { actor: 'test', ip: null };
    await createUser(t.db, clock, ctx, { username: 'admin', role: 'city-admin', password: PW });
    await createUser(t.db, clock, ctx, {
      username: 'yi',
      role: 'county',
      regionAdcode: YI,
      password: PW,
    });
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      web: false,
    });
    Object.assign(session, await signInAll(app, ['admin', 'yi'], PW));
    expect((await call('admin', 'POST', '/api/plans', { document: testPlan() })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('shows a draft-only plan to the city office and no plan progress to a county', async () => {
    // The office first, on the county's own region: its answer must not reach the county.
    const office = await overview('admin', `region=${YI}&date=2020-11-30`);
    expect(office.plan).toMatchObject({ id: 't-2020', version: 1 });
    expect(unitKeys(office.plan)).toEqual([YI]);
    const city = await overview('admin', `region=${CITY}&date=2020-11-30`);
    expect(city.plan).toMatchObject({ id: 't-2020', version: 1 });
    expect(unitKeys(city.plan)).toContain(JIA);

    const county = await overview('yi', 'date=2020-11-30');
    expect(county.region.adcode).toBe(YI);
    expect(county.plan).toBeNull();
    // The rest of the overview is the same for both.
    expect(county.city).toEqual(office.city);
    expect((await overview('yi', `region=${YI}&date=2020-11-30`)).plan).toBeNull();
  });

  it("shows a county the published version's progress, never the next draft's", async () => {
    expect((await call('admin', 'POST', '/api/plans/t-2020/versions/1/publish')).status).toBe(200);
    expect((await call('admin', 'POST', '/api/plans/t-2020/versions', {})).status).toBe(201);
    const patched = await call('admin', 'PATCH', `/api/plans/t-2020/versions/2/targets/${YI}`, {
      pm25: 41,
    });
    expect(patched.status).toBe(200);

    // Another date than above, so that no answer cached before the publication is reused.
    const county = await overview('yi', 'date=2020-11-29');
    expect(county.plan).toMatchObject({ id: 't-2020', version: 1 });
    expect(unitKeys(county.plan)).toEqual([YI]);
    expect(county.plan.units[0].pm25.target).toBe(45); // version 1's, not the draft's 41
    const office = await overview('admin', `region=${YI}&date=2020-11-29`);
    expect(office.plan).toMatchObject({ version: 1 });
    expect(office.plan.units[0].pm25.target).toBe(45);
  });
});
