/**
 * CEMS end to end (issue 9, "What must show"): two enterprises' outlets send minute and hourly
 * CEMS packets over a real socket to the HJ 212 listener (one in HJ 212-2017 codes, one in
 * HJ/T 212-2005 codes), the projector of serve turns them into cems_hours, and the API gives the
 * corrected hourly values, the hour over the limit, the compliance rate and the emission amount a
 * hand computation gives (docs/standards/ultra-low.md §2–§6). Invalid flags never count as
 * compliant hours; an outlet that sends raw O2 only gets corrected values computed by Lantian.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { serialize } from '../src/protocols/hj212/index.ts';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { CemsProjector, projectRange } from '../src/sources/cems/cems-projector.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { injectWithToken } from './support/sign-in.ts';
import {
  appWithIngest,
  beijing,
  frame,
  MN_2005,
  MN_CEMS,
  seedDevices,
  TestClient,
  upload,
  WHO,
} from './ingest-support.ts';

const DAY = Date.UTC(2024, 2, 1, -8); // 2024-03-01 00:00 Beijing
const HOUR = 3_600_000;
const STEEL = '91130481MA0CEMS0A1';
const COKE = '91130424MA0CEMS0B2';
const PASSWORD = 'Lantian-test-2024';

/** Links the outlets the devices created (DA001, DA002) to two enterprises. */
async function seedEnterprises(t: TestStore): Promise<void> {
  const k = t.db.kysely;
  await upsertRegions(
    t.db,
    [
      { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      { adcode: '130424', name: '成安县', parentAdcode: '130400', level: 'county' },
    ],
    0,
  );
  const ent = (credit_code: string, name: string, region_adcode: string, industry: string) => ({
    credit_code,
    name,
    region_adcode,
    industry,
    categories: '["ultra_low"]',
    positive_list: 0,
    guarantee: 0,
    key_discharger: 1,
    simulated: 0,
    address: null,
    lon: null,
    lat: null,
    grade: null,
    grade_edition: null,
    grade_date: null,
    positive_reason: null,
    positive_until: null,
    guarantee_reason: null,
    guarantee_until: null,
    created_at: 0,
    updated_at: 0,
  });
  const steel = await k
    .insertInto('enterprises')
    .values(ent(STEEL, '某钢铁公司', '130481', 'long_process_steel'))
    .returning('id')
    .executeTakeFirstOrThrow();
  const coke = await k
    .insertInto('enterprises')
    .values(ent(COKE, '某焦化公司', '130424', 'coking'))
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await k
    .insertInto('production_lines')
    .values({
      enterprise_id: steel.id,
      code: 'SJ1',
      name: '1号烧结机',
      process: '烧结机',
      capacity: '360 m²',
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k
    .updateTable('outlets')
    .set({ enterprise_id: steel.id, line_id: line.id, region_adcode: '130481' })
    .where('code', '=', 'DA001')
    .execute();
  await k
    .updateTable('outlets')
    .set({ enterprise_id: coke.id, region_adcode: '130424' })
    .where('code', '=', 'DA002')
    .execute();
}

/** The 2017 outlet (sinter head: NOx 50, SO2 35, PM 10 at 16 % O2): hours 0–4 by CN 2061. */
function hourlyPackets(): Buffer[] {
  const h = (i: number, items: Record<string, Record<string, string | number>>) =>
    frame(upload(MN_CEMS, '2061', DAY + i * HOUR, items, { st: '31' }));
  return [
    // Raw O2 only: Lantian corrects 40 × 5/9 = 22.22 (NOx), 20 × 5/9 = 11.11 (SO2), 5 × 5/9.
    h(0, {
      a21002: { Avg: 40, Cou: 1.5, Flag: 'N' },
      a21026: { Avg: 20, Cou: 0.8, Flag: 'N' },
      a34013: { Avg: 5, Cou: 0.2, Flag: 'N' },
      a19001: { Avg: 12, Flag: 'N' },
    }),
    // 100 × 5/9 = 55.56 > 50: over.
    h(1, { a21002: { Avg: 100, Cou: 2, Flag: 'N' }, a19001: { Avg: 12, Flag: 'N' } }),
    // The device's own corrected value (45) is judged; Lantian's 60 × 5/7 = 42.86 is kept too.
    h(2, { a21002: { Avg: 60, ZsAvg: 45, Cou: 1, Flag: 'N' }, a19001: { Avg: 14, Flag: 'N' } }),
    // Maintenance and fault: low values, never compliant hours.
    h(3, { a21002: { Avg: 30, Cou: 0.5, Flag: 'M' }, a19001: { Avg: 12, Flag: 'N' } }),
    h(4, { a21002: { Avg: 30, Cou: 0.5, Flag: 'D' }, a19001: { Avg: 12, Flag: 'N' } }),
  ];
}

/** Minute packets (CN 2051) of hour `i`: `n` minutes of NOx 36 (0.02 kg each) and O2 12. */
function minutePackets(i: number, n: number, nox = 36): Buffer[] {
  return Array.from({ length: n }, (_, m) =>
    frame(
      upload(
        MN_CEMS,
        '2051',
        DAY + i * HOUR + m * 60_000,
        { a21002: { Avg: nox, Cou: 0.02, Flag: 'N' }, a19001: { Avg: 12, Flag: 'N' } },
        { st: '31' },
      ),
    ),
  );
}

/** The 2005 outlet (coke oven: NOx 150 at 8 % O2), 2005 codes 03 (NOx) and S01 (O2). */
function packets2005(): Buffer[] {
  return [
    [0, '120', '2.5'],
    [1, '140', '3'],
  ].map(([i, nox, cou]) =>
    serialize({
      st: '31',
      cn: '2061',
      pw: '000000',
      mn: MN_2005,
      flag: 1,
      cp: [
        ['DataTime', beijing(DAY + Number(i) * HOUR)],
        ['03-Avg', String(nox)],
        ['03-Cou', String(cou)],
        ['03-Flag', 'N'],
        ['S01-Avg', '10'],
        ['S01-Flag', 'N'],
      ],
    }),
  );
}

describe.each(dialectsUnderTest())('CEMS hours and compliance over HJ 212 on %s', (dialect) => {
  let t: TestStore;
  let ingest: Hj212Ingest;
  let app: FastifyInstance;
  let projector: CemsProjector;
  const tokens: Record<string, string> = {};
  const get = (who: string, url: string) => injectWithToken(app, 'GET', url, tokens[who]!);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    await seedEnterprises(t);
    for (const [username, extra] of [
      ['office', { role: 'city-admin' }],
      ['steel', { role: 'enterprise', enterprise: STEEL }],
      ['coke', { role: 'enterprise', enterprise: COKE }],
      ['wuan', { role: 'county', regionAdcode: '130481' }],
    ] as const) {
      const u = await createUser(t.db, systemClock, WHO, {
        username,
        password: PASSWORD,
        ...extra,
      });
      tokens[username] = (await createToken(t.db, systemClock, WHO, u.id, 'cems', null)).token;
    }
    projector = new CemsProjector(t.db, systemClock, cemsConfig(), { error: () => undefined });
    // The listener as serve starts it (src/server.ts): the projector notes committed batches.
    ingest = await startHj212Ingest(
      { db: t.db, clock: systemClock, committed: (v) => projector.note(v) },
      {
        host: '127.0.0.1',
        port: 0,
        archive: false,
        commitDelayMs: 2,
        rateLimit: { perSecond: 0, burst: 1 },
      },
    );
    app = await appWithIngest(t.db, ingest);

    const c = await TestClient.open(ingest.port);
    const frames = [
      ...minutePackets(0, 10, 999), // hour 0 also has a 2061: the hourly upload wins
      ...hourlyPackets(),
      ...minutePackets(5, 60), // hour 5 from 60 minutes
      ...minutePackets(6, 40), // hour 6: 40 minutes, under the 45 an hour needs
      ...packets2005(),
    ];
    for (const f of frames) await c.write(f);
    await c.waitFor(frames.length, 15_000);
    c.close();
    await ingest.drain();
    await projector.flush();
    const put = await injectWithToken(
      app,
      'PUT',
      `/api/sources/enterprises/${STEEL}/permits`,
      tokens['office']!,
      {
        pollutant: 'a21002',
        year: 2024,
        permittedKg: 1000,
        basis: '许可证 91130481MA0CEMS0A1001P',
      },
    );
    expect(put.statusCode).toBe(204);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await ingest?.stop();
    await t?.cleanup();
  });

  it('stores the corrected hourly values: the device’s and Lantian’s, both kept', async () => {
    const outlet = await t.db.kysely
      .selectFrom('outlets')
      .select('id')
      .where('code', '=', 'DA001')
      .executeTakeFirstOrThrow();
    const r = await get(
      'office',
      `/api/sources/outlets/${outlet.id}/hours?from=2024-03-01&to=2024-03-01`,
    );
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const nox = body.hours.filter((h: { pollutant: string }) => h.pollutant === 'a21002');
    expect(nox.map((h: { hour: number }) => (h.hour - DAY) / HOUR)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const [h0, h1, h2, h3, h4, h5, h6] = nox;
    expect(h0).toMatchObject({
      avg: 40,
      zsDevice: null,
      o2: 12,
      basis: 'calculated',
      origin: '2061',
      limit: 50,
      status: 'ok',
      valid: true,
    });
    expect(h0.zsCalc).toBeCloseTo(22.2222, 3);
    expect(h1).toMatchObject({ status: 'over', over: true });
    expect(h1.value).toBeCloseTo(55.5556, 3);
    expect(h2).toMatchObject({ zsDevice: 45, value: 45, basis: 'device', status: 'ok' });
    expect(h2.zsCalc).toBeCloseTo(42.8571, 3);
    expect(h3).toMatchObject({ flag: 'M', valid: false, status: 'invalid', over: false });
    expect(h4).toMatchObject({ flag: 'D', valid: false, status: 'invalid' });
    expect(h5).toMatchObject({
      origin: '2051',
      minutes: 60,
      avg: 36,
      flag: 'N',
      valid: true,
      status: 'ok',
    });
    expect(h5.zsCalc).toBeCloseTo(20, 6);
    expect(h5.cou).toBeCloseTo(1.2, 6);
    expect(h6).toMatchObject({
      origin: '2051',
      minutes: 40,
      flag: 'D',
      valid: false,
      status: 'invalid',
    });
    expect(body.limits.find((l: { pollutant: string }) => l.pollutant === 'a21002')).toMatchObject({
      limit: 50,
      refO2: 16,
      source: 'sector:steel-sinter',
    });
    expect(body.rules).toMatchObject({ edition: 'HJ212-2017-D.2+HJ75', limits: 'ultra-low-2024' });
  });

  it('gives the hand-computed compliance rate, verdict and emission amount', async () => {
    const r = await get('steel', `/api/sources/enterprises/${STEEL}/compliance?month=2024-03`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const nox = body.outlets[0].pollutants.find(
      (p: { pollutant: string }) => p.pollutant === 'a21002',
    );
    // Valid: hours 0, 1, 2, 5; invalid: 3 (M), 4 (D), 6 (40 minutes); over: hour 1 → 3/4.
    expect(nox).toMatchObject({
      valid: 4,
      invalid: 3,
      over: 1,
      rate: 0.75,
      missing: 744 - 7,
      verdict: 'not_stable',
    });
    // 1.5 + 2 + 1 + 0.5 + 0.5 + 60 × 0.02 + 40 × 0.02 = 7.5 kg.
    expect(nox.cou).toBeCloseTo(7.5, 6);
    expect(nox.days[0]).toMatchObject({
      day: '2024-03-01',
      valid: 4,
      invalid: 3,
      over: 1,
      status: 'over',
      mean: null,
    });
    // Enterprise: NOx 4 valid / 1 over, SO2 and PM 1 valid each → 5/6.
    expect(body).toMatchObject({ valid: 6, over: 1, invalid: 3, verdict: 'not_stable' });
    expect(body.rate).toBeCloseTo(5 / 6, 9);
    const e = body.emissions.find(
      (x: { pollutant: string; outletCode: string | null }) =>
        x.pollutant === 'a21002' && x.outletCode === null,
    );
    expect(e).toMatchObject({ permittedKg: 1000 });
    expect(e.monthKg).toBeCloseTo(7.5, 6);
    expect(e.share).toBeCloseTo(0.0075, 9);

    const cal = (
      await get('steel', `/api/sources/enterprises/${STEEL}/compliance/calendar?month=2024-03`)
    ).json();
    expect(cal.days[0]).toMatchObject({ day: '2024-03-01', status: 'over' });
    expect(cal.days[1]).toMatchObject({ day: '2024-03-02', status: 'none' });
  });

  it('corrects the 2005 logger’s raw O2 itself and judges it (coke oven, 8 %)', async () => {
    const body = (
      await get('coke', `/api/sources/enterprises/${COKE}/compliance?month=2024-03`)
    ).json();
    const nox = body.outlets[0].pollutants.find(
      (p: { pollutant: string }) => p.pollutant === 'a21002',
    );
    // 120 × 13/11 = 141.8 ≤ 150; 140 × 13/11 = 165.5 > 150.
    expect(nox).toMatchObject({ valid: 2, over: 1, rate: 0.5, cou: 5.5 });
    expect(nox.limit).toMatchObject({ limit: 150, refO2: 8, source: 'sector:coking-oven' });
  });

  it('lists the enterprises an account sees, and keeps enterprise A out of B', async () => {
    const all = (
      await get('office', '/api/sources/compliance?month=2024-03&category=ultra_low')
    ).json();
    expect(all.enterprises.map((e: { creditCode: string }) => e.creditCode).sort()).toEqual(
      [STEEL, COKE].sort(),
    );
    const steel = all.enterprises.find((e: { creditCode: string }) => e.creditCode === STEEL);
    expect(steel.rate).toBeCloseTo(5 / 6, 9);
    const wuan = (await get('wuan', '/api/sources/compliance?month=2024-03')).json();
    expect(wuan.enterprises.map((e: { creditCode: string }) => e.creditCode)).toEqual([STEEL]);
    const own = (await get('coke', '/api/sources/compliance?month=2024-03')).json();
    expect(own.enterprises.map((e: { creditCode: string }) => e.creditCode)).toEqual([COKE]);
    expect(
      (await get('coke', `/api/sources/enterprises/${STEEL}/compliance?month=2024-03`)).statusCode,
    ).toBe(403);
    const outlet = await t.db.kysely
      .selectFrom('outlets')
      .select('id')
      .where('code', '=', 'DA001')
      .executeTakeFirstOrThrow();
    expect(
      (await get('coke', `/api/sources/outlets/${outlet.id}/hours?from=2024-03-01&to=2024-03-01`))
        .statusCode,
    ).toBe(403);
    const put = await injectWithToken(
      app,
      'PUT',
      `/api/sources/enterprises/${STEEL}/permits`,
      tokens['coke']!,
      {
        pollutant: 'a21002',
        year: 2024,
        permittedKg: 1,
        basis: 'x',
      },
    );
    expect(put.statusCode).toBe(403);
  });

  it('follows hours that arrive later and a changed limit (the compliance cache refreshes)', async () => {
    const url = `/api/sources/enterprises/${STEEL}/compliance?month=2024-03`;
    const noxOf = async () =>
      (await get('office', url))
        .json()
        .outlets[0].pollutants.find((p: { pollutant: string }) => p.pollutant === 'a21002');
    expect(await noxOf()).toMatchObject({ valid: 4, over: 1 });
    const c = await TestClient.open(ingest.port);
    // Hour 7: 90 × 5/9 = 50, at the limit (not over); hour 8: 91 × 5/9 = 50.56, over.
    await c.write(
      frame(
        upload(
          MN_CEMS,
          '2061',
          DAY + 7 * HOUR,
          { a21002: { Avg: 90, Flag: 'N' }, a19001: { Avg: 12, Flag: 'N' } },
          { st: '31' },
        ),
      ),
    );
    await c.write(
      frame(
        upload(
          MN_CEMS,
          '2061',
          DAY + 8 * HOUR,
          { a21002: { Avg: 91, Flag: 'N' }, a19001: { Avg: 12, Flag: 'N' } },
          { st: '31' },
        ),
      ),
    );
    await c.waitFor(2);
    c.close();
    await ingest.drain();
    await projector.flush();
    expect(await noxOf()).toMatchObject({ valid: 6, over: 2, rate: 4 / 6 });
    // An override of 20 mg/m³ at 16 %: hours 0 (22.2), 1, 7, 8 over; 2 (45) over; 5 (20.0) within.
    const outlet = await t.db.kysely
      .selectFrom('outlets')
      .select('id')
      .where('code', '=', 'DA001')
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .insertInto('outlet_limits')
      .values({
        outlet_id: outlet.id,
        pollutant: 'a21002',
        limit_mg_m3: 20,
        ref_o2: null,
        basis: '地方更严限值',
        updated_at: 0,
      })
      .execute();
    const nox = await noxOf();
    expect(nox).toMatchObject({ valid: 6, over: 5 });
    expect(nox.limit).toMatchObject({ limit: 20, refO2: 16, source: 'override' });
    await t.db.kysely.deleteFrom('outlet_limits').execute();
  });

  it('re-projecting a range writes the same hours (idempotent)', async () => {
    const before = await t.db.kysely
      .selectFrom('cems_hours')
      .select(['outlet_id', 'pollutant', 'hour', 'avg', 'zs_calc', 'valid', 'cou', 'origin'])
      .orderBy('outlet_id')
      .orderBy('pollutant')
      .orderBy('hour')
      .execute();
    const r = await projectRange(t.db, cemsConfig(), DAY, DAY + 24 * HOUR, systemClock.now());
    expect(r.waiting).toBe(0);
    const after = await t.db.kysely
      .selectFrom('cems_hours')
      .select(['outlet_id', 'pollutant', 'hour', 'avg', 'zs_calc', 'valid', 'cou', 'origin'])
      .orderBy('outlet_id')
      .orderBy('pollutant')
      .orderBy('hour')
      .execute();
    expect(after).toEqual(before);
  });
});
