/**
 * Enterprise scope of sub-metering and LDAR, route by route: every operation of the OpenAPI
 * document under /api/sources/enterprises/{code}/power… or …/ldar… is called by one enterprise on
 * another's data with a body its schema accepts, and is refused (403) without a change; the owner
 * reads its own. Routes added later under these paths must be listed here, or the test fails.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { systemClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { COKE, seedSources, signedInApp, STEEL } from './sources-power-support.ts';

const meter = { code: 'P1', name: '风机', role: 'production', line: 'SJ1', runningKw: 100 };
const round = {
  year: 2020,
  round: 1,
  periodFrom: '2020-03-01',
  periodTo: '2020-03-02',
  components: 10,
  leaks: 0,
  repairedOnTime: 0,
  repairedLate: 0,
  unrepaired: 0,
};
const CSV = 'meter,time,kw\nP1,2026-01-05 08:00,1\n';

/** A request each operation's schema accepts, by `METHOD path` of the OpenAPI document. */
const REQUESTS: Record<string, { query?: string; body?: object; csv?: true }> = {
  'GET /api/sources/enterprises/{code}/power/meters': {},
  'POST /api/sources/enterprises/{code}/power/meters': { body: { ...meter, code: 'P2' } },
  'PATCH /api/sources/enterprises/{code}/power/meters/{meter}': { body: { runningKw: 1 } },
  'DELETE /api/sources/enterprises/{code}/power/meters/{meter}': {},
  'POST /api/sources/enterprises/{code}/power/readings': {
    body: { readings: [{ meter: 'P1', time: '2026-01-05 08:00', kw: 1 }] },
  },
  'POST /api/sources/enterprises/{code}/power/readings/csv': { csv: true },
  'GET /api/sources/enterprises/{code}/power': { query: '?from=2026-01-05&to=2026-01-05' },
  'GET /api/sources/enterprises/{code}/ldar': {},
  'POST /api/sources/enterprises/{code}/ldar': { body: { ...round, round: 2 } },
  'PATCH /api/sources/enterprises/{code}/ldar/{year}/{round}': { body: { notes: '改' } },
  'DELETE /api/sources/enterprises/{code}/ldar/{year}/{round}': {},
};

describe.each(dialectsUnderTest())('sub-metering and LDAR scope on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof signedInApp>>;
  let ops: string[] = [];

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, systemClock.now());
    s = await signedInApp(t.db, systemClock);
    app = s.app;
    await app.ready();
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    ops = Object.entries(doc.paths)
      .filter(([p]) => /^\/api\/sources\/enterprises\/\{code\}\/(power|ldar)/.test(p))
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(
      (await s.call('city', 'POST', `/api/sources/enterprises/${STEEL}/power/meters`, meter))
        .status,
    ).toBe(201);
    expect(
      (await s.call('steel', 'POST', `/api/sources/enterprises/${STEEL}/ldar`, round)).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  const send = (who: string, op: string, code: string) => {
    const [method, path] = op.split(' ') as [string, string];
    const r = REQUESTS[op]!;
    const url =
      path
        .replace('{code}', code)
        .replace('{meter}', 'P1')
        .replace('{year}', '2020')
        .replace('{round}', '1') + (r.query ?? '');
    const headers = s.headers(who);
    if (r.csv) {
      const boundary = '----scope';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n${CSV}\r\n--${boundary}--\r\n`;
      return app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    }
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(r.body ? { payload: r.body } : {}),
    });
  };

  it('knows every operation under these paths', () => {
    expect(ops.length).toBeGreaterThanOrEqual(11);
    expect(ops.filter((op) => !(op in REQUESTS))).toEqual([]);
  });

  it('refuses each to another enterprise and changes nothing', async () => {
    const before = (await listAudit(t.db, {})).length;
    for (const op of ops) {
      const res = await send('coke', op, STEEL);
      expect(res.statusCode, `${op}: ${res.body}`).toBe(403);
    }
    expect((await listAudit(t.db, {})).length).toBe(before);
    const meters = await s.call('city', 'GET', `/api/sources/enterprises/${STEEL}/power/meters`);
    expect(meters.body).toEqual([expect.objectContaining({ code: 'P1', runningKw: 100 })]);
  });

  it('lets the owner read its own, and the other its own', async () => {
    for (const op of ops.filter((o) => o.startsWith('GET '))) {
      expect((await send('steel', op, STEEL)).statusCode, op).toBe(200);
      expect((await send('coke', op, COKE)).statusCode, op).toBe(200);
    }
  });
});
