/**
 * Who reads plans and notices, over HTTP on the real application with real accounts (issue 15):
 * a county account never reads an unpublished plan version — not the document, not the version
 * list, not an analysis computed from it — nor a notice before it is issued (drafts, reviewed
 * letters, draft bulletins, computed candidates, the monthly bulletin's working tables); once
 * issued it reads its own notices and the bulletin, answers its own and nobody else's.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { sessionCall, signInAll } from './support/sign-in.ts';
import { JIA, YI, seedDailyData, testPlan } from './plan-fixtures.ts';

const PW = 'Lantian-test-2020';
const clock = fixedClock(Date.UTC(2020, 11, 1));

describe.each(dialectsUnderTest())('plan and notice access over HTTP on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const session: Record<string, { cookie: string; csrf: string }> = {};
  const call = sessionCall(() => app, session);
  const get = (who: string, url: string) => call(who, 'GET', url);
  let letterId = 0;
  let bulletinId = 0;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDailyData(t.db);
    const ctx = { actor: 'test', ip: null };
    await createUser(t.db, clock, ctx, { username: 'admin', role: 'city-admin', password: PW });
    for (const [username, regionAdcode] of [
      ['yi', YI],
      ['jia', JIA],
    ] as const)
      await createUser(t.db, clock, ctx, { username, role: 'county', regionAdcode, password: PW });
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      web: false,
    });
    Object.assign(session, await signInAll(app, ['admin', 'yi', 'jia'], PW));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('hides a plan that only exists as a draft from a county, and every analysis of it', async () => {
    expect((await call('admin', 'POST', '/api/plans', { document: testPlan() })).status).toBe(201);
    expect((await get('admin', '/api/plans')).body.map((p: { id: string }) => p.id)).toEqual([
      't-2020',
    ]);
    expect((await get('admin', '/api/plans/t-2020')).body.status).toBe('draft');

    expect((await get('yi', '/api/plans')).body).toEqual([]);
    for (const url of [
      '/api/plans/t-2020',
      '/api/plans/t-2020?version=1',
      '/api/plans/t-2020/versions',
      '/api/plans/t-2020/progress?date=2020-11-30',
      '/api/plans/t-2020/rankings?period=2020-11',
      '/api/plans/t-2020/main-city-check?month=2020-11',
    ]) {
      const r = await get('yi', url);
      expect(r.status, url).toBe(404);
      expect(r.body.code, url).toBe('LT_ERR_PLAN_NOT_FOUND');
    }
  });

  it('shows a county the published version only, never the next draft', async () => {
    expect((await call('admin', 'POST', '/api/plans/t-2020/versions/1/publish')).status).toBe(200);
    expect((await call('admin', 'POST', '/api/plans/t-2020/versions', {})).status).toBe(201);
    const patched = await call('admin', 'PATCH', `/api/plans/t-2020/versions/2/targets/${YI}`, {
      pm25: 41,
    });
    expect(patched.status).toBe(200);

    expect((await get('yi', '/api/plans')).body.map((p: { id: string }) => p.id)).toEqual([
      't-2020',
    ]);
    const read = await get('yi', '/api/plans/t-2020');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version: 1, status: 'published' });
    expect(
      (await get('yi', '/api/plans/t-2020/versions')).body.map(
        (v: { version: number }) => v.version,
      ),
    ).toEqual([1]);
    expect(
      (await get('admin', '/api/plans/t-2020/versions')).body.map(
        (v: { version: number }) => v.version,
      ),
    ).toEqual([1, 2]);
    for (const url of [
      '/api/plans/t-2020?version=2',
      '/api/plans/t-2020/progress?date=2020-11-30&version=2',
      '/api/plans/t-2020/rankings?period=2020-11&version=2',
      '/api/plans/t-2020/main-city-check?month=2020-11&version=2',
    ]) {
      const r = await get('yi', url);
      expect(r.status, url).toBe(404);
      expect(r.body.code, url).toBe('LT_ERR_PLAN_NOT_FOUND');
    }
    const progress = await get('yi', '/api/plans/t-2020/progress?date=2020-11-30');
    expect(progress.status).toBe(200);
    expect(progress.body.plan).toMatchObject({ version: 1, versionStatus: 'published' });
    const yi = progress.body.subjects.find((s: { key: string }) => s.key === YI);
    expect(yi.target.pm25).toBe(45); // version 1's, not the draft's 41
    const admin = await get('admin', '/api/plans/t-2020/progress?date=2020-11-30&version=2');
    expect(admin.body.subjects.find((s: { key: string }) => s.key === YI).target.pm25).toBe(41);
  });

  it('keeps draft notices, candidates and the monthly working tables from a county', async () => {
    const generated = await call('admin', 'POST', '/api/plans/t-2020/notices/generate', {
      month: '2020-11',
    });
    expect(generated.status).toBe(200);
    const kinds = generated.body.map(
      (n: { kind: string; unitAdcode: string }) => `${n.kind}:${n.unitAdcode}`,
    );
    expect(kinds).toContain(`warning_letter:${YI}`);
    expect(kinds).toContain('bulletin:990000');
    letterId = generated.body.find((n: { kind: string }) => n.kind === 'warning_letter').id;
    bulletinId = generated.body.find((n: { kind: string }) => n.kind === 'bulletin').id;

    expect((await get('admin', '/api/plans/t-2020/notices')).body.length).toBe(kinds.length);
    expect((await get('yi', '/api/plans/t-2020/notices')).body).toEqual([]);
    for (const id of [letterId, bulletinId]) {
      const r = await get('yi', `/api/notices/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('LT_ERR_NOTICE_NOT_FOUND');
    }
    for (const url of [
      '/api/plans/t-2020/notices/candidates?month=2020-11',
      '/api/plans/t-2020/reports/monthly?month=2020-11',
    ]) {
      const r = await get('yi', url);
      expect(r.status, url).toBe(403);
      expect(r.body.code, url).toBe('LT_ERR_FORBIDDEN');
      expect((await get('admin', url)).status, url).toBe(200);
    }
    // Reviewed is still the office's: not yet for the county.
    for (const id of [letterId, bulletinId])
      expect(
        (await call('admin', 'POST', `/api/notices/${id}/transition`, { to: 'reviewed' })).status,
      ).toBe(200);
    expect((await get('yi', '/api/plans/t-2020/notices')).body).toEqual([]);
    expect((await get('yi', `/api/notices/${letterId}`)).status).toBe(404);
    // Nor may a county answer a notice it cannot read yet.
    const early = await call('yi', 'POST', `/api/notices/${letterId}/transition`, {
      to: 'responded',
      text: '已整改',
    });
    expect(early.status).toBe(404);
  });

  it('shows a county its issued notices and the issued bulletin, and lets it answer only its own', async () => {
    for (const id of [letterId, bulletinId])
      expect(
        (await call('admin', 'POST', `/api/notices/${id}/transition`, { to: 'issued' })).status,
      ).toBe(200);
    const ids = (who: string) =>
      get(who, '/api/plans/t-2020/notices').then((r) =>
        r.body.map((n: { id: number }) => n.id).sort((a: number, b: number) => a - b),
      );
    expect(await ids('yi')).toEqual([letterId, bulletinId].sort((a, b) => a - b));
    expect(await ids('jia')).toEqual([bulletinId]);
    expect((await get('yi', `/api/notices/${letterId}`)).body.status).toBe('issued');
    expect((await get('jia', `/api/notices/${letterId}`)).status).toBe(404);
    expect((await get('jia', `/api/notices/${bulletinId}`)).status).toBe(200);

    const other = await call('jia', 'POST', `/api/notices/${letterId}/transition`, {
      to: 'responded',
      text: '不是我的',
    });
    expect(other.status).toBe(404);
    const back = await call('yi', 'POST', `/api/notices/${letterId}/transition`, { to: 'draft' });
    expect(back.body.code).toBe('LT_ERR_NOTICE_TRANSITION');
    const answered = await call('yi', 'POST', `/api/notices/${letterId}/transition`, {
      to: 'responded',
      text: '已制定整改方案',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'responded', respondedBy: 'yi' });
  });
});
