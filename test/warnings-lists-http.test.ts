/**
 * Emergency-reduction lists over the API on every dialect under test: the matrix (defaults and an
 * audited edit), overrides (一企一策) with a reason, truck counts, generation of an orange list
 * from the registry with CEMS and permit baselines and expected reductions against the 20 %
 * target, publishing (and superseding), the shortfall refusal at red unless a reason is given,
 * county scope, the Excel export per county, and the VOC 错峰 list.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { seedSources, signedInApp } from './sources-power-support.ts';
import {
  CEM_B,
  CEM_C,
  GLASS_A,
  GLASS_U,
  GUARANTEE,
  NOW,
  POSITIVE,
  seedBaselines,
  seedListEnterprises,
  VOC,
} from './warnings-lists-support.ts';

const BASE = '/api/warnings/lists';

describe.each(dialectsUnderTest())('emergency-reduction lists on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof signedInApp>>;
  const put = async (who: string, url: string, body: object) => {
    const res = await app.inject({ method: 'PUT', url, headers: s.headers(who), payload: body });
    return { status: res.statusCode, body: res.json() };
  };
  const byCode = (items: Array<{ creditCode: string }>) =>
    Object.fromEntries(items.map((i) => [i.creditCode, i])) as Record<string, any>;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, NOW);
    const ids = await seedListEnterprises(t.db);
    await seedBaselines(t.db, ids);
    s = await signedInApp(t.db, { now: () => NOW });
    app = s.app;
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('shows the default matrix: cement and glass filled, with the edition and targets', async () => {
    const r = await s.call('wuan', 'GET', `${BASE}/matrix`);
    expect(r.status).toBe(200);
    expect(r.body.edition).toBe('guide-2020-340');
    expect(r.body.config.reductionTargets).toEqual({ yellow: 10, orange: 20, red: 30 });
    const cell = r.body.cells.find(
      (c: any) => c.industry === 'cement' && c.grade === 'B' && c.level === 'orange',
    );
    expect(cell).toMatchObject({
      origin: 'default',
      measures: [{ kind: 'limit-output', pct: 20 }, { kind: 'truck-ban' }],
    });
    expect(r.body.cells.every((c: any) => ['cement', 'glass'].includes(c.industry))).toBe(true);
    expect((await s.call('steel', 'GET', `${BASE}/matrix`)).status).toBe(403);
  });

  it('edits a cell (audited), refuses bad measures and other writers', async () => {
    const url = `${BASE}/matrix/coatings/C/orange`;
    const ok = await put('bureau', url, { measures: [{ kind: 'limit-output', pct: 30 }] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ origin: 'edited', updatedBy: 'bureau' });
    expect((await put('industry', url, { measures: [] })).body.code).toBe('LT_ERR_FORBIDDEN');
    expect((await put('wuan', url, { measures: [] })).status).toBe(403);
    const bad = await put('city', url, { measures: [{ kind: 'stop', pct: 50 }] });
    expect(bad.body.code).toBe('LT_ERR_BAD_MEASURES');
    expect(bad.body.detail).toMatchObject({ index: 0 });
    expect((await put('city', url, { measures: [{ kind: 'limit-output' }] })).body.code).toBe(
      'LT_ERR_BAD_MEASURES',
    );
    expect((await put('city', `${BASE}/matrix/nosuch/C/orange`, { measures: [] })).body.code).toBe(
      'LT_ERR_BAD_MEASURES',
    );
    expect((await put('city', url, { measures: [{ kind: 'nap' }] })).status).toBe(400);
    const audit = await listAudit(t.db, { action: 'warning.matrix.cell' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'bureau', target: 'matrix:coatings|C|orange' });
  });

  it('sets an override with a reason and a truck count; both audited; a county reads its own', async () => {
    const url = `${BASE}/overrides/${CEM_C}/red`;
    expect(
      (await put('city', url, { measures: [{ kind: 'other', text: '窑尾限产' }] })).status,
    ).toBe(400);
    const o = await put('city', url, {
      measures: [{ kind: 'other', text: '1# 窑保温运行，熟料线按订单生产' }],
      reason: '承担协同处置城市生活垃圾任务',
    });
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ creditCode: CEM_C, level: 'red', updatedBy: 'city' });
    expect((await put('bureau', `${BASE}/transport/${CEM_B}`, { trucksPerDay: 40 })).body).toEqual({
      creditCode: CEM_B,
      trucksPerDay: 40,
    });
    expect((await s.call('chengan', 'GET', `${BASE}/overrides`)).body.overrides).toHaveLength(1);
    expect((await s.call('wuan', 'GET', `${BASE}/overrides`)).body.overrides).toHaveLength(0);
    const actions = (await listAudit(t.db, { actionPrefix: 'warning.' })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['warning.override.set', 'warning.transport.set']),
    );
    expect(await s.remove('city', `${BASE}/overrides/${CEM_B}/red`)).toBe(404);
  });

  let orange1: number;
  it('generates an orange list from the registry: measures, baselines, reductions vs 20 %', async () => {
    const r = await s.call('bureau', 'POST', BASE, { region: '130400', level: 'orange' });
    expect(r.status).toBe(201);
    const l = r.body;
    orange1 = l.id;
    expect(l).toMatchObject({ version: 1, status: 'draft', kind: 'industrial', region: '130400' });
    expect(l.edition).toBe('guide-2020-340+lantian-reduction-1');
    const items = byCode(l.items);
    // The steel and coking works of the sources seed have no cells yet: not on the list.
    expect(Object.keys(items).sort()).toEqual(
      [CEM_B, CEM_C, GLASS_A, GLASS_U, GUARANTEE, POSITIVE, VOC].sort(),
    );
    expect(items[CEM_B]).toMatchObject({
      basis: 'matrix',
      measures: [{ kind: 'limit-output', pct: 20 }, { kind: 'truck-ban' }, { kind: 'nonroad-ban' }],
      baseline: {
        SO2: { kgPerDay: 100, source: 'registry' },
        NOx: { kgPerDay: 200, source: 'registry' },
      },
      expected: { SO2: 20, NOx: 40, PM: 2 },
    });
    expect(items[CEM_C]).toMatchObject({
      basis: 'matrix',
      measures: [{ kind: 'stop' }, { kind: 'truck-ban' }, { kind: 'nonroad-ban' }],
      baseline: {
        SO2: { kgPerDay: 240, source: 'cems' },
        NOx: { kgPerDay: 480, source: 'cems' },
        PM: { kgPerDay: 48, source: 'cems' },
      },
      expected: { SO2: 240, NOx: 480, PM: 48 },
    });
    expect(items[GLASS_A]).toMatchObject({ basis: 'self-determined', expected: { SO2: 0 } });
    // Ungraded glass is treated as C (configuration): −20 % at orange.
    expect(items[GLASS_U]).toMatchObject({ basis: 'matrix', expected: { NOx: 20 } });
    expect(items[POSITIVE]).toMatchObject({
      basis: 'positive-list',
      measures: [{ kind: 'self-determined' }],
    });
    expect(items[GUARANTEE].basis).toBe('guarantee');
    expect(items[GUARANTEE].measures[0].text).toContain('以热定产');
    expect(items[VOC].measures[0]).toEqual({ kind: 'limit-output', pct: 30 });
    expect(l.totals.SO2).toEqual({
      baseline: 350,
      expected: 260,
      targetPct: 20,
      achievedPct: 74.3,
    });
    expect(l.totals.NOx).toEqual({
      baseline: 780,
      expected: 540,
      targetPct: 20,
      achievedPct: 69.2,
    });
    expect(l.totals.PM).toEqual({ baseline: 59, expected: 50, targetPct: 20, achievedPct: 84.7 });
    expect(l.totals.VOCs).toBeUndefined();
    expect(l.shortfall).toEqual([]);
    expect(l.itemCount).toBe(7);
  });

  it('publishes without a reason when the target is met; a new version supersedes it', async () => {
    const p = await s.call('city', 'POST', `${BASE}/${orange1}/publish`, {});
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      status: 'published',
      publishedBy: 'city',
      shortfallOverridden: false,
    });
    expect((await s.call('city', 'POST', `${BASE}/${orange1}/publish`, {})).body.code).toBe(
      'LT_ERR_LIST_NOT_DRAFT',
    );
    const v2 = (await s.call('city', 'POST', BASE, { region: '130400', level: 'orange' })).body;
    expect(v2.version).toBe(2);
    await s.call('city', 'POST', `${BASE}/${v2.id}/publish`, {});
    expect((await s.call('city', 'GET', `${BASE}/${orange1}`)).body.status).toBe('superseded');
    const published = await s.call('city', 'GET', `${BASE}?level=orange&status=published`);
    expect(published.body.lists.map((x: any) => x.id)).toEqual([v2.id]);
    expect((await s.call('city', 'GET', `${BASE}/999999`)).body.code).toBe('LT_ERR_LIST_NOT_FOUND');
  });

  it('refuses to publish a red list that falls short of 30 % unless a reason is given (audited)', async () => {
    const red = (await s.call('city', 'POST', BASE, { region: '130400', level: 'red' })).body;
    const items = byCode(red.items);
    expect(items[CEM_C]).toMatchObject({ basis: 'override', expected: { SO2: 0 } });
    expect(items[CEM_B]).toMatchObject({ expected: { SO2: 100, NOx: 200 } });
    expect(red.shortfall).toEqual(['SO2', 'NOx', 'PM']);
    const refused = await s.call('city', 'POST', `${BASE}/${red.id}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LT_ERR_LIST_SHORTFALL');
    expect(refused.body.detail.shortfall).toEqual(['SO2', 'NOx', 'PM']);
    expect((await s.call('city', 'GET', `${BASE}/${red.id}`)).body.status).toBe('draft');
    const ok = await s.call('city', 'POST', `${BASE}/${red.id}/publish`, {
      overrideReason: '全市其余排放源另行管控，经指挥部会商同意',
    });
    expect(ok.body).toMatchObject({ status: 'published', shortfallOverridden: true });
    const audit = await listAudit(t.db, {
      action: 'warning.list.publish',
      target: `list:${red.id}`,
    });
    expect(audit[0]!.detail).toMatchObject({
      shortfall: ['SO2', 'NOx', 'PM'],
      overrideReason: expect.any(String),
    });
  });

  it('county scope: a county reads the city list with its own items only; others are refused', async () => {
    const wuan = (await s.call('wuan', 'GET', `${BASE}/${orange1}`)).body;
    expect(wuan.items.every((i: any) => i.county === '130481')).toBe(true);
    expect(wuan.items.length).toBe(4);
    expect(wuan.totals.SO2).toMatchObject({ baseline: 110, expected: 20 });
    expect((await s.call('wuan', 'POST', BASE, { region: '130481', level: 'orange' })).status).toBe(
      403,
    );
    const own = (await s.call('city', 'POST', BASE, { region: '130481', level: 'yellow' })).body;
    expect(own.items.every((i: any) => i.county === '130481')).toBe(true);
    expect((await s.call('chengan', 'GET', `${BASE}/${own.id}`)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await s.call('steel', 'GET', `${BASE}/${own.id}`)).status).toBe(403);
    expect((await s.call('industry', 'GET', `${BASE}`)).body.code).toBe('LT_ERR_FORBIDDEN');
    const chenganLists = (await s.call('chengan', 'GET', BASE)).body.lists;
    expect(chenganLists.some((x: any) => x.id === own.id)).toBe(false);
    expect((await s.call('city', 'POST', BASE, { region: '139999', level: 'red' })).body.code).toBe(
      'LT_ERR_REGION_NOT_FOUND',
    );
  });

  it('exports the list as Excel, one worksheet per county, in the 清单 form', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `${BASE}/${orange1}/export`,
      headers: s.headers('city'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['成安县', '武安市']);
    const ws = wb.getWorksheet('成安县')!;
    expect(String(ws.getCell('A1').value)).toBe(
      '邯郸市成安县重污染天气橙色预警应急减排清单（第 1 版）',
    );
    expect(ws.getRow(2).values).toEqual(
      expect.arrayContaining(['序号', '企业名称', '应急减排措施', 'SO2 基准来源']),
    );
    const codes = [3, 4, 5].map((r) => ws.getCell(`C${r}`).value);
    expect(codes).toEqual([CEM_C, GUARANTEE, GLASS_U]);
    expect(String(ws.getCell('G3').value)).toContain('全厂停产');
    expect(ws.getCell('A6').value).toBe('合计');
    const one = await app.inject({
      method: 'GET',
      url: `${BASE}/${orange1}/export?county=130481`,
      headers: s.headers('wuan'),
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['武安市']);
  });

  it('generates and publishes the VOC 错峰 list of the voc-category enterprises', async () => {
    const r = await s.call('city', 'POST', BASE, {
      region: '130400',
      level: 'orange',
      kind: 'voc-stagger',
    });
    expect(r.status).toBe(201);
    expect(r.body.items.map((i: any) => i.creditCode)).toEqual([VOC]);
    expect(r.body.items[0].measures[0]).toMatchObject({ kind: 'voc-stagger' });
    expect(r.body.items[0].measures[0].hours).toContain('10:00');
    expect(r.body.version).toBe(1);
    expect((await s.call('city', 'POST', `${BASE}/${r.body.id}/publish`, {})).body.status).toBe(
      'published',
    );
  });
});
