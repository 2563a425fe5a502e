/**
 * `lantian tasks …` as a user runs it: load, list by status and department, report as a county
 * account (--as) with an attachment, review, the dispatch sheet out and back in, a draft warning,
 * the daily run and the league table; refusals exit with the catalogue's exit codes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe.each(dialectsUnderTest())('lantian tasks on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) => runCli(['tasks', ...args], env, input);
  /** `tasks report` as the county account congtai: one value for a measure and unit. */
  const reportAsCongtai = (measure: string, unit: string, value: string, more: string[] = []) =>
    cli([
      'report',
      '--as',
      'congtai',
      '--measure',
      measure,
      '--unit',
      unit,
      '--value',
      value,
      ...more,
    ]);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-tasks-cli-'));
    env = { ...t.env, LANTIAN_BLOB_DIR: join(dir, 'blobs') };
    writeFileSync(join(dir, '照片.png'), PNG);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('loads the plan and lists overdue rows of a department', async () => {
    const load = await cli(['load', 'handan-2020']);
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout).toContain('任务 46 项（子任务 23 项，调度到 59 项）');
    const list = await cli([
      'list',
      '--status',
      'overdue',
      '--dept',
      '市生态环境局',
      '--date',
      '2020-07-01',
      '--json',
    ]);
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout).rows as Array<{ status: string; departments: string[] }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((r) => r.status === 'overdue' && r.departments.includes('市生态环境局')),
    ).toBe(true);
    const text = await cli([
      'list',
      '--measure',
      '三.(五).2',
      '--unit',
      '丛台区',
      '--date',
      '2020-07-01',
    ]);
    expect(text.stdout).toContain('三.(五).2\t丛台区\t逾期');
  }, 240_000);

  it('reports as a county account with an attachment, and refuses out-of-scope reports', async () => {
    const mk = await runCli(
      [
        'user',
        'create',
        '--username',
        'congtai',
        '--role',
        'county',
        '--region',
        '130403',
        '--password-stdin',
      ],
      env,
      'Lantian-test-2020\n',
    );
    expect(mk.code, mk.stderr).toBe(0);
    const ok = await reportAsCongtai('三.(五).1', '130403', 't1=5', [
      '--narrative',
      '完成5台',
      '--attach',
      join(dir, '照片.png'),
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      number: '三.(五).1',
      unit: '130403',
      version: 1,
    });
    const other = await reportAsCongtai('三.(五).1', '130402', 't1=1');
    expect(other.code).toBe(EXIT.auth);
    expect(other.stderr).toContain('LT_ERR_OUT_OF_SCOPE');
    const none = await reportAsCongtai('三.(九).1', '130403', '1');
    expect(none.code).toBe(EXIT.notFound);
    expect(none.stderr).toContain('LT_ERR_TASK_NOT_FOUND');
    const cap = await reportAsCongtai('三.(五).1', '130403', 't1=999');
    expect(cap.code).toBe(EXIT.input);
    expect(cap.stderr).toContain('LT_ERR_VALUE_OUT_OF_SCOPE');
    const review = await cli(['review', String(JSON.parse(ok.stdout).id), '--accept']);
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout).toContain('采纳');
    const county = await cli([
      'review',
      String(JSON.parse(ok.stdout).id),
      '--accept',
      '--as',
      'congtai',
    ]);
    expect(county.code).toBe(EXIT.auth);
  }, 240_000);

  it('writes the dispatch sheet and imports it back, refusing bad rows by number', async () => {
    const file = join(dir, '调度表.xlsx');
    const out = await cli(['sheet', '--out', file, '--as', 'congtai']); // today: the report is known
    expect(out.code, out.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const back = await cli(['import', file, '--as', 'congtai', '--json']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ reports: [], unchanged: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('调度表')!;
    const head = ws.getRow(2).values as string[];
    const r = ws.addRow([]);
    r.getCell(head.indexOf('任务编号')).value = '三.(九).1';
    r.getCell(head.indexOf('单位代码')).value = '130403';
    r.getCell(head.indexOf('进展情况')).value = '无此任务';
    const bad = join(dir, '有错.xlsx');
    await wb.xlsx.writeFile(bad);
    const refused = await cli(['import', bad, '--as', 'congtai']);
    expect(refused.code).toBe(EXIT.input);
    expect(refused.stderr).toContain('LT_ERR_IMPORT_REJECTED');
    expect(refused.stderr).toContain(`有错.xlsx:${r.number} [任务编号] LT_ERR_TASK_NOT_FOUND`);
  }, 240_000);

  it('drafts a warning, runs the daily dispatch and prints the league table', async () => {
    const notice = await cli(['notice', '--unit', '丛台区', '--date', '2020-07-01']);
    expect(notice.code, notice.stderr).toBe(0);
    expect(notice.stdout).toContain('关于丛台区重点任务进展滞后的预警通知函');
    const run = await cli(['refresh', '--date', '2020-07-01']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2020-07-01：1074 行/);
    const league = await cli(['league', '--date', '2020-10-01']);
    expect(league.code, league.stderr).toBe(0);
    expect(league.stdout).toContain('县（市、区）按期完成率');
    expect(league.stdout).toContain('市生态环境局');
  }, 240_000);
});
