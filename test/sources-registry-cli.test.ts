/**
 * `lantian enterprise import | list | show | export` as a user runs it: CSV tables in, a Chinese
 * list, the JSON of one enterprise, a workbook out that imports back unchanged, and a refused
 * file (bad credit code, unknown county, unknown industry) that stores nothing and exits with 3.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { creditCode } from './sources-registry-support.ts';

const CODE = creditCode('130403', 'MA0A00001');

describe('lantian enterprise', () => {
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantian-enterprise-'));
    env = { LANTIAN_DB: join(dir, 't.db'), DATABASE_URL: '' };
    for (const args of [
      ['region', 'add', '--adcode', '130400', '--name', '邯郸市', '--level', 'city'],
      [
        'region',
        'add',
        '--adcode',
        '130403',
        '--name',
        '丛台区',
        '--level',
        'county',
        '--parent',
        '130400',
      ],
    ])
      expect((await cli(...args)).code).toBe(0);
    writeFileSync(
      join(dir, 'e.csv'),
      `统一社会信用代码,企业名称,县区代码,行业,管控类别,绩效等级,分级依据版本\n${CODE},甲焦化有限公司,130403,焦化,超低排放重点企业,B,2020\n`,
    );
    writeFileSync(
      join(dir, 'o.csv'),
      `统一社会信用代码,排放口编码,监测因子,基准氧含量(%),限值(mg/m³),限值依据\n${CODE},DA001,a34013;a21026,8,a21026=30,地方标准\n`,
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports, lists, shows and exports in Chinese and JSON', async () => {
    const imp = await cli('enterprise', 'import', join(dir, 'e.csv'), join(dir, 'o.csv'));
    expect(imp.stderr).toBe('');
    expect(imp.stdout).toContain('企业新增 1 家');
    expect(imp.stdout).toContain('排放口新增 1 个');
    const list = await cli('enterprise', 'list', '--county', '130403');
    expect(list.stdout).toContain(
      `${CODE}  甲焦化有限公司  丛台区  焦化  B级（2020版）  超低排放重点企业`,
    );
    expect(list.stdout).toContain('共 1 家企业');
    const none = await cli('enterprise', 'list', '--industry', 'cement', '--json');
    expect(JSON.parse(none.stdout)).toEqual([]);
    const show = await cli('enterprise', 'show', CODE, '--json');
    expect(JSON.parse(show.stdout)).toMatchObject({
      creditCode: CODE,
      outlets: [{ code: 'DA001', refO2: 8, limits: [{ pollutant: 'a21026', limit: 30 }] }],
    });
    const xlsx = join(dir, '名录.xlsx');
    expect((await cli('enterprise', 'export', xlsx)).stdout).toContain('企业 1 家，排放口 1 个');
    const again = await cli('enterprise', 'import', xlsx);
    expect(again.stdout).toContain('企业新增 0 家、更新 1 家');
    // The same registry back (limits are rewritten by an import: only their time changes).
    const outlets = (json: string) =>
      JSON.parse(json).outlets.map((o: { limits: Array<{ updatedAt?: number }> }) => ({
        ...o,
        limits: o.limits.map(({ updatedAt: _, ...l }) => l),
      }));
    expect(outlets((await cli('enterprise', 'show', CODE, '--json')).stdout)).toEqual(
      outlets(show.stdout),
    );
  }, 120_000);

  it('refuses a bad file whole with rows and codes, exit 3', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      `统一社会信用代码,企业名称,县区代码,行业\n${creditCode('130403', '7')},乙公司,130403,玻璃\n${CODE.slice(0, 17)}X,坏,130499,造纸\n`,
    );
    const r = await cli('enterprise', 'import', join(dir, 'bad.csv'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('LT_ERR_IMPORT_REJECTED');
    expect(r.stderr).toMatch(/bad\.csv:3 \[统一社会信用代码\] LT_ERR_BAD_CREDIT_CODE/);
    expect(r.stderr).toMatch(/bad\.csv:3 \[县区代码\] LT_ERR_REGION_NOT_FOUND/);
    expect(r.stderr).toMatch(/bad\.csv:3 \[行业\] LT_ERR_INDUSTRY_UNKNOWN/);
    const list = await cli('enterprise', 'list', '--json');
    expect(JSON.parse(list.stdout).map((e: { creditCode: string }) => e.creditCode)).toEqual([
      CODE,
    ]);
  }, 120_000);
});
