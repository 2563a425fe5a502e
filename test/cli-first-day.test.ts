/**
 * What a new user met on the command line on the first day (issue 16), run as that user runs it
 * (bin/lantian as a child process): Chinese help everywhere, date options that say what is wrong,
 * a closed pipe that ends a command quietly, imports that exit with the catalogue's code when a
 * file was refused, Chinese pollutant names, 优良率 without a value, and department accounts
 * that must name a real department.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/cli/chinese-help.ts';
import { buildProgram } from '../src/cli/main.ts';
import { EXIT } from '../src/errors.ts';
import { LANTIAN, runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const ENGLISH_HELP =
  /Usage:|Options:|Commands:|Arguments:|\(default|default:|choices:|\[options\]|\[command\]/;

/** Every command of a program, depth first. */
function allCommands(c: Command): Command[] {
  return [c, ...c.commands.flatMap(allCommands)];
}

describe('help', () => {
  it('is Chinese for every command and sub-command', async () => {
    const program = await buildProgram([], 'all');
    const commands = allCommands(program);
    expect(commands.length).toBeGreaterThan(60);
    for (const c of commands) {
      const help = c.helpInformation();
      expect({ command: c.name(), english: help.match(ENGLISH_HELP)?.[0] }).toEqual({
        command: c.name(),
        english: undefined,
      });
      expect(help).toMatch(/^用法：lantian/);
    }
  });

  it('prints Chinese headings and aligns the descriptions of Chinese terms', async () => {
    const r = await runCli(['simulate', '--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法：lantian simulate [选项]');
    expect(r.stdout).toContain('选项：');
    expect(r.stdout).toContain('（默认：10）');
    expect(r.stdout).not.toMatch(ENGLISH_HELP);
    // Each description starts in the same terminal column, whatever the width of its term.
    const columns = r.stdout
      .split('\n')
      .filter((l) => /^ {2}-/.test(l))
      .map(
        (l) =>
          displayWidth(l.slice(0, /\S {2,}(?=\S)/.exec(l)!.index + 1).trimEnd()) +
          /\S( {2,})\S/.exec(l)![1]!.length,
      );
    expect(new Set(columns).size).toBe(1);
    const top = await runCli(['--help'], {});
    expect(top.stdout).toContain('命令：');
    expect(top.stdout).not.toMatch(ENGLISH_HELP);
  });

  it('suggests the command or option that was meant, in Chinese', async () => {
    const r = await runCli(['regoin', 'list'], {});
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('未知命令 regoin（是否要输入 region？）');
    expect(r.stderr).not.toContain('Did you mean');
  });

  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('--interval <秒>')).toBe(15);
    expect(displayWidth('蓝天 Lantian')).toBe(12);
  });
});

describe('date options', () => {
  const env = { LANTIAN_DB: join(tmpdir(), 'lt-never-opened.db'), DATABASE_URL: '' };
  it.each([
    [['--year', 'abc'], 'LT_ERR_BAD_REQUEST', '--year 应为 4 位年份'],
    [['--from', '2016-01-01'], 'LT_ERR_USAGE', '缺少 --to'],
    [['--to', '2016-01-01'], 'LT_ERR_USAGE', '缺少 --from'],
    [
      ['--year', '2016', '--from', '2016-02-01'],
      'LT_ERR_USAGE',
      '--year 不能与 --from、--to 同时使用',
    ],
    [
      ['--year', '2016', '--to', '2016-06-30'],
      'LT_ERR_USAGE',
      '--year 不能与 --from、--to 同时使用',
    ],
  ])('assess %j → %s', async (args, code, text) => {
    for (const cmd of [
      ['assess', '--region', '110000'],
      ['aqi', 'daily', '--region', '110000'],
    ]) {
      const r = await runCli([...cmd, ...args], env);
      expect(r.code).toBe(EXIT.usage);
      expect(r.stderr).toContain(code);
      expect(r.stderr).toContain(text);
      expect(r.stderr).not.toContain('YYYY-MM-DD');
      expect(r.stderr).not.toContain('起始日期晚于结束日期');
    }
  });
});

/** Runs a command whose reader goes away at once; resolves with its exit code and stderr. */
function runIntoClosedPipe(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(LANTIAN, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // like `| head -0`: the reader is gone before the first line
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe.each(dialectsUnderTest())('a first day on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-first-day-'));
    for (const args of [
      ['region', 'add', '--adcode', '130400', '--name', '邯郸市', '--level', 'city'],
      ['station', 'add', '--code', '1047A', '--name', '环保局', '--region', '130400'],
      ['tasks', 'load', 'handan-2020'],
    ]) {
      const r = await runCli(args, t.env);
      expect(r.stderr).toBe('');
    }
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it.each([[['--help']], [['region', 'list']], [['station', 'list']], [['tasks', 'list']]])(
    '%j | head -0 ends quietly with exit code 0',
    async (args) => {
      const r = await runIntoClosedPipe(args, t.env);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    },
  );

  it('imports the pollutant names people write and refuses unknown ones', async () => {
    const good = join(dir, 'chinese.csv');
    writeFileSync(
      good,
      [
        'station,time,pollutant,value',
        '1047A,2021-01-01 00:00,细颗粒物,50',
        '1047A,2021-01-01 01:00,PM₂.₅,52',
        '1047A,2021-01-01 00:00,可吸入颗粒物,80',
        '1047A,2021-01-01 00:00,二氧化硫,10',
        '1047A,2021-01-01 00:00,二氧化氮,30',
        '1047A,2021-01-01 00:00,一氧化碳,0.8',
        '1047A,2021-01-01 00:00,臭氧,40',
        '',
      ].join('\n'),
    );
    const r = await runCli(['import', 'csv', good, '--json', '-q'], t.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ readings: 7, written: 7 });
    const bad = join(dir, 'unknown.csv');
    writeFileSync(bad, 'station,time,pollutant,value\n1047A,2021-01-02 00:00,颗粒物,50\n');
    const refused = await runCli(['import', 'csv', bad, '-q'], t.env);
    expect(refused.code).toBe(EXIT.input);
    expect(refused.stderr).toContain('LT_ERR_IMPORT_REJECTED');
  });

  it('prints 优良率 — (not —%) when no day is valid', async () => {
    // Five stray hours of one station: no valid day, so no good-day rate.
    const r = await runCli(
      ['assess', '--region', '130400', '--from', '2021-01-01', '--to', '2021-01-06'],
      t.env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('有效天数 0/6');
    expect(r.stdout).toContain('优良率 —，');
    expect(r.stdout).not.toContain('—%');
  });

  it('exits with the catalogue code when an import leaves a file out', async () => {
    const prsa = join(dir, 'prsa');
    mkdirSync(prsa);
    const text = gunzipSync(
      readFileSync('test/fixtures/prsa-2016/PRSA_Data_Aotizhongxin_20160101-20161231.csv.gz'),
    ).toString('utf8');
    const lines = text.split('\n');
    // A download cut off in the middle of its 50th line.
    writeFileSync(
      join(prsa, 'PRSA_Data_Aotizhongxin_20160101-20161231.csv'),
      lines.slice(0, 49).join('\n') + '\n' + lines[49]!.slice(0, 20),
    );
    const truncated = await runCli(['import', 'prsa', prsa, '-q'], t.env);
    expect(truncated.code).toBe(EXIT.input);
    expect(truncated.stderr).toContain('LT_ERR_CSV_TRUNCATED');
    expect(truncated.stdout).not.toContain('导入完成');
    expect(truncated.stdout).toContain('新增或更新 ');

    // A station that is not one of the data set's twelve: that file is refused whole.
    writeFileSync(
      join(prsa, 'PRSA_Data_Aotizhongxin_20160101-20161231.csv'),
      lines.slice(0, 30).join('\n') + '\n',
    );
    writeFileSync(
      join(prsa, 'PRSA_Data_Atlantis_20160101-20161231.csv'),
      lines.slice(0, 30).join('\n').replaceAll('Aotizhongxin', 'Atlantis') + '\n',
    );
    const unknown = await runCli(['import', 'prsa', prsa, '--json', '-q'], t.env);
    expect(unknown.code).toBe(EXIT.notFound);
    expect(unknown.stderr).toContain('LT_ERR_STATION_NOT_FOUND');
    expect(unknown.stderr).toContain('PRSA_Data_Atlantis_20160101-20161231.csv');
    expect(JSON.parse(unknown.stdout).issues).toMatchObject({ LT_ERR_UNKNOWN_STATION: 1 });

    // Both files fine: exit 0.
    rmSync(join(prsa, 'PRSA_Data_Atlantis_20160101-20161231.csv'));
    const fine = await runCli(['import', 'prsa', prsa, '-q'], t.env);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('导入完成');

    // A CSV of which --skip-bad-rows could import nothing, and one cut off: not a success.
    const nothing = join(dir, 'nothing.csv');
    writeFileSync(nothing, 'station,time,pollutant,value\nZZ99,2021-01-01 00:00,PM2.5,1\n');
    const n = await runCli(['import', 'csv', nothing, '--skip-bad-rows', '-q'], t.env);
    expect(n.code).toBe(EXIT.input);
    expect(n.stderr).toContain('LT_ERR_IMPORT_REJECTED');
    const cut = join(dir, 'cut.csv');
    writeFileSync(
      cut,
      'station,time,pollutant,value\n1047A,2021-01-03 00:00,PM2.5,1\n1047A,2021-01-03 01',
    );
    const c = await runCli(['import', 'csv', cut, '--skip-bad-rows', '-q'], t.env);
    expect(c.code).toBe(EXIT.input);
    expect(c.stderr).toContain('LT_ERR_CSV_TRUNCATED');
  }, 120_000);

  it('refuses a department account with a department that does not exist', async () => {
    const create = (username: string, department: string) =>
      runCli(
        [
          'user',
          'create',
          '--username',
          username,
          '--role',
          'department',
          '--department',
          department,
          '--password-stdin',
        ],
        t.env,
        'Lantian-first-day-1\n',
      );
    const bad = await create('typo', '不存在的局');
    expect(bad.code).toBe(EXIT.notFound);
    expect(bad.stderr).toContain('LT_ERR_DEPARTMENT_NOT_FOUND');
    expect(bad.stderr).toContain('不存在的局');
    const list = await runCli(['user', 'list', '--json'], t.env);
    expect(list.stdout).not.toContain('typo');
    for (const [name, department] of [
      ['eco', '市生态环境局'],
      ['eco2', '邯郸市生态环境局'],
      ['eco3', '生态环境局'],
      ['police', '市公安局交巡警支队'],
    ]) {
      const ok = await create(name!, department!);
      expect({ department, code: ok.code, stderr: ok.stderr }).toEqual({
        department,
        code: 0,
        stderr: '',
      });
    }
  }, 60_000);
});
