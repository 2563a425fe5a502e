/**
 * The enterprise registry over the API: registering enterprises with lines, facilities, outlets
 * (devices by MN) and limit overrides; refusals with stable codes; who may write and read; the
 * audit log; and an outlet that the device registry created before the registry, with data, is
 * linked to an enterprise keeping its id, its device and its data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  CODE_A,
  CODE_B,
  creditCode,
  MN_A,
  MN_B,
  MN_FREE,
  registryFixture,
  seedEnterprises,
  T0,
  type RegistryFixture,
} from './sources-registry-support.ts';

describe.each(dialectsUnderTest())('enterprise registry API on %s', (dialect) => {
  let t: TestStore;
  let f: RegistryFixture;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    f = await registryFixture(t.db);
    await seedEnterprises(f);
  }, 120_000);
  afterAll(async () => {
    await f?.app.close();
    await t?.cleanup();
  });

  it('shows an enterprise with its lines, facilities, outlets, MNs and limits', async () => {
    const r = await f.call('admin', 'GET', `/api/sources/enterprises/${CODE_A}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      creditCode: CODE_A,
      name: '甲焦化有限公司',
      regionAdcode: '130403',
      regionName: '丛台区',
      industry: 'coking',
      industryName: '焦化',
      categories: ['ultra_low'],
      grade: 'B',
      gradeEdition: '2020',
      keyDischarger: true,
      lines: [{ code: 'L1', name: '1号焦炉', process: '焦炉', capacity: null }],
      facilities: [{ code: 'F1', kind: 'desulphurisation', line: 'L1' }],
      outlets: [
        {
          code: 'DA-A',
          kind: 'flue_gas',
          heightM: 80,
          pollutants: ['a34013', 'a21026', 'a21002'],
          refO2: 8,
          mustReport: true,
          line: 'L1',
          mns: [MN_A],
          limits: [{ pollutant: 'a21026', limit: 30, refO2: null, basis: '河北省地方标准' }],
        },
      ],
    });
  });

  it('lists with filters and pages', async () => {
    const all = await f.call('admin', 'GET', '/api/sources/enterprises');
    expect(all.body.total).toBe(2);
    const codes = async (q: string) =>
      (await f.call('admin', 'GET', `/api/sources/enterprises?${q}`)).body.items.map(
        (e: { creditCode: string }) => e.creditCode,
      );
    expect(await codes('county=130403')).toEqual([CODE_A]);
    expect(await codes('county=130400')).toHaveLength(2);
    expect(await codes('industry=焦化')).toHaveLength(2);
    expect(await codes('industry=cement')).toEqual([]);
    expect(await codes('category=ultra_low&grade=B')).toHaveLength(2);
    expect(await codes('category=voc')).toEqual([]);
    expect(await codes('q=乙焦化')).toEqual([CODE_B]);
    expect(await codes(`q=${CODE_A.slice(8, 14).toLowerCase()}`)).toEqual([CODE_A]);
    const page = await f.call('admin', 'GET', '/api/sources/enterprises?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, items: [{ creditCode: CODE_A }] });
  });

  it('refuses bad input with stable codes and stores nothing', async () => {
    const base = { name: '丙公司', regionAdcode: '130403', industry: 'cement' };
    const cases: Array<[unknown, number, string]> = [
      [
        { ...base, creditCode: CODE_A.slice(0, 17) + (CODE_A[17] === '0' ? '1' : '0') },
        400,
        'LT_ERR_BAD_CREDIT_CODE',
      ],
      [{ ...base, creditCode: '91130403MA0I00001X' }, 400, 'LT_ERR_BAD_CREDIT_CODE'],
      [
        { ...base, creditCode: creditCode('130403', '3'), regionAdcode: '130499' },
        404,
        'LT_ERR_REGION_NOT_FOUND',
      ],
      [
        { ...base, creditCode: creditCode('130403', '3'), industry: '造纸' },
        400,
        'LT_ERR_INDUSTRY_UNKNOWN',
      ],
      [
        { ...base, creditCode: creditCode('130403', '3'), grade: 'A+', gradeEdition: '2020' },
        400,
        'LT_ERR_BAD_ENTERPRISE',
      ],
      [
        { ...base, creditCode: creditCode('130403', '3'), categories: ['coal'] },
        400,
        'LT_ERR_BAD_ENTERPRISE',
      ],
      [{ ...base, creditCode: CODE_A }, 409, 'LT_ERR_ENTERPRISE_EXISTS'],
    ];
    for (const [body, status, code] of cases) {
      const r = await f.call('admin', 'POST', '/api/sources/enterprises', body);
      expect([r.status, r.body.code]).toEqual([status, code]);
    }
    expect((await f.call('admin', 'GET', '/api/sources/enterprises')).body.total).toBe(2);
  });

  it('refuses a duplicate outlet code, a device of another enterprise and an unknown MN', async () => {
    const url = `/api/sources/enterprises/${CODE_A}/outlets`;
    const dupCode = await f.call('admin', 'POST', url, { code: 'DA-B' });
    expect([dupCode.status, dupCode.body.code]).toEqual([409, 'LT_ERR_REGISTRY_CODE_EXISTS']);
    const dupMn = await f.call('admin', 'POST', url, { code: 'DA-A2', mns: [MN_B] });
    expect([dupMn.status, dupMn.body.code]).toEqual([409, 'LT_ERR_OUTLET_MN_TAKEN']);
    const unknown = await f.call('admin', 'POST', url, { code: 'DA-A3', mns: ['NOSUCHMN0000'] });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'LT_ERR_DEVICE_NOT_FOUND']);
    const badPollutant = await f.call('admin', 'POST', url, { code: 'DA-A4', pollutants: ['SO2'] });
    expect([badPollutant.status, badPollutant.body.code]).toEqual([400, 'LT_ERR_BAD_OUTLET']);
    const detail = await f.call('admin', 'GET', `/api/sources/enterprises/${CODE_A}`);
    expect(detail.body.outlets.map((o: { code: string }) => o.code)).toEqual(['DA-A']);
    const b = await f.call('admin', 'GET', `/api/sources/enterprises/${CODE_B}`);
    expect(b.body.outlets[0].mns).toEqual([MN_B]);
  });

  it('links an outlet the device registry created, with its values, keeping id and device', async () => {
    const legacy = await t.db.kysely
      .selectFrom('outlets')
      .selectAll()
      .where('code', '=', 'LEGACY')
      .executeTakeFirstOrThrow();
    expect(legacy.enterprise_id).toBeNull();
    const device = await t.db.kysely
      .selectFrom('devices')
      .select(['id', 'outlet_id'])
      .where('mn', '=', MN_FREE)
      .executeTakeFirstOrThrow();
    expect(device.outlet_id).toBe(legacy.id);
    const value = {
      minute: Math.floor(T0 / 60_000),
      device_id: device.id,
      cn: 2061,
      code: 'a21026',
      data_time: T0,
      rtd: null,
      avg: 12.5,
      min: null,
      max: null,
      zs_rtd: null,
      zs_avg: null,
      zs_min: null,
      zs_max: null,
      cou: null,
      flag: 'N',
      eflag: null,
      extra: null,
      received_at: T0,
    };
    await t.db.kysely.insertInto('device_values').values(value).execute();
    const r = await f.call('eco', 'POST', `/api/sources/enterprises/${CODE_A}/outlets`, {
      code: 'LEGACY',
      name: '2号烟囱',
      pollutants: ['a21026'],
      mns: [MN_FREE],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: legacy.id,
      code: 'LEGACY',
      name: '2号烟囱',
      mns: [MN_FREE],
    });
    const after = await t.db.kysely
      .selectFrom('outlets')
      .selectAll()
      .where('id', '=', legacy.id)
      .executeTakeFirstOrThrow();
    expect(after.region_adcode).toBe('130403');
    const linked = await t.db.kysely
      .selectFrom('devices')
      .select('outlet_id')
      .where('mn', '=', MN_FREE)
      .executeTakeFirstOrThrow();
    expect(linked.outlet_id).toBe(legacy.id);
    const values = await t.db.kysely
      .selectFrom('device_values')
      .selectAll()
      .where('device_id', '=', device.id)
      .execute();
    expect(values).toEqual([value]);
    // The device registry still resolves the outlet by its code.
    const dev = await f.call('admin', 'GET', `/api/devices/${MN_FREE}`);
    expect(dev.body.target).toBe('LEGACY');
  });

  it('changes an enterprise and an outlet, sets and removes limits, and audits each change', async () => {
    const p = await f.call('admin', 'PATCH', `/api/sources/enterprises/${CODE_B}`, {
      grade: 'A+',
      gradeEdition: '2026',
      gradeDate: '2026-02-01',
      positiveList: true,
      positiveReason: '省重点项目',
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      grade: 'A+',
      gradeEdition: '2026',
      positiveList: true,
      name: '乙焦化有限公司',
    });
    const o = await f.call('admin', 'PATCH', `/api/sources/enterprises/${CODE_B}/outlets/DA-B`, {
      heightM: 100,
    });
    expect(o.body).toMatchObject({
      heightM: 100,
      refO2: 8,
      mns: [MN_B],
      limits: [{ pollutant: 'a21026' }],
    });
    const limitUrl = `/api/sources/enterprises/${CODE_B}/outlets/DA-B/limits/a21002`;
    const set = await f.call('admin', 'PUT', limitUrl, {
      limit: 50,
      refO2: 8,
      basis: '环大气〔2019〕35号',
    });
    expect(set.body.limits.map((l: { pollutant: string }) => l.pollutant)).toEqual([
      'a21002',
      'a21026',
    ]);
    const del = await f.call('admin', 'DELETE', limitUrl);
    expect(del.body.limits.map((l: { pollutant: string }) => l.pollutant)).toEqual(['a21026']);
    expect((await f.call('admin', 'DELETE', limitUrl)).status).toBe(404);
    const actions = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'outlet.%')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'outlet.link',
        'outlet.update',
        'outlet.limit.set',
        'outlet.limit.delete',
      ]),
    );
    const ent = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `enterprise:${CODE_B}`)
      .execute();
    expect(ent.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'enterprise.create',
        'enterprise.update',
        'enterprise.line.create',
        'enterprise.facility.create',
      ]),
    );
  });

  it('lets the city office and the bureau write; county, enterprise and other departments only read theirs', async () => {
    const patch = { address: '丛台路 1 号' };
    for (const who of ['congtai', 'entA', 'industry']) {
      const r = await f.call(who, 'PATCH', `/api/sources/enterprises/${CODE_A}`, patch);
      expect([who, r.status]).toEqual([who, 403]);
    }
    expect((await f.call('visitor', 'GET', '/api/sources/enterprises')).status).toBe(403);
    expect((await f.call('eco', 'PATCH', `/api/sources/enterprises/${CODE_A}`, patch)).status).toBe(
      200,
    );
    const mine = async (who: string) =>
      (await f.call(who, 'GET', '/api/sources/enterprises')).body.items.map(
        (e: { creditCode: string }) => e.creditCode,
      );
    expect(await mine('congtai')).toEqual([CODE_A]);
    expect(await mine('hanshan')).toEqual([CODE_B]);
    expect(await mine('entA')).toEqual([CODE_A]);
    expect(await mine('industry')).toEqual([]);
    expect((await f.call('entA', 'GET', `/api/sources/enterprises/${CODE_A}`)).status).toBe(200);
    expect((await f.call('entA', 'GET', `/api/sources/enterprises/${CODE_B}`)).status).toBe(403);
    expect((await f.call('congtai', 'GET', `/api/sources/enterprises/${CODE_B}`)).status).toBe(403);
  });

  it('serves the code lists', async () => {
    const r = await f.call('entA', 'GET', '/api/sources/registry/codes');
    expect(r.body.industries).toHaveLength(41);
    expect(r.body.grades.map((g: { code: string }) => g.code)).toEqual([
      'A+',
      'A',
      'lead',
      'B',
      'B-',
      'C',
      'D',
    ]);
    expect(r.body.categories.map((g: { code: string }) => g.code)).toEqual([
      'ultra_low',
      'kiln',
      'powder',
      'voc',
      'ldar',
      'gas_boiler',
    ]);
  });
});
