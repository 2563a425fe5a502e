/**
 * `lantian warning forecast` as an operator runs it (a child process over the same store): a CSV
 * imported as one version per region, a refused file exits 3 with rows and codes and stores
 * nothing, the version list and one version with its recommended level, as text and JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const HEADER = '地区代码,发布日期,预报日期,AQI,首要污染物,24小时滑动AQI';

describe.each(dialectsUnderTest())('warning forecast CLI on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await upsertRegions(
      t.db,
      [
        { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
        { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      ],
      0,
    );
    dir = mkdtempSync(join(tmpdir(), 'lantian-forecast-cli-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports, lists and shows forecasts; a bad file is refused whole', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      [
        HEADER,
        '130400,2020-11-30,2020-12-01,95,PM2.5,',
        '130400,2020-11-30,2020-12-02,140,PM2.5,',
        '130400,2020-11-30,2020-12-03,215,PM2.5,',
        '130400,2020-11-30,2020-12-04,290,PM2.5,305',
        '130400,2020-11-30,2020-12-05,120,PM2.5,',
        '130481,2020-11-30,2020-12-01,100,PM10,',
        '130481,2020-11-30,2020-12-02,110,PM10,',
        '130481,2020-11-30,2020-12-03,120,PM10,',
      ].join('\n'),
    );
    const imported = await runCli(['warning', 'forecast', 'import', good], t.env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('已导入 130400 第 1 版');
    expect(imported.stdout).toContain('已导入 130481 第 1 版');

    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        HEADER,
        '130400,2020-12-01,2020-12-02,100,PM2.5,',
        '130400,2020-12-01,2020-12-04,100,PM2.5,',
        '130400,2020-12-01,2020-12-05,100,PM2.5,',
      ].join('\n'),
    );
    const refused = await runCli(['warning', 'forecast', 'import', bad], t.env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('LT_ERR_IMPORT_REJECTED');

    const list = await runCli(['warning', 'forecast', 'list', '--json'], t.env);
    expect(list.code, list.stderr).toBe(0);
    const versions = JSON.parse(list.stdout) as Array<{
      id: number;
      region: string;
      level: string;
      edition: string;
    }>;
    expect(versions).toHaveLength(2);
    const handan = versions.find((v) => v.region === '130400')!;
    // 2020 is before 2024-01-23: graded under 648号, two days > 200 → yellow
    expect(handan).toMatchObject({ level: 'yellow', edition: '2019', origin: 'import' });
    const text = await runCli(['warning', 'forecast', 'list', '--region', '130400'], t.env);
    expect(text.stdout).toContain('邯郸市（130400）第 1 版');
    expect(text.stdout).toContain('共 1 版');

    const show = await runCli(['warning', 'forecast', 'show', String(handan.id)], t.env);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('2020-12-04  AQI 290  首要污染物 PM2.5  24小时滑动 305');
    expect(show.stdout).toContain('建议：黄色预警');
    const json = await runCli(['warning', 'forecast', 'show', String(handan.id), '--json'], t.env);
    expect(JSON.parse(json.stdout).grade).toMatchObject({ edition: '2019', level: 'yellow' });
    const missing = await runCli(['warning', 'forecast', 'show', '9999'], t.env);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('LT_ERR_FORECAST_NOT_FOUND');
  });
});
