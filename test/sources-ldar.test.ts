/**
 * LDAR survey rounds over the API on every dialect under test: an enterprise enters its own
 * rounds, its county reads them, the city list sums them with repair rates; the table goes out as
 * .xlsx and CSV and comes back in, all or nothing with row numbers (real files; .xlsx parsed in
 * the tasks' child process).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { systemClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { COKE, seedSources, signedInApp, STEEL } from './sources-power-support.ts';

const one = (code: string) => `/api/sources/enterprises/${code}/ldar`;
const round1 = {
  year: 2020,
  round: 1,
  periodFrom: '2020-03-01',
  periodTo: '2020-03-20',
  components: 12000,
  leaks: 20,
  repairedOnTime: 15,
  repairedLate: 3,
  unrepaired: 2,
  notes: '首轮',
};

describe.each(dialectsUnderTest())('LDAR on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let dir: string;
  let s: Awaited<ReturnType<typeof signedInApp>>;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, systemClock.now());
    s = await signedInApp(t.db, systemClock);
    app = s.app;
    dir = mkdtempSync(join(tmpdir(), 'lantian-ldar-'));
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an enterprise enters its own rounds; checks with stable codes; audited', async () => {
    expect((await s.call('steel', 'POST', one(STEEL), round1)).status).toBe(201);
    expect((await s.call('coke', 'POST', one(STEEL), round1)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await s.call('wuan', 'POST', one(STEEL), round1)).status).toBe(403);
    expect((await s.call('steel', 'POST', one(STEEL), round1)).body.code).toBe(
      'LT_ERR_LDAR_ROUND_EXISTS',
    );
    const bad = async (over: object) =>
      (await s.call('steel', 'POST', one(STEEL), { ...round1, round: 2, ...over })).body;
    expect((await bad({ unrepaired: 3 })).detail).toEqual({ field: 'unrepaired' });
    expect((await bad({ leaks: 20_000, repairedOnTime: 19_995 })).code).toBe(
      'LT_ERR_BAD_LDAR_ROUND',
    );
    expect((await bad({ periodTo: '2020-02-30' })).detail).toEqual({ field: 'periodTo' });
    expect((await bad({ periodFrom: '2019-12-01' })).detail).toEqual({ field: 'periodFrom' });
    const r2 = {
      ...round1,
      round: 2,
      periodFrom: '2020-09-01',
      periodTo: '2020-09-15',
      leaks: 10,
      repairedOnTime: 10,
      repairedLate: 0,
      unrepaired: 0,
      notes: null,
    };
    expect((await s.call('city', 'POST', one(STEEL), r2)).status).toBe(201);
    const changed = await s.call('steel', 'PATCH', `${one(STEEL)}/2020/2`, { notes: '复测' });
    expect(changed.body).toMatchObject({ round: 2, notes: '复测', repairRate: 1, onTimeRate: 1 });
    const audit = (await listAudit(t.db, {})).map((a) => `${a.actor}:${a.action}:${a.target}`);
    expect(audit).toContain(`steel:ldar.round.create:ldar:${STEEL}/2020-1`);
    expect(audit).toContain(`steel:ldar.round.update:ldar:${STEEL}/2020-2`);
  });

  it('reads an enterprise within scope, with its summary and repair rates', async () => {
    const r = await s.call('wuan', 'GET', one(STEEL));
    expect(r.status).toBe(200);
    expect(r.body.rounds.map((x: { round: number }) => x.round)).toEqual([1, 2]);
    expect(r.body.rounds[0]).toMatchObject({ repairRate: 0.9, onTimeRate: 0.75 });
    // 30 leaks: 25 on time, 3 late, 2 not repaired
    expect(r.body.summary).toEqual({
      rounds: 2,
      components: 24000,
      leaks: 30,
      repairedOnTime: 25,
      repairedLate: 3,
      unrepaired: 2,
      repairRate: 28 / 30,
      onTimeRate: 25 / 30,
    });
    expect((await s.call('chengan', 'GET', one(STEEL))).body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    expect((await s.call('coke', 'GET', one(STEEL))).body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    expect((await s.call('visitor', 'GET', one(STEEL))).status).toBe(403);
  });

  it('lists the LDAR enterprises each account may see, with those yet to report', async () => {
    const codes = async (who: string) =>
      (await s.call(who, 'GET', '/api/sources/ldar?year=2020')).body.map(
        (e: { code: string; summary: { rounds: number } }) => `${e.code}:${e.summary.rounds}`,
      );
    expect(await codes('city')).toEqual([`${COKE}:0`, `${STEEL}:2`]);
    expect(await codes('bureau')).toEqual([`${COKE}:0`, `${STEEL}:2`]);
    expect(await codes('wuan')).toEqual([`${STEEL}:2`]);
    expect(await codes('coke')).toEqual([`${COKE}:0`]);
    expect(await codes('industry')).toEqual([]);
  });

  it('exports .xlsx and CSV, and a re-import of the export changes nothing', async () => {
    const x = await s.app.inject({
      method: 'GET',
      url: '/api/sources/ldar/export?year=2020',
      headers: { cookie: '' },
    });
    expect(x.statusCode).toBe(401);
    const get = (who: string, url: string) =>
      s.app.inject({ method: 'GET', url, headers: s.headers(who) });
    const xlsx = await get('city', '/api/sources/ldar/export?year=2020');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      STEEL,
      '武安某钢铁有限公司',
      2020,
      1,
      '2020-03-01',
      '2020-03-20',
      12000,
      20,
      15,
      3,
      2,
      '首轮',
    ]);
    const file = join(dir, 'ldar.xlsx');
    writeFileSync(file, xlsx.rawPayload);
    const back = await s.upload(
      'city',
      '/api/sources/ldar/import',
      'ldar.xlsx',
      readFileSync(file),
    );
    expect(back.body).toEqual({ rows: 2, created: 0, updated: 2 });
    const csv = await get('wuan', '/api/sources/ldar/export?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')).toHaveLength(4); // header, two rounds, final empty line
    const again = await s.upload('steel', '/api/sources/ldar/import', 'ldar.csv', csv.body);
    expect(again.body).toEqual({ rows: 2, created: 0, updated: 2 });
  });

  it('imports all or nothing, listing bad rows with their numbers and codes', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('LDAR');
    ws.addRow(['2020 年 LDAR 汇总表']);
    ws.addRow([
      '统一社会信用代码',
      '企业名称',
      '年度',
      '轮次',
      '开始日期',
      '结束日期',
      '检测密封点数',
      '泄漏点数',
      '按期修复数',
      '延期修复数',
      '未修复数',
      '备注',
    ]);
    ws.addRow([
      COKE,
      '焦化',
      2020,
      1,
      new Date(Date.UTC(2020, 3, 1)),
      '2020/4/9',
      8000,
      12,
      12,
      0,
      0,
    ]); // row 3
    ws.addRow([STEEL, '钢铁', 2020, 3, '2020-11-01', '2020-11-05', 12000, 5, 4, 0, 0]); // row 4: 4 ≠ 5
    ws.addRow(['91130400MA0A0NONE9', '无', 2020, 1, '2020-04-01', '2020-04-02', 1, 0, 0, 0, 0]); // row 5
    ws.addRow([COKE, '焦化', 2020, 1, '2020-04-01', '2020-04-09', 8000, 12, 12, 0, 0]); // row 6: repeat
    ws.addRow([COKE, '焦化', 'two', 2, '2020-05-01', '2020-05-09', 8000, 0, 0, 0, 0]); // row 7
    const file = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(file);
    const before = await s.call('city', 'GET', '/api/sources/ldar?year=2020');
    const r = await s.upload('bureau', '/api/sources/ldar/import', 'bad.xlsx', readFileSync(file));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    expect(r.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual(
      [
        [4, 'LT_ERR_BAD_LDAR_ROUND'],
        [5, 'LT_ERR_ENTERPRISE_NOT_FOUND'],
        [6, 'LT_ERR_BAD_LDAR_ROUND'],
        [7, 'LT_ERR_BAD_LDAR_ROUND'],
      ],
    );
    expect((await s.call('city', 'GET', '/api/sources/ldar?year=2020')).body).toEqual(before.body);
    // the steel works may not import the coking plant's rows
    const mine = await s.upload(
      'steel',
      '/api/sources/ldar/import',
      'coke.csv',
      `统一社会信用代码,年度,轮次,开始日期,结束日期,检测密封点数,泄漏点数,按期修复数,延期修复数,未修复数\n${COKE},2020,1,2020-04-01,2020-04-09,8000,12,12,0,0\n`,
    );
    expect(mine.body.detail.issues).toEqual([
      expect.objectContaining({ row: 2, code: 'LT_ERR_OUT_OF_SCOPE' }),
    ]);
    expect(
      (await s.upload('bureau', '/api/sources/ldar/import', 'x.csv', '年度,轮次\n2020,1\n')).body
        .code,
    ).toBe('LT_ERR_CSV_HEADER');
    // the good rows alone go in, dates from cells and 2020/4/9 text alike
    for (let i = 7; i >= 4; i--) ws.getRow(i).values = [];
    await wb.xlsx.writeFile(file);
    const ok = await s.upload('bureau', '/api/sources/ldar/import', 'ok.xlsx', readFileSync(file));
    expect(ok.body, JSON.stringify(ok.body)).toEqual({ rows: 1, created: 1, updated: 0 });
    const coke = await s.call('coke', 'GET', one(COKE));
    expect(coke.body.rounds[0]).toMatchObject({ periodFrom: '2020-04-01', periodTo: '2020-04-09' });
  });

  it('removes a round (the enterprise itself), audited', async () => {
    expect(await s.remove('wuan', `${one(STEEL)}/2020/2`)).toBe(403);
    expect(await s.remove('steel', `${one(STEEL)}/2020/2`)).toBe(204);
    expect(await s.remove('steel', `${one(STEEL)}/2020/2`)).toBe(404);
    expect((await listAudit(t.db, {})).some((a) => a.action === 'ldar.round.delete')).toBe(true);
  });
});
