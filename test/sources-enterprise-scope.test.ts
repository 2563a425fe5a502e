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
 * this file resolves (RESOLVERS: enterprises/{code}, outlets/{outlet} or outlets/{outletId},
 * lines/{line}, facilities/{facility}, limits/{pollutant}). A route with another parameter (an
 * alarm id, a meter code, …) fails the test "no fixture for …" until a resolver for its segment
 * is added to RESOLVERS below, returning A's or B's value (seed one in beforeAll if needed).
 * Request bodies are generated from the operation's OpenAPI schema (required fields filled,
 * values naming B where a field is a credit code or an outlet).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_EXTENSION } from '../src/auth/access-doc.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  CODE_A,
  CODE_B,
  registryFixture,
  seedEnterprises,
  type RegistryFixture,
} from './sources-registry-support.ts';

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
};

/** The fixture values of one enterprise, by what a path segment names. */
interface SideFixture {
  code: string;
  name: string;
  outlet: string;
  outletId: number;
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
};

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The concrete URL of an operation for one side, or the parameters without a fixture. */
function urlFor(path: string, f: SideFixture): { url: string } | { missing: string } {
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
      return 1;
    case 'boolean':
      return false;
    default:
      if (/credit|enterprise/i.test(key)) return f.code;
      if (/outlet/i.test(key)) return f.outlet;
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
      sides[side] = { code, name: d.name, outlet: d.outlets[0].code, outletId: d.outlets[0].id };
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
      const u = urlFor(o.path, sides.B);
      return 'missing' in u ? [u.missing] : [];
    });
    expect(missing).toEqual([]);
  });

  for (const who of ['entA', 'congtai']) {
    it(`never lets ${who} read or change B through a route that names B`, async () => {
      const before = await detailOfB();
      const answers: string[] = [];
      for (const op of ops.filter((o) => o.path.includes('{'))) {
        const u = urlFor(op.path, sides.B);
        if ('missing' in u) continue;
        const body = WRITE.has(op.method) ? (sample(op.body, '', sides.B) ?? {}) : undefined;
        const r = await f.call(who, op.method, u.url, body);
        answers.push(
          `${op.method} ${op.path} → ${[403, 404].includes(r.status) ? 'refused' : r.status}`,
        );
      }
      expect(answers).toEqual(answers.map((a) => a.replace(/→ .*$/, '→ refused')));
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
        const u = urlFor(op.path, sides.A);
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
        ...ops.filter((o) => o.method === 'GET' && !o.path.includes('{')).map((o) => o.path),
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
