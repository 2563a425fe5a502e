/**
 * Enterprise scope over the whole /api/sources API: two enterprises, A (丛台区) and B (邯山区),
 * an enterprise account for A (entA) and the county account of A's county (congtai). Every
 * operation under /api/sources/ is enumerated from the OpenAPI document the application
 * publishes — never from a hand-written list — so routes that other parts of the sources domain
 * add later (CEMS, alarms, power, LDAR) are covered without touching this file:
 *
 * - an operation whose path names B (its enterprise, outlet, line, …) answers entA and congtai
 *   403 or 404, reads and writes alike, and B's registry is unchanged afterwards;
 * - an operation without path parameters never shows them B (its credit code, name or outlet
 *   code do not appear in the answer), and a change sent by them that names B is refused;
 * - the same operation naming A answers a GET to entA / congtai (when their role may call it)
 *   with neither 403 nor 404, so the fixtures are real and the test is not vacuous.
 *
 * How a new route opts in: nothing to do when its path parameters follow a collection segment
 * this file resolves (RESOLVERS: enterprises/{code}, outlets/{outlet} or outlets/{id},
 * lines/{line}, facilities/{facility}, limits/{pollutant}, alarms/{id}, meters/{meter},
 * ldar/{year}/{round}; each enterprise has one of each, seeded in beforeAll). A route with
 * another parameter fails the test "no fixture for …" until a resolver for its segment is added
 * to RESOLVERS below, returning A's or B's value (seed one in beforeAll). Required query
 * parameters and request bodies are generated from the operation's OpenAPI document (months,
 * days, required fields; fields that name an enterprise or outlet name the side under test). A
 * change whose generated request is malformed for A too (400 on both sides: a CSV or multipart
 * body, say) cannot probe scope and is listed as such, never counted as a pass by accident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_EXTENSION } from '../src/auth/access-doc.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  CODE_A,
  CODE_B,
  registryFixture,
  seedEnterprises,
  T0,
  type RegistryFixture,
} from './sources-registry-support.ts';
import { insertAlarm } from '../src/sources/alarms/alarm-repo.ts';

type Side = 'A' | 'B';
type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  nullable?: boolean;
};
type Op = {
  method: string;
  path: string;
  roles: string[];
  body: Schema | undefined;
  /** Required query parameters: name and schema. */
  query: Array<{ name: string; schema: Schema & { pattern?: string } }>;
};

/** The fixture values of one enterprise, by what a path segment names. */
interface SideFixture {
  code: string;
  name: string;
  outlet: string;
  outletId: number;
  alarmId: number;
}

/**
 * Path parameters by the collection segment before them: `enterprises/{x}` is a credit code,
 * `outlets/{x}` an outlet code (or its numeric id when the parameter's name ends in "id").
 */
const RESOLVERS: Record<string, (f: SideFixture, param: string) => string> = {
  enterprises: (f) => f.code,
  outlets: (f, p) => (/id$/i.test(p) ? String(f.outletId) : f.outlet),
  lines: () => 'L1',
  facilities: () => 'F1',
  limits: () => 'a21026',
  alarms: (f) => String(f.alarmId),
  meters: () => 'M1',
  ldar: () => '2020',
  '{year}': () => '1',
  // No evidence file is seeded: the alarm's scope refuses B first; A's own read is not checked.
  evidence: () => '1',
};

/** Parameters whose fixture is a placeholder: A's own read of such a route is not checked. */
const PLACEHOLDER = new Set(['evidenceId']);

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A value for a required query parameter. */
function queryValue(name: string, s: Schema & { pattern?: string }): string {
  if (s.enum?.length) return String(s.enum[0]);
  if (s.pattern?.includes('(0[1-9]|1[0-2])$') || /month/i.test(name)) return '2020-06';
  if (/from|to|day|date/i.test(name)) return '2020-06-01';
  if (/year/i.test(name)) return '2020';
  return s.type === 'number' || s.type === 'integer' ? '1' : 'x';
}

/** The concrete URL of an operation for one side, or the parameters without a fixture. */
function urlFor(op: Op, f: SideFixture): { url: string } | { missing: string } {
  const u = pathFor(op.path, f);
  if ('missing' in u || op.query.length === 0) return u;
  const q = op.query.map((p) => `${p.name}=${encodeURIComponent(queryValue(p.name, p.schema))}`);
  return { url: `${u.url}?${q.join('&')}` };
}

/** The concrete path for one side, or the parameters without a fixture. */
function pathFor(path: string, f: SideFixture): { url: string } | { missing: string } {
  const parts = path.split('/');
  let missing = '';
  const url = parts
    .map((seg, i) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (!m) return seg;
      const r = RESOLVERS[parts[i - 1] ?? ''];
      if (!r) {
        missing = `${path}: no fixture for {${m[1]}} after "${parts[i - 1]}" (add a resolver)`;
        return seg;
      }
      return encodeURIComponent(r(f, m[1]!));
    })
    .join('/');
  return missing ? { missing } : { url };
}

/** A value for a schema: required fields filled; credit codes and outlets name B. */
function sample(s: Schema | undefined, key: string, f: SideFixture): unknown {
  if (!s) return undefined;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if ((s.required ?? []).includes(k) || /credit|enterprise|outlet/i.test(k))
          o[k] = sample(v, k, f);
      return o;
    }
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return /year/i.test(key) ? 2020 : 1;
    case 'boolean':
      return false;
    default:
      if (/credit|enterprise/i.test(key)) return f.code;
      if (/outlet/i.test(key)) return f.outlet;
      if (/pollutant/i.test(key)) return 'a21026';
      if (/code/i.test(key)) return f.code;
      return 'x';
  }
}

describe.each(dialectsUnderTest())('enterprise scope over /api/sources on %s', (dialect) => {
  let t: TestStore;
  let f: RegistryFixture;
  let ops: Op[];
  const sides = {} as Record<Side, SideFixture>;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    f = await registryFixture(t.db);
    await seedEnterprises(f);
    for (const [side, code] of [
      ['A', CODE_A],
      ['B', CODE_B],
    ] as const) {
      const d = (await f.call('admin', 'GET', `/api/sources/enterprises/${code}`)).body;
      const e = await t.db.kysely
        .selectFrom('enterprises')
        .select(['id', 'region_adcode'])
        .where('credit_code', '=', code)
        .executeTakeFirstOrThrow();
      const alarmId = await insertAlarm(t.db.kysely, {
        kind: 'exceedance',
        enterprise_id: e.id,
        region_adcode: e.region_adcode,
        outlet_id: d.outlets[0].id,
        line_id: null,
        pollutant: 'a21026',
        subject_key: `exceedance|${d.outlets[0].id}|a21026`,
        open_key: `exceedance|${d.outlets[0].id}|a21026`,
        status: 'open',
        active: 1,
        opened_at: T0,
        first_seen: T0,
        last_seen: T0,
        count: 1,
        detail: '{}',
        level: 1,
        escalate_at: null,
        acked_by: null,
        acked_at: null,
        closed_by: null,
        closed_at: null,
        close_reason: null,
        close_text: null,
        updated_at: T0,
      });
      const seeds: Array<[string, unknown]> = [
        [
          `/api/sources/enterprises/${code}/power/meters`,
          { code: 'M1', name: '1号焦炉电表', role: 'production', line: 'L1', runningKw: 10 },
        ],
        [
          `/api/sources/enterprises/${code}/ldar`,
          {
            year: 2020,
            round: 1,
            periodFrom: '2020-04-01',
            periodTo: '2020-06-30',
            components: 100,
            leaks: 2,
            repairedOnTime: 2,
            repairedLate: 0,
            unrepaired: 0,
          },
        ],
      ];
      for (const [url, body] of seeds) {
        const r = await f.call('admin', 'POST', url, body);
        if (r.status >= 300) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body)}`);
      }
      sides[side] = {
        code,
        name: d.name,
        outlet: d.outlets[0].code,
        outletId: d.outlets[0].id,
        alarmId,
      };
    }
    const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, Record<string, any>>>;
    };
    ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/sources/'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([m]) => ['get', ...[...WRITE].map((w) => w.toLowerCase())].includes(m))
          .map(([m, op]) => ({
            method: m.toUpperCase(),
            path,
            roles: op[ACCESS_EXTENSION] as string[],
            body: op['requestBody']?.content?.['application/json']?.schema as Schema | undefined,
            query: ((op['parameters'] ?? []) as any[])
              .filter((p) => p.in === 'query' && p.required)
              .map((p) => ({ name: p.name as string, schema: p.schema as Schema })),
          })),
      );
  }, 120_000);
  afterAll(async () => {
    await f?.app.close();
    await t?.cleanup();
  });

  const detailOfB = async () =>
    (await f.call('admin', 'GET', `/api/sources/enterprises/${CODE_B}`)).body;

  it('enumerates the sources routes and has a fixture for every path parameter', () => {
    expect(ops.length).toBeGreaterThanOrEqual(14);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/sources/enterprises',
        'GET /api/sources/enterprises/{code}',
        'PATCH /api/sources/enterprises/{code}/outlets/{outlet}',
        'POST /api/sources/registry/import',
      ]),
    );
    const missing = ops.flatMap((o) => {
      const u = urlFor(o, sides.B);
      return 'missing' in u ? [u.missing] : [];
    });
    expect(missing).toEqual([]);
  });

  for (const who of ['entA', 'congtai']) {
    it(`never lets ${who} read or change B through a route that names B`, async () => {
      const before = await detailOfB();
      const answers: string[] = [];
      const unprobed: string[] = [];
      for (const op of ops.filter((o) => o.path.includes('{'))) {
        const u = urlFor(op, sides.B);
        if ('missing' in u) continue;
        const body = WRITE.has(op.method) ? (sample(op.body, '', sides.B) ?? {}) : undefined;
        const r = await f.call(who, op.method, u.url, body);
        let answer = [403, 404].includes(r.status) ? 'refused' : String(r.status);
        if (r.status === 400) {
          // The generated request may be malformed whoever it names: try it on A.
          const own = urlFor(op, sides.A) as { url: string };
          const ownBody = WRITE.has(op.method) ? (sample(op.body, '', sides.A) ?? {}) : undefined;
          if ((await f.call(who, op.method, own.url, ownBody)).status === 400) {
            unprobed.push(`${op.method} ${op.path}`);
            answer = 'refused';
          }
        }
        answers.push(`${op.method} ${op.path} → ${answer}`);
      }
      expect(answers).toEqual(answers.map((a) => a.replace(/→ .*$/, '→ refused')));
      // Only requests whose generated body no route can read (CSV, multipart) stay unprobed.
      expect(unprobed.length).toBeLessThanOrEqual(2);
      expect(await detailOfB()).toEqual(before);
    });

    it(`lets ${who} read A through the routes its role may call`, async () => {
      const answers: string[] = [];
      for (const op of ops.filter(
        (o) =>
          o.method === 'GET' &&
          o.path.includes('{') &&
          o.roles.includes(who === 'entA' ? 'enterprise' : 'county'),
      )) {
        if ([...PLACEHOLDER].some((p) => op.path.includes(`{${p}}`))) continue;
        const u = urlFor(op, sides.A);
        if ('missing' in u) continue;
        const r = await f.call(who, 'GET', u.url);
        answers.push(`${op.path} → ${[403, 404].includes(r.status) ? 'refused' : 'answered'}`);
      }
      expect(answers.length).toBeGreaterThan(0);
      expect(answers).toEqual(answers.map((a) => a.replace(/→ .*$/, '→ answered')));
    });

    it(`never shows ${who} B in a route without parameters, and refuses a change naming B`, async () => {
      const before = await detailOfB();
      const leaks: string[] = [];
      const reads = [
        ...ops
          .filter((o) => o.method === 'GET' && !o.path.includes('{'))
          .map((o) => (urlFor(o, sides.A) as { url: string }).url),
        '/api/sources/registry/export?format=csv&form=enterprises',
        '/api/sources/registry/export?format=csv&form=outlets',
      ];
      for (const url of reads) {
        const r = await f.app.inject({ method: 'GET', url, headers: f.headers(who) });
        for (const secret of [CODE_B, sides.B.name, sides.B.outlet])
          if (r.body.includes(secret)) leaks.push(`${url} shows ${secret}`);
      }
      expect(leaks).toEqual([]);
      for (const op of ops.filter((o) => WRITE.has(o.method) && !o.path.includes('{'))) {
        const r = await f.call(who, op.method, op.path, sample(op.body, '', sides.B) ?? {});
        expect([op.path, r.status >= 400]).toEqual([op.path, true]);
      }
      expect(await detailOfB()).toEqual(before);
    });
  }
});
