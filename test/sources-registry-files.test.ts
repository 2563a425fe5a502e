/**
 * The registry's import and export over HTTP in the bureau's form: an export (xlsx) imported into
 * a fresh store gives the same registry back (compared as CSV exports of both stores); a file with
 * a bad credit code, an unknown county, an unknown industry, a duplicate outlet MN or outlet code
 * is refused whole with row numbers and stable codes, and nothing is stored; a county exports only
 * its own enterprises and may not import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_COLUMNS, OUTLET_COLUMNS } from '../src/sources/rules/registry-form.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  CODE_A,
  CODE_B,
  creditCode,
  MN_B,
  MN_FREE,
  registryFixture,
  seedEnterprises,
  type RegistryFixture,
} from './sources-registry-support.ts';

const csv = (rows: string[][]): Buffer =>
  Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');

describe.each(dialectsUnderTest())('registry import and export on %s', (dialect) => {
  let t1: TestStore;
  let t2: TestStore;
  let one: RegistryFixture;
  let two: RegistryFixture;

  beforeAll(async () => {
    t1 = await openTestStore(dialect);
    t2 = await openTestStore(dialect);
    one = await registryFixture(t1.db);
    two = await registryFixture(t2.db);
    await seedEnterprises(one);
    await one.call(
      'admin',
      'PUT',
      `/api/sources/enterprises/${CODE_B}/outlets/DA-B/limits/a21002`,
      {
        limit: 50,
        refO2: 8,
        basis: '环大气〔2019〕35号',
      },
    );
    await one.call('admin', 'PATCH', `/api/sources/enterprises/${CODE_A}`, {
      categories: ['ultra_low', 'voc'],
      lon: 114.49,
      lat: 36.61,
      guarantee: true,
      guaranteeReason: '集中供热',
      guaranteeUntil: '2021-03-15',
    });
  }, 120_000);
  afterAll(async () => {
    await one?.app.close();
    await two?.app.close();
    await t1?.cleanup();
    await t2?.cleanup();
  });

  const csvOf = async (f: RegistryFixture, form: string, who = 'admin'): Promise<string> => {
    const r = await f.download(who, `/api/sources/registry/export?format=csv&form=${form}`);
    expect(r.status).toBe(200);
    return r.data.toString('utf8');
  };

  it('exports both tables and imports them into a fresh store unchanged', async () => {
    const xlsx = await one.download('admin', '/api/sources/registry/export');
    expect(xlsx.type).toContain('spreadsheetml');
    const r = await two.upload('eco', '/api/sources/registry/import', '企业名录.xlsx', xlsx.data);
    expect(r.status).toBe(200);
    // DA-A and DA-B were created by the device registry in the fresh store too: linked, not new.
    expect(r.body).toEqual({
      enterprises: { created: 2, updated: 0 },
      outlets: { created: 0, updated: 2, linked: 2 },
    });
    for (const form of ['enterprises', 'outlets'])
      expect(await csvOf(two, form)).toBe(await csvOf(one, form));
    const outlets = await csvOf(one, 'outlets');
    expect(outlets).toContain('a21002=50@8（环大气〔2019〕35号）; a21026=30（河北省地方标准）');
    expect(await csvOf(one, 'enterprises')).toContain('超低排放重点企业、VOCs重点');
    // Importing the same file again changes nothing but the update times.
    const again = await two.upload(
      'admin',
      '/api/sources/registry/import',
      'again.xlsx',
      xlsx.data,
    );
    expect(again.body).toEqual({
      enterprises: { created: 0, updated: 2 },
      outlets: { created: 0, updated: 2, linked: 0 },
    });
  });

  it('imports CSV tables one at a time', async () => {
    const code = creditCode('130403', 'MA0C00003');
    const ent = csv([
      [...ENTERPRISE_COLUMNS.slice(0, 4), '行业', '管控类别'],
      [code, '丙水泥有限公司', '130403', '丛台区', '水泥', '工业炉窑、粉状物料'],
    ]);
    expect(
      (await one.upload('admin', '/api/sources/registry/import', '企业.csv', ent)).status,
    ).toBe(200);
    const outlets = csv([
      ['统一社会信用代码', '排放口编码', '类型', '监测因子', '设备MN', '限值(mg/m³)', '限值依据'],
      [code, 'LEGACY', '烟气', 'a34013;a21026', MN_FREE, 'a34013=10', '超低排放'],
    ]);
    const r = await one.upload('admin', '/api/sources/registry/import', '排放口.csv', outlets);
    expect(r.body).toEqual({
      enterprises: { created: 0, updated: 0 },
      outlets: { created: 0, updated: 1, linked: 1 },
    });
    const d = await one.call('admin', 'GET', `/api/sources/enterprises/${code}`);
    expect(d.body).toMatchObject({
      industry: 'cement',
      categories: ['kiln', 'powder'],
      outlets: [
        {
          code: 'LEGACY',
          mns: [MN_FREE],
          limits: [{ pollutant: 'a34013', limit: 10, basis: '超低排放' }],
        },
      ],
    });
  });

  it('refuses a file with bad rows whole, naming rows and stable codes', async () => {
    const before = { e: await csvOf(one, 'enterprises'), o: await csvOf(one, 'outlets') };
    const good = creditCode('130402', 'MA0D00004');
    const ent = csv([
      ['统一社会信用代码', '企业名称', '县区代码', '行业'],
      [good, '丁玻璃有限公司', '130402', '玻璃'],
      [good.slice(0, 17) + (good[17] === '1' ? '2' : '1'), '校验位错', '130402', '玻璃'],
      [creditCode('130499', '5'), '县区不存在', '130499', '玻璃'],
      [creditCode('130402', '6'), '行业不存在', '130402', '造纸'],
    ]);
    const r1 = await one.upload('admin', '/api/sources/registry/import', '企业.csv', ent);
    expect([r1.status, r1.body.code]).toEqual([400, 'LT_ERR_IMPORT_REJECTED']);
    expect(
      r1.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
    ).toEqual([
      [3, 'LT_ERR_BAD_CREDIT_CODE'],
      [4, 'LT_ERR_REGION_NOT_FOUND'],
      [5, 'LT_ERR_INDUSTRY_UNKNOWN'],
    ]);
    const outlets = csv([
      ['统一社会信用代码', '排放口编码', '设备MN'],
      [CODE_A, 'DA-A9', ''],
      [CODE_A, 'DA-A9', ''],
      [CODE_A, 'DA-A10', MN_FREE],
      [CODE_A, 'DA-A11', MN_FREE],
      [CODE_A, 'DA-B', ''],
      [CODE_A, 'DA-A12', 'NOSUCHMN0001'],
    ]);
    const r2 = await one.upload('admin', '/api/sources/registry/import', '排放口.csv', outlets);
    expect([r2.status, r2.body.code]).toEqual([400, 'LT_ERR_IMPORT_REJECTED']);
    expect(
      r2.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
    ).toEqual([
      [3, 'LT_ERR_REGISTRY_CODE_EXISTS'],
      [5, 'LT_ERR_OUTLET_MN_TAKEN'],
    ]);
    // Rows that pass the file's own checks can still be refused by the store: all rolled back.
    const r3 = await one.upload(
      'admin',
      '/api/sources/registry/import',
      '排放口.csv',
      csv([
        ['统一社会信用代码', '排放口编码', '设备MN'],
        [CODE_A, 'DA-A9', ''],
        [CODE_A, 'DA-B', ''],
        [CODE_A, 'DA-A12', 'NOSUCHMN0001'],
        [CODE_A, 'DA-A13', MN_B],
      ]),
    );
    expect(
      r3.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
    ).toEqual([
      [3, 'LT_ERR_REGISTRY_CODE_EXISTS'],
      [4, 'LT_ERR_DEVICE_NOT_FOUND'],
      [5, 'LT_ERR_OUTLET_MN_TAKEN'],
    ]);
    expect({ e: await csvOf(one, 'enterprises'), o: await csvOf(one, 'outlets') }).toEqual(before);
  });

  it('exports to a county only its own enterprises and refuses its import', async () => {
    const mine = await csvOf(one, 'enterprises', 'congtai');
    expect(mine).toContain(CODE_A);
    expect(mine).not.toContain(CODE_B);
    const ent = await csvOf(one, 'enterprises', 'entA');
    expect(ent.trim().split('\r\n')).toHaveLength(2);
    const r = await one.upload(
      'congtai',
      '/api/sources/registry/import',
      'x.csv',
      csv([['统一社会信用代码', '企业名称']]),
    );
    expect([r.status, r.body.code]).toEqual([403, 'LT_ERR_FORBIDDEN']);
    const bad = await one.upload(
      'admin',
      '/api/sources/registry/import',
      'x.csv',
      csv([['名称'], ['x']]),
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'LT_ERR_REGISTRY_FORM']);
  });
});
