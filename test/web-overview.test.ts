/**
 * GET /api/overview against the Handan 2020 plan with a simulated Handan (20 units, one station
 * each, plus the plan's four national stations, from 2019-01-01 to 2020-07-15 10:30 Beijing time)
 * and the 2016 Beijing data: its year-to-date figures equal the assessment API's for every unit
 * and for last year's same period, its plan block equals the plan API's progress, Beijing 2016
 * gives the published bulletin figures, today's real-time AQI is there while the daily AQI is not
 * yet, answers are cached with an ETag, and a county sees only its own region (403 otherwise).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { importPrsa } from '../src/imports/prsa-import.ts';
import { loadPlan } from '../src/plan/plan-loader.ts';
import { HANDAN_UNITS, simulateHandan } from '../src/demo/handan-simulation.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const NOW = Date.parse('2020-07-15T10:30:00+08:00');
const PASSWORD = 'Overview-Test-2020';

type Json = Record<string, any>;

describe.each(dialectsUnderTest())('overview API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let base: string;
  const tokens: Record<string, string> = {};

  const get = async (path: string, who?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      headers: { ...headers, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : null) as Json,
    };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const clock = fixedClock(NOW);
    const ctx = { actor: 'test', ip: null };
    await loadPlan(t.db, clock, ctx, 'handan-2020');
    await simulateHandan(t.db, {
      perUnit: 1,
      fromDate: '2019-01-01',
      until: NOW,
      alsoStations: ['1047A', '1048A', '1049A', '1050A'],
    });
    await importPrsa(t.db, 'test/fixtures/prsa-2016');
    const users = [
      { username: 'city', role: 'city-admin' },
      { username: 'dept', role: 'department', department: '市生态环境局' },
      { username: 'hanshan', role: 'county', regionAdcode: '130402' },
      { username: 'guest', role: 'visitor' },
    ];
    for (const u of users) {
      const row = await createUser(t.db, clock, ctx, {
        ...u,
        password: PASSWORD,
        mustChangePassword: false,
      });
      tokens[u.username] = (await createToken(t.db, clock, ctx, row.id, 'test', null)).token;
    }
    app = await buildApp({ db: t.db, clock, logLevel: false, web: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('opens on the city with the most stations (not its province), today, with every unit', async () => {
    const r = await get('/api/overview', 'city');
    expect(r.status).toBe(200);
    const o = r.body;
    // The plan registered 河北省 (130000) above Handan: the city is still what opens.
    expect((await get('/api/regions/130000')).status).toBe(200);
    expect(o.region).toMatchObject({ adcode: '130400', name: '邯郸市', level: 'city' });
    expect(o.date).toBe('2020-07-15');
    expect(o.today).toBe('2020-07-15');
    expect(o.latestDataDate).toBe('2020-07-15');
    expect(o.units.map((u: Json) => u.adcode).sort()).toEqual(
      HANDAN_UNITS.map((u) => u.adcode).sort(),
    );
    // The city is assessed on its four national-control points (HJ 663 city points), not on
    // the county stations below it.
    expect(o.city.stations).toBe(4);
    for (const u of o.units) {
      const listed = (await get(`/api/stations?region=${u.adcode}`)).body.filter(
        (s: Json) => s.role === 'assessment',
      );
      expect(u.stations, u.name).toBe(listed.length);
      expect(u.position.lon).toBeGreaterThan(113.4);
      expect(u.position.lon).toBeLessThan(115.6);
    }
    expect(o.units.find((u: Json) => u.adcode === '130471').level).toBe('zone');
  });

  it("carries the plan's progress exactly as the plan API gives it", async () => {
    const o = (await get('/api/overview?date=2020-07-14', 'city')).body;
    const p = (await get('/api/plans/handan-2020/progress?date=2020-07-14', 'city')).body;
    expect(o.plan).toMatchObject({ id: 'handan-2020', year: 2020, asOf: '2020-07-14' });
    expect(o.plan.pace.share).toBe(p.pace.share);
    const city = p.subjects.find((s: Json) => s.kind === 'city');
    expect(o.plan.city.pm25).toEqual({
      soFar: city.pm25.soFar,
      target: city.pm25.target,
      projected: city.pm25.projected,
      status: city.pm25.status,
    });
    expect(o.plan.city.pm25.soFar).not.toBeNull();
    expect(o.plan.city.goodDays.soFar).toBe(city.goodDays.soFar);
    // The city's good-day target is a rate in the plan (52.1 %), not a number of days.
    expect(o.plan.city.goodDays).toMatchObject({ target: null, targetRatePct: 52.1 });
    const units = p.subjects.filter((s: Json) => s.kind === 'unit');
    expect(o.plan.units).toHaveLength(20);
    for (const u of units) {
      expect(o.plan.units.find((x: Json) => x.key === u.key).status, u.name).toBe(u.status);
    }
    const total = Object.values(o.plan.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(20);
    const county = (await get('/api/overview?date=2020-07-14', 'hanshan')).body;
    expect(county.plan.city).toBeNull();
    expect(county.plan.units.map((u: Json) => u.key)).toEqual(['130402']);
    // No plan for Beijing, nor for Handan in another year: nothing is invented.
    expect((await get('/api/overview?region=110000&date=2016-12-31', 'city')).body.plan).toBeNull();
    expect((await get('/api/overview?date=2019-12-31', 'city')).body.plan).toBeNull();
  });

  it('shows the real-time AQI of the last hour today, while the daily AQI waits for 20 hours', async () => {
    const o = (await get('/api/overview', 'city')).body;
    // Data up to the hour starting 09:00 (10 hours so far): no valid daily means yet.
    expect(o.city.today).not.toBeNull();
    expect(o.city.today.aqi).toBeNull();
    expect(o.city.realtime.hour).toBe(Date.parse('2020-07-15T09:00:00+08:00'));
    expect(o.city.realtime.edition).toBe('HJ633-2012');
    expect(o.city.realtime.stations).toBe(4);
    expect(o.city.realtime.aqi).toBeGreaterThan(0);
    expect(o.city.realtime.color).toMatch(/^#[0-9A-F]{6}$/);
    const past = (await get('/api/overview?date=2020-07-14', 'city')).body;
    expect(past.city.realtime).toBeNull();
    const daily = (await get('/api/regions/130400/aqi/daily?from=2020-07-14&to=2020-07-14')).body;
    expect(past.city.today.aqi).toBe(daily.days[0].aqi);
    expect(past.city.today.category).toBe(daily.days[0].category);
    expect(past.city.today.primary).toEqual(daily.days[0].primary);
  });

  it('gives the assessment API figures for every unit, this year and last year', async () => {
    const o = (await get('/api/overview?date=2020-07-14', 'city')).body;
    for (const u of [o.city, ...o.units]) {
      const a = (await get(`/api/regions/${u.adcode}/assessment?from=2020-01-01&to=2020-07-14`))
        .body;
      expect(u.yearToDate, u.name).toEqual({
        from: '2020-01-01',
        to: '2020-07-14',
        pm25: a.pollutants['PM2.5'].mean,
        pm25Exact: a.exact['PM2.5'].mean,
        pm25ValidDays: a.validDays['PM2.5'],
        validDays: a.days.valid,
        goodDays: a.days.good,
        goodRate: a.days.goodRate,
        heavyDays: a.days.heavy,
      });
      const l = (await get(`/api/regions/${u.adcode}/assessment?from=2019-01-01&to=2019-07-14`))
        .body;
      expect(u.lastYear.pm25, u.name).toBe(l.pollutants['PM2.5'].mean);
      expect(u.lastYear.goodDays, u.name).toBe(l.days.good);
      const change =
        ((a.exact['PM2.5'].mean - l.exact['PM2.5'].mean) / l.exact['PM2.5'].mean) * 100;
      expect(u.pm25Change).toBeCloseTo(change, 1);
    }
  });

  it("reproduces Beijing's 2016 bulletin figures for the whole year", async () => {
    const r = await get('/api/overview?region=110000&date=2016-12-31', 'city');
    expect(r.status).toBe(200);
    expect(r.body.city.yearToDate).toMatchObject({ pm25: 72, goodDays: 198, heavyDays: 39 });
    expect(r.body.units).toHaveLength(8);
    expect(r.body.city.lastYear).toBeNull();
    expect(r.body.editions.aqi).toBe('HJ633-2012');
  });

  it('caches answers and revalidates them with an ETag', async () => {
    const a = await get('/api/overview?date=2020-07-10', 'city');
    const b = await get('/api/overview?date=2020-07-10', 'city');
    expect(b.body.generatedAt).toBe(a.body.generatedAt);
    const etag = a.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const c = await fetch(base + '/api/overview?date=2020-07-10', {
      headers: { authorization: `Bearer ${tokens['city']}`, 'if-none-match': etag! },
    });
    expect(c.status).toBe(304);
  });

  it('lets a county see its own region only; visitors and strangers not at all', async () => {
    const own = await get('/api/overview', 'hanshan');
    expect(own.status).toBe(200);
    expect(own.body.region.adcode).toBe('130402');
    expect(own.body.units.map((u: Json) => u.adcode)).toEqual(['130402']);
    for (const other of ['130403', '130400', '110000']) {
      const r = await get(`/api/overview?region=${other}`, 'hanshan');
      expect(r.status, other).toBe(403);
      expect(r.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    }
    expect((await get('/api/overview?region=130403', 'dept')).status).toBe(200);
    const guest = await get('/api/overview', 'guest');
    expect(guest.status).toBe(403);
    expect(guest.body.code).toBe('LT_ERR_FORBIDDEN');
    expect((await get('/api/overview')).status).toBe(401);
  });

  it('refuses future, malformed and unknown inputs with stable codes', async () => {
    const future = await get('/api/overview?date=2020-07-16', 'city');
    expect([future.status, future.body.code]).toEqual([400, 'LT_ERR_BAD_RANGE']);
    const bad = await get('/api/overview?date=2020-7-1', 'city');
    expect([bad.status, bad.body.code]).toEqual([400, 'LT_ERR_BAD_DATE']);
    const unknown = await get('/api/overview?region=120000', 'city');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'LT_ERR_REGION_NOT_FOUND']);
  });
});
