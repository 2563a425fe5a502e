/**
 * Files read by the CLI and imports (src/imports/text-file.ts) carrying U+0000 are refused with
 * LT_ERR_NUL_CHARACTER and the line, on every dialect, before anything is written: PostgreSQL
 * cannot store U+0000 and SQLite would keep it silently.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { seedRegions, testPlan } from './plan-fixtures.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

describe.each(dialectsUnderTest())('NUL characters in imported files on %s', (dialect) => {
  let t: TestStore;
  let dir: string;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lantian-nul-'));
    await seedRegions(t.db);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a CSV with U+0000, naming the file and line, and writes nothing', async () => {
    const file = join(dir, 'nul.csv');
    writeFileSync(
      file,
      'station,time,pollutant,value\n1047A,2021-01-01 00:00,PM2.5,50\n10\u000047A,2021-01-01 01:00,PM2.5,52\n',
    );
    const r = await runCli(['import', 'csv', file, '-q'], { ...t.env, LANTIAN_CLI_BUILD: 'off' });
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toContain('LT_ERR_NUL_CHARACTER');
    expect(r.stderr).toContain('空字符');
    expect(r.stderr).toContain('第 3 行');
    for (const table of ['data_sources', 'import_issues'] as const) {
      expect(await t.db.kysely.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  }, 60_000);

  it('refuses a JSON file whose strings carry U+0000 (a \\u0000 escape), and writes nothing', async () => {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(testPlan({ name: `T市${'\u0000'}方案` })));
    const r = await runCli(['plan', 'create', '--file', file], {
      ...t.env,
      LANTIAN_CLI_BUILD: 'off',
    });
    expect(r.stderr).toContain('LT_ERR_NUL_CHARACTER');
    expect(r.stderr).toContain(`${file} name`);
    expect(r.code).toBe(EXIT.input);
    expect(await t.db.kysely.selectFrom('plans').selectAll().execute()).toEqual([]);
  }, 60_000);
});
