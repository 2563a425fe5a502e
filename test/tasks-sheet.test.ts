/**
 * The dispatch sheet (调度表) out and back in, with real .xlsx files on disk: the export's layout,
 * an unchanged sheet importing to nothing, a county's edits becoming new report versions, and a
 * sheet with bad rows refused whole, its rows listed by number.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/auth/principal.ts';
import type { Clock } from '../src/clock.ts';
import { setAllocation } from '../src/tasks/allocation-service.ts';
import { SHEET_COLUMNS } from '../src/tasks/rules/dispatch-sheet.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { submitReport } from '../src/tasks/report-service.ts';
import { dispatchSheetXlsx } from '../src/tasks/sheet-export.ts';
import { importDispatchSheet } from '../src/tasks/sheet-import-service.ts';
import { evaluateRows } from '../src/tasks/status-service.ts';
import { DEFAULT_TASKS_CONFIG } from '../src/tasks/task-config.ts';
import {
  loadTaskContext,
  operatorActor,
  type TaskActor,
  type TaskContext,
} from '../src/tasks/task-context.ts';
import { localToEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const cfg = DEFAULT_TASKS_CONFIG;
const at = (d: string): number =>
  localToEpoch('Asia/Shanghai', +d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10), 10);
const congtai: TaskActor = {
  principal: {
    userId: 2,
    username: 'congtai',
    displayName: '丛台区',
    role: 'county',
    regionAdcode: '130403',
    via: 'session',
    mustChangePassword: false,
  } as Principal,
  ctx: { actor: 'congtai', ip: null },
};
const col = (header: string): number => SHEET_COLUMNS.findIndex((c) => c.header === header) + 1;

async function readBook(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.getWorksheet('调度表')!;
}
/** The Excel row of a measure and unit. */
function rowOfUnit(ws: ExcelJS.Worksheet, number: string, unit: string): number {
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (
      row.getCell(col('任务编号')).value === number &&
      row.getCell(col('单位代码')).value === unit
    )
      return r;
  }
  throw new Error(`row ${number} ${unit} not found`);
}
/** Excel row numbers of the data rows matching a measure (and a metric prefix). */
function rowOf(ws: ExcelJS.Worksheet, number: string, metric = ''): number {
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (
      row.getCell(col('任务编号')).value === number &&
      String(row.getCell(col('指标')).value ?? '').startsWith(metric)
    )
      return r;
  }
  throw new Error(`row ${number} not found`);
}

describe.each(dialectsUnderTest())('dispatch sheet on %s', (dialect) => {
  let t: TestStore;
  let c: TaskContext;
  let dir: string;
  let now = at('2020-05-01');
  const clock: Clock = { now: () => now };
  const office = operatorActor({ actor: 'office', ip: null });
  const reportCount = async () =>
    (await t.db.kysely.selectFrom('task_reports').selectAll().execute()).length;
  const exportFor = async (who: TaskActor, date: string, file: string) => {
    const rows = await evaluateRows(t.db, cfg, c, date, {}, who);
    writeFileSync(join(dir, file), await dispatchSheetXlsx(c.plan, rows, date, cfg.timeZone));
    return rows;
  };
  const importAs = (who: TaskActor, file: string) =>
    importDispatchSheet(t.db, clock, cfg, c, who, readFileSync(join(dir, file)), file);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-sheet-'));
    await loadTasks(t.db, clock, office.ctx, 'handan-2020');
    c = await loadTaskContext(t.db);
    await setAllocation(t.db, clock, c, office, '三.(五).2', 't1', '丛台区', 20);
    c = await loadTaskContext(t.db);
    await submitReport(t.db, clock, cfg, c, congtai, {
      number: '三.(五).2',
      unit: '130403',
      values: { t1: 8 },
      checklist: [],
      narrative: '已完成8家',
      attachments: [],
      source: 'api',
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('writes one row per measure and unit in the office layout', async () => {
    const rows = await exportFor(congtai, '2020-05-01', '丛台区.xlsx');
    const ws = await readBook(join(dir, '丛台区.xlsx'));
    expect(String(ws.getRow(1).getCell(1).value)).toContain('重点任务调度表（截至 2020-05-01）');
    expect(ws.getRow(2).values).toEqual([undefined, ...SHEET_COLUMNS.map((x) => x.header)]);
    const expected = rows.reduce((n, r) => n + Math.max(1, r.row.reportable.length), 0);
    expect(ws.rowCount - 2).toBe(expected);
    expect(rows.every((r) => r.row.unit === '130403')).toBe(true);
    const kiln = ws.getRow(rowOf(ws, '三.(五).2'));
    expect(kiln.getCell(col('责任单位')).value).toBe('丛台区');
    expect(kiln.getCell(col('牵头部门')).value).toBe('市生态环境局');
    expect(kiln.getCell(col('目标值')).value).toBe(20);
    expect(kiln.getCell(col('累计完成')).value).toBe(8);
    expect(kiln.getCell(col('完成比例')).value).toBeCloseTo(0.4, 10);
    expect(kiln.getCell(col('状态')).value).toBe('正常推进');
    expect(kiln.getCell(col('进展情况')).value).toBe('已完成8家');
    expect(String(kiln.getCell(col('完成时限')).value)).toContain('2020-06-30 完成60%');
    // Three boiler targets: three rows, told apart by 指标.
    expect(rowOf(ws, '三.(五).1', 't3')).toBe(rowOf(ws, '三.(五).1', 't1') + 2);

    // The sheet explains itself, in Chinese, to a reader without Lantian's documentation.
    const help = ws.workbook.getWorksheet('填报说明')!;
    const text = help.getSheetValues().flat().filter(Boolean).map(String).join('\n');
    expect(text).not.toMatch(/docs\/|\.md\b/);
    for (const name of ['未启动', '正常推进', '滞后', '逾期', '已完成'])
      expect(help.getColumn(1).values).toContain(name);
    for (const column of SHEET_COLUMNS.filter((x) => x.input))
      expect(help.getColumn(1).values).toContain(column.header);
    expect(text).toContain('整张表都不导入');
  });

  it('imports an unchanged sheet to nothing, and a county’s edits as new versions', async () => {
    const before = await reportCount();
    expect(await importAs(congtai, '丛台区.xlsx')).toMatchObject({ reports: [], unchanged: 1 });
    expect(await reportCount()).toBe(before);

    const ws = await readBook(join(dir, '丛台区.xlsx'));
    ws.getRow(rowOf(ws, '三.(五).2')).getCell(col('累计完成')).value = 13;
    ws.getRow(rowOf(ws, '三.(五).2')).getCell(col('进展情况')).value = '已完成13家，超过时序进度';
    ws.getRow(rowOf(ws, '三.(一).5')).getCell(col('已完成节点')).value = 'm1';
    ws.getRow(rowOf(ws, '三.(五).1', 't2')).getCell(col('累计完成')).value = '5';
    await ws.workbook.xlsx.writeFile(join(dir, '丛台区-填报.xlsx'));
    now = at('2020-06-10');
    const r = await importAs(congtai, '丛台区-填报.xlsx');
    expect(r.reports.map((x) => [x.number, x.version]).sort()).toEqual([
      ['三.(一).5', 1],
      ['三.(五).1', 1],
      ['三.(五).2', 2],
    ]);
    const rows = await evaluateRows(t.db, cfg, c, '2020-06-10', { unit: '130403' });
    const kiln = rows.find((x) => x.row.measure.number === '三.(五).2')!;
    expect(kiln.evaluation.current?.values).toEqual({ t1: 13 });
    expect(kiln.reports.at(-1)!.source).toBe('excel');
    expect(
      rows.find((x) => x.row.measure.number === '三.(一).5')!.evaluation.current?.checklist,
    ).toEqual(['m1']);
    // The same file again: nothing new.
    expect((await importAs(congtai, '丛台区-填报.xlsx')).reports).toHaveLength(0);

    // Round trip of the whole city's sheet by the office: nothing changes.
    await exportFor(office, '2020-06-10', '全市.xlsx');
    const n = await reportCount();
    expect((await importAs(office, '全市.xlsx')).reports).toHaveLength(0);
    expect(await reportCount()).toBe(n);
  });

  it('refuses a sheet with rows that do not match, listing their row numbers, importing nothing', async () => {
    const ws = await readBook(join(dir, '全市.xlsx'));
    const good = rowOf(ws, '三.(五).2');
    ws.getRow(good).getCell(col('累计完成')).value = 14; // a valid change that must not be kept
    const add = (cells: Record<string, string | number>) => {
      const r = ws.addRow([]);
      for (const [h, v] of Object.entries(cells)) r.getCell(col(h)).value = v;
      return r.number;
    };
    const unknown = add({ 任务编号: '三.(九).9', 单位代码: '130403', 指标: 't1', 累计完成: 1 });
    const notResponsible = add({ 任务编号: '三.(四).5.1', 单位代码: '130426', 进展情况: '已完成' });
    const badUnit = add({ 任务编号: '三.(五).2', 单位代码: '999999', 指标: 't1', 累计完成: 1 });
    const notNumber = add({
      任务编号: '三.(五).3',
      单位代码: '130403',
      指标: 't1 涉粉状物料企业',
      累计完成: '十二',
    });
    const tooMany = add({ 任务编号: '三.(五).3', 单位代码: '130402', 指标: 't1', 累计完成: 959 });
    await ws.workbook.xlsx.writeFile(join(dir, '有错.xlsx'));
    const before = await reportCount();
    const e = (await importAs(office, '有错.xlsx').catch((x: unknown) => x)) as {
      code: string;
      extra: { issues: Array<{ row: number; code: string; column: string }> };
    };
    expect(e.code).toBe('LT_ERR_IMPORT_REJECTED');
    const byRow = new Map(e.extra.issues.map((i) => [i.row, i.code]));
    expect(byRow.get(unknown)).toBe('LT_ERR_TASK_NOT_FOUND');
    expect(byRow.get(notResponsible)).toBe('LT_ERR_UNIT_NOT_RESPONSIBLE');
    expect(byRow.get(badUnit)).toBe('LT_ERR_UNIT_NOT_RESPONSIBLE');
    expect(byRow.get(notNumber)).toBe('LT_ERR_BAD_REQUEST');
    expect(byRow.get(tooMany)).toBe('LT_ERR_VALUE_OUT_OF_SCOPE');
    expect(byRow.has(good)).toBe(false);
    expect(await reportCount()).toBe(before);

    // Rows of another county are outside a county's scope; values above the scope are refused.
    const ws2 = await readBook(join(dir, '全市.xlsx'));
    const other = rowOfUnit(ws2, '三.(五).2', '130402'); // 邯山区's row
    ws2.getRow(other).getCell(col('进展情况')).value = '代填';
    await ws2.workbook.xlsx.writeFile(join(dir, '越权.xlsx'));
    const e2 = (await importAs(congtai, '越权.xlsx').catch((x: unknown) => x)) as typeof e;
    expect(e2.extra.issues).toEqual([
      expect.objectContaining({ row: other, code: 'LT_ERR_OUT_OF_SCOPE' }),
    ]);
    expect(await reportCount()).toBe(before);
  });

  it('refuses files that are not dispatch sheets', async () => {
    const csv = Buffer.from('任务编号,单位代码\n三.(五).2,130403\n');
    const e1 = (await importDispatchSheet(t.db, clock, cfg, c, office, csv, '调度表.xlsx').catch(
      (x: unknown) => x,
    )) as { code: string };
    expect(e1.code).toBe('LT_ERR_ATTACHMENT_TYPE');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('调度表').addRow(['编号', '单位']);
    const e2 = (await importDispatchSheet(
      t.db,
      clock,
      cfg,
      c,
      office,
      Buffer.from(await wb.xlsx.writeBuffer()),
      'x.xlsx',
    ).catch((x: unknown) => x)) as { code: string };
    expect(e2.code).toBe('LT_ERR_SHEET_HEADER');
  });
});
