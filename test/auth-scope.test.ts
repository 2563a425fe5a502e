/**
 * Scope through the API: a county user gets 403 LT_ERR_OUT_OF_SCOPE for another county's data.
 * The air routes are public, so a small route with the shape domain routes will have — roles
 * declared, scope checked by the service with the helpers — is added to the real app here.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { upsertRegions } from '../src/air/region-repo.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { requirePrincipal } from '../src/auth/principal.ts';
import { loadRegionTree, regionAncestry } from '../src/auth/region-ancestry.ts';
import { assertRegionScope, visibleRegions } from '../src/auth/scope.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { signInTo } from './support/sign-in.ts';

const PW = 'Lantian-test-2020';
const clock = fixedClock(Date.UTC(2020, 5, 1));

describe.each(dialectsUnderTest())('region scope on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const get = (url: string, who?: string) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await upsertRegions(
      t.db,
      [
        { adcode: '130000', name: '河北省', parentAdcode: null, level: 'province' },
        { adcode: '130400', name: '邯郸市', parentAdcode: '130000', level: 'city' },
        { adcode: '130402', name: '邯山区', parentAdcode: '130400', level: 'county' },
        { adcode: '130403', name: '丛台区', parentAdcode: '130400', level: 'county' },
        { adcode: '130471', name: '邯郸经济技术开发区', parentAdcode: '130400', level: 'zone' },
      ],
      0,
    );
    const ctx = { actor: 'test', ip: null };
    await createUser(t.db, clock, ctx, { username: 'admin', role: 'city-admin', password: PW });
    await createUser(t.db, clock, ctx, {
      username: 'hanshan',
      role: 'county',
      regionAdcode: '130402',
      password: PW,
    });
    await createUser(t.db, clock, ctx, {
      username: 'citywide',
      role: 'county',
      regionAdcode: '130400',
      password: PW,
    });
    await createUser(t.db, clock, ctx, {
      username: 'eco',
      role: 'department',
      department: '生态环境局',
      password: PW,
    });
    app = await buildApp({ db: t.db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG });

    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/test/regions/:adcode/progress',
      {
        config: { access: { roles: ['county'] } },
        schema: { params: z.object({ adcode: z.string() }) },
      },
      async (req) => {
        assertRegionScope(requirePrincipal(req), await regionAncestry(t.db, req.params.adcode));
        return { adcode: req.params.adcode, progress: 0.5 };
      },
    );
    r.get('/api/test/my-regions', { config: { access: { roles: ['county'] } } }, async (req) => ({
      regions: visibleRegions(requirePrincipal(req), await loadRegionTree(t.db)),
    }));

    for (const username of ['admin', 'hanshan', 'citywide', 'eco'])
      cookies[username] = (await signInTo(app, username, PW)).cookie;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('lets a county user read its own county', async () => {
    const r = await get('/api/test/regions/130402/progress', 'hanshan');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ adcode: '130402', progress: 0.5 });
  });

  it.each(['130403', '130400', '130471'])(
    'refuses a county user the data of %s with 403 LT_ERR_OUT_OF_SCOPE',
    async (adcode) => {
      const r = await get(`/api/test/regions/${adcode}/progress`, 'hanshan');
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'LT_ERR_OUT_OF_SCOPE' });
      expect(r.json().message).toContain(adcode);
    },
  );

  it('lets a user bound to the city see every region below it, and the city office everything', async () => {
    expect((await get('/api/test/regions/130471/progress', 'citywide')).statusCode).toBe(200);
    expect((await get('/api/test/regions/130000/progress', 'citywide')).statusCode).toBe(403);
    expect((await get('/api/test/regions/130403/progress', 'admin')).statusCode).toBe(200);
    expect((await get('/api/test/my-regions', 'hanshan')).json()).toEqual({ regions: ['130402'] });
    expect((await get('/api/test/my-regions', 'citywide')).json().regions.sort()).toEqual([
      '130400',
      '130402',
      '130403',
      '130471',
    ]);
    expect((await get('/api/test/my-regions', 'admin')).json()).toEqual({ regions: 'all' });
  });

  it('stops other roles at the role check and strangers at the door', async () => {
    expect((await get('/api/test/regions/130402/progress', 'eco')).json().code).toBe(
      'LT_ERR_FORBIDDEN',
    );
    expect((await get('/api/test/regions/130402/progress')).json().code).toBe(
      'LT_ERR_UNAUTHENTICATED',
    );
  });

  it('leaves the public air-quality routes public', async () => {
    const r = await get('/api/regions/130402');
    expect(r.statusCode).toBe(200);
    expect(r.json().name).toBe('邯山区');
  });
});
