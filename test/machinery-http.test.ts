/**
 * Non-road mobile machinery over the API on every dialect under test: registration with an issued
 * code and nameplate photos (a non-image is refused and nothing stored), county scope (a county
 * never sees another county's machines), the all-or-nothing import (a broken row refused by row,
 * column and code; the fixed file imported; an export imported again changes nothing), sites
 * knowing their zone, zone verdicts in and out of the ring-expressway zone, and field checks with
 * GPS and photos whose violations land on the right county's list and are worked to closed.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { sessionHeaders, signInAll } from './support/sign-in.ts';
import { PASSWORD, seedSources, WHO } from './sources-power-support.ts';

/** 2026-12-03 12:00 Beijing time. */
const NOW = Date.UTC(2026, 11, 3, 4, 0, 0);
const BASE = '/api/machinery';
/** Inside the ring-expressway zone (Handan's main city) and outside it (Wu'an). */
const INSIDE = { lon: 114.49, lat: 36.61 };
const OUTSIDE = { lon: 114.2, lat: 36.7 };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer };

function multipart(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const b = '----lantian' + Math.random().toString(36).slice(2);
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'filename' in p
        ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream`
        : `Content-Disposition: form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${b}\r\n${head}\r\n\r\n`));
    chunks.push('filename' in p ? p.data : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${b}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);

describe.each(dialectsUnderTest())('non-road machinery on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let blobDir: string;
  let sessions: Record<string, { cookie: string; csrf: string }>;
  const ids: Record<string, number> = {};
  const codes: Record<string, string> = {};

  const call = async (who: string, method: string, url: string, body?: object) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: sessionHeaders(sessions[who]!),
      ...(body ? { payload: body } : {}),
    });
    const json = res.headers['content-type']?.toString().includes('json');
    return { status: res.statusCode, body: json ? res.json() : res.rawPayload, res };
  };
  const send = async (who: string, url: string, parts: readonly Part[]) => {
    const m = multipart(parts);
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...sessionHeaders(sessions[who]!), ...m.headers },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const machine = (over: Record<string, unknown>) => ({
    ownerName: '邯郸某建设工程有限公司',
    ownerIdNo: '91130402MA0NRMM001',
    ownerPhone: '0310-1234567',
    machineType: '挖掘机',
    emissionStage: '2',
    engineModel: 'YC4D80-T20',
    engineNumber: 'E1000001',
    manufactureYear: 2012,
    ...over,
  });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, NOW);
    await upsertRegions(
      t.db,
      [{ adcode: '130402', name: '邯山区', parentAdcode: '130400', level: 'county' }],
      NOW,
    );
    await createUser(t.db, { now: () => NOW }, WHO, {
      username: 'hanshan',
      role: 'county',
      regionAdcode: '130402',
      password: PASSWORD,
      mustChangePassword: false,
    });
    blobDir = mkdtempSync(join(tmpdir(), 'lantian-machinery-blobs-'));
    app = await buildApp({
      db: t.db,
      clock: { now: () => NOW },
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      blobs: new DiskBlobStore(blobDir),
    });
    sessions = await signInAll(app, ['city', 'hanshan', 'wuan'], PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    rmSync(blobDir, { recursive: true, force: true });
  });

  it('keeps the approximate ring-expressway zone; sites know whether they lie in it', async () => {
    const zones = await call('wuan', 'GET', `${BASE}/zones`);
    expect(zones.status).toBe(200);
    expect(zones.body.items).toHaveLength(1);
    expect(zones.body.items[0]).toMatchObject({
      minStage: 3,
      bansUncoded: true,
      approximate: true,
    });
    expect(zones.body.items[0].name).toContain('环城高速');
    const inside = await call('hanshan', 'POST', `${BASE}/sites`, {
      name: '邯山区某住宅工地',
      kind: 'construction',
      regionAdcode: '130402',
      ...INSIDE,
    });
    expect(inside.status).toBe(201);
    expect(inside.body.zones.map((z: { name: string }) => z.name)).toEqual([
      zones.body.items[0].name,
    ]);
    ids['siteIn'] = inside.body.id;
    const outside = await call('wuan', 'POST', `${BASE}/sites`, {
      name: '武安某钢铁厂区',
      kind: 'plant',
      regionAdcode: '130481',
      ...OUTSIDE,
    });
    expect(outside.body.zones).toEqual([]);
    ids['siteOut'] = outside.body.id;
    const foreign = await call('hanshan', 'POST', `${BASE}/sites`, {
      name: '越权场所',
      kind: 'plant',
      regionAdcode: '130481',
      ...OUTSIDE,
    });
    expect(foreign.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    const badZone = await call('city', 'POST', `${BASE}/zones`, {
      name: '坏区域',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [114, 36],
            [115, 36],
            [115, 37],
          ],
        ],
      },
      basis: '测试',
    });
    expect(badZone.body.code).toBe('LT_ERR_MACHINERY_BAD_ZONE');
    expect((await call('hanshan', 'POST', `${BASE}/zones`, { name: 'x' })).status).toBe(403);
  });

  it('registers machines (code issued or given), with nameplate photos; refuses non-images', async () => {
    const issued = await call(
      'hanshan',
      'POST',
      `${BASE}/machines`,
      machine({ siteId: ids['siteIn'] }),
    );
    expect(issued.status).toBe(201);
    expect(issued.body.code).toBe('130402F2600001');
    expect(issued.body).toMatchObject({
      codeOrigin: 'issued',
      regionAdcode: '130402',
      emissionStageName: '国二',
    });
    ids['stage2'] = issued.body.id;
    codes['stage2'] = issued.body.code;
    const given = await call(
      'hanshan',
      'POST',
      `${BASE}/machines`,
      machine({
        code: 'hb-nr-0004',
        emissionStage: '4',
        engineNumber: 'E4',
        siteId: ids['siteIn'],
      }),
    );
    expect(given.body).toMatchObject({ code: 'HB-NR-0004', codeOrigin: 'imported' });
    codes['stage4'] = given.body.code;
    const wuan = await call(
      'wuan',
      'POST',
      `${BASE}/machines`,
      machine({ siteId: ids['siteOut'], emissionStage: '1' }),
    );
    expect(wuan.body.code).toBe('130481F2600001');
    ids['wuan'] = wuan.body.id;
    codes['wuan'] = wuan.body.code;
    const dup = await call(
      'city',
      'POST',
      `${BASE}/machines`,
      machine({ code: 'HB-NR-0004', regionAdcode: '130402' }),
    );
    expect(dup.body.code).toBe('LT_ERR_MACHINERY_CODE_EXISTS');
    const bad = await call(
      'city',
      'POST',
      `${BASE}/machines`,
      machine({ ownerPhone: 'abc', regionAdcode: '130402' }),
    );
    expect(bad.body).toMatchObject({ code: 'LT_ERR_MACHINERY_BAD_INPUT' });
    const notHers = await call(
      'hanshan',
      'POST',
      `${BASE}/machines`,
      machine({ regionAdcode: '130481' }),
    );
    expect(notHers.body.code).toBe('LT_ERR_OUT_OF_SCOPE');

    const url = `${BASE}/machines/${ids['stage2']}/photos?kind=nameplate`;
    const ok = await send('hanshan', url, [{ name: 'file', filename: '铭牌.png', data: PNG }]);
    expect(ok.status).toBe(200);
    expect(ok.body.photos).toMatchObject([
      { kind: 'nameplate', mediaType: 'image/png', filename: '铭牌.png' },
    ]);
    const stored = files(blobDir).length;
    // A PDF, and a "photo" that is a Windows program, in one upload with a real photo: nothing stored.
    const refused = await send('hanshan', url, [
      { name: 'file', filename: '铭牌2.jpg', data: JPEG },
      { name: 'file', filename: '铭牌3.png', data: Buffer.from('MZ\x90\0not an image') },
    ]);
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('LT_ERR_ATTACHMENT_TYPE');
    const pdf = await send('hanshan', url, [
      { name: 'file', filename: 'a.pdf', data: Buffer.from('%PDF-1.7\n') },
    ]);
    expect(pdf.body.code).toBe('LT_ERR_ATTACHMENT_TYPE');
    expect(files(blobDir)).toHaveLength(stored);
    expect(
      (await call('hanshan', 'GET', `${BASE}/machines/${ids['stage2']}`)).body.photos,
    ).toHaveLength(1);
    const photo = await call('hanshan', 'GET', `${BASE}/photos/${ok.body.photos[0].id}`);
    expect(photo.status).toBe(200);
    expect(photo.res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(photo.res.rawPayload, PNG)).toBe(0);
    expect((await call('wuan', 'GET', `${BASE}/photos/${ok.body.photos[0].id}`)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
  });

  it("never shows a county another county's machines", async () => {
    const mine = await call('wuan', 'GET', `${BASE}/machines`);
    expect(mine.body.items.map((m: { code: string }) => m.code)).toEqual([codes['wuan']]);
    expect((await call('wuan', 'GET', `${BASE}/machines/${ids['stage2']}`)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await call('wuan', 'GET', `${BASE}/machines/by-code/${codes['stage2']}`)).status).toBe(
      403,
    );
    expect((await call('wuan', 'GET', `${BASE}/machines?county=130402`)).status).toBe(403);
    const edit = await call(
      'wuan',
      'PUT',
      `${BASE}/machines/${ids['stage2']}`,
      machine({ regionAdcode: '130481' }),
    );
    expect(edit.status).toBe(403);
    expect(
      (await call('hanshan', 'GET', `${BASE}/machines/by-code/${codes['stage2']!.toLowerCase()}`))
        .body.id,
    ).toBe(ids['stage2']);
    expect((await call('city', 'GET', `${BASE}/machines`)).body.total).toBe(3);
  });

  it('imports registrations all or nothing, reporting broken rows; an export imports again unchanged', async () => {
    const head =
      '登记编码,所有人,所有人证件号,联系电话,机械类型,排放阶段,发动机型号,发动机编号,出厂年份,区县代码';
    const good1 =
      'HB-NR-1001,邯郸某路桥公司,91130402MA0NRMM002,13900000001,装载机,国三,WP6G,L0001,2016,130402';
    const good2 =
      ',邯郸某路桥公司,91130402MA0NRMM002,13900000001,压路机,电动,E-01,D0001,2021,130402';
    const broken =
      'HB-NR-1003,邯郸某路桥公司,91130402MA0NRMM002,电话未知,叉车,国五,A,B,2030,130402';
    const foreign =
      'HB-NR-1004,武安某公司,91130481MA0NRMM003,13900000002,叉车,国四,A,B,2020,130481';
    const upload = (who: string, name: string, text: string) =>
      send(who, `${BASE}/machines/import`, [
        { name: 'file', filename: name, data: Buffer.from(text) },
      ]);
    const before = (await call('city', 'GET', `${BASE}/machines`)).body.total;
    const r = await upload('hanshan', '登记.csv', [head, good1, good2, broken, foreign].join('\n'));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    const issues = r.body.detail.issues as Array<{ row: number; column: string; code: string }>;
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, '联系电话', 'LT_ERR_MACHINERY_BAD_INPUT'],
      [4, '排放阶段', 'LT_ERR_MACHINERY_BAD_INPUT'],
      [4, '出厂年份', 'LT_ERR_MACHINERY_BAD_INPUT'],
      [5, '区县代码', 'LT_ERR_OUT_OF_SCOPE'],
    ]);
    expect((await call('city', 'GET', `${BASE}/machines`)).body.total).toBe(before);

    const fixed = await upload('hanshan', '登记.csv', [head, good1, good2].join('\n'));
    expect(fixed.status).toBe(200);
    expect(fixed.body).toEqual({ created: 2, updated: 0, codes: ['HB-NR-1001', '130402F2600002'] });

    const exported = await call('hanshan', 'GET', `${BASE}/machines/export?format=csv`);
    expect(exported.status).toBe(200);
    const text = exported.res.body;
    expect(text).toContain('130402F2600002');
    expect(text).not.toContain(codes['wuan']);
    const again = await upload('hanshan', '导出.csv', text);
    expect(again.body).toMatchObject({ created: 0, updated: 4 });
    const xlsx = await call('city', 'GET', `${BASE}/machines/export`);
    expect(xlsx.res.headers['content-type']).toContain('spreadsheetml');
    // The same columns in a workbook (read in the sheet process); stage as a code, no 登记编码 column.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('非道路移动机械');
    ws.addRow(head.split(',').slice(1));
    ws.addRow(
      good2
        .split(',')
        .slice(1)
        .map((c, i) => (i === 4 ? 'X' : i === 6 ? 'D0002' : c)),
    );
    const book = Buffer.from(await wb.xlsx.writeBuffer());
    const fromXlsx = await send('hanshan', `${BASE}/machines/import`, [
      { name: 'file', filename: '登记.xlsx', data: book },
    ]);
    expect(fromXlsx.body).toEqual({ created: 1, updated: 0, codes: ['130402F2600003'] });
  });

  it('judges machines against the zone at a position, with the rule version', async () => {
    const at = (p: { lon: number; lat: number }, code?: string) =>
      call(
        'hanshan',
        'GET',
        `${BASE}/verdict?lon=${p.lon}&lat=${p.lat}${code ? `&code=${code}` : ''}`,
      );
    const stage2 = (await at(INSIDE, codes['stage2'])).body;
    expect(stage2).toMatchObject({ inZone: true, allowed: false, ruleVersion: 'nrmm-zone-2020.1' });
    expect(stage2.bans).toMatchObject([{ kind: 'banned-stage' }]);
    expect(stage2.bans[0].detail).toContain('国三');
    expect((await at(INSIDE, codes['stage4'])).body).toMatchObject({
      inZone: true,
      allowed: true,
      bans: [],
    });
    expect((await at(INSIDE)).body.bans).toMatchObject([{ kind: 'uncoded' }]);
    expect((await at(OUTSIDE, codes['stage2'])).body).toMatchObject({
      inZone: false,
      allowed: true,
    });
    expect((await at(OUTSIDE)).body).toMatchObject({ inZone: false, allowed: true });
  });

  it('records field checks with GPS and photos; violations go to the right county and are worked', async () => {
    const check = (who: string, data: object, photos: Part[] = []) =>
      send(who, `${BASE}/inspections`, [{ name: 'data', value: JSON.stringify(data) }, ...photos]);
    const smoky = await check(
      'hanshan',
      {
        code: codes['stage2'],
        ...INSIDE,
        positionSource: 'gps',
        accuracyM: 8,
        blackSmoke: true,
        ringelmann: 3,
      },
      [{ name: 'file', filename: '现场.jpg', data: JPEG }],
    );
    expect(smoky.status).toBe(201);
    expect(smoky.body).toMatchObject({
      machineId: ids['stage2'],
      regionAdcode: '130402',
      positionSource: 'gps',
      accuracyM: 8,
      ruleVersion: 'nrmm-zone-2020.1',
    });
    expect(smoky.body.photos).toMatchObject([{ kind: 'scene', mediaType: 'image/jpeg' }]);
    expect(smoky.body.violations.map((v: { kind: string }) => v.kind)).toEqual([
      'banned-stage',
      'black-smoke',
    ]);
    expect(smoky.body.violations[1].ruleVersion).toBe('nrmm-zone-2020.1;ringelmann>=2');
    const uncoded = await check('hanshan', {
      code: '',
      lon: 114.5,
      lat: 36.62,
      positionSource: 'manual',
    });
    expect(uncoded.body.violations).toMatchObject([{ kind: 'uncoded', status: 'open' }]);
    const clean = await check('wuan', { code: codes['wuan'], ...OUTSIDE, positionSource: 'gps' });
    expect(clean.body.violations).toEqual([]);
    // A check with a non-image "photo" is refused whole: no check, no violation, no file.
    const stored = files(blobDir).length;
    const refused = await check('hanshan', { code: '', ...INSIDE, positionSource: 'gps' }, [
      { name: 'file', filename: 'x.jpg', data: Buffer.from('<html>not a photo</html>') },
    ]);
    expect(refused.body.code).toBe('LT_ERR_ATTACHMENT_TYPE');
    expect(files(blobDir)).toHaveLength(stored);
    const badPos = await check('hanshan', { code: '', lon: 500, lat: 36.6, positionSource: 'gps' });
    expect(badPos.body.code).toBe('LT_ERR_MACHINERY_BAD_POSITION');

    const hanshan = await call('hanshan', 'GET', `${BASE}/violations`);
    expect(hanshan.body.counts).toEqual({ open: 3, rectified: 0, closed: 0 });
    expect(
      hanshan.body.items.every((v: { regionAdcode: string }) => v.regionAdcode === '130402'),
    ).toBe(true);
    expect((await call('wuan', 'GET', `${BASE}/violations`)).body.items).toEqual([]);
    expect((await call('wuan', 'GET', `${BASE}/violations?county=130402`)).status).toBe(403);
    expect((await call('city', 'GET', `${BASE}/violations?county=130402`)).body.items).toHaveLength(
      3,
    );
    expect((await call('wuan', 'GET', `${BASE}/inspections/${smoky.body.id}`)).status).toBe(403);

    const v = smoky.body.violations[0].id;
    expect(
      (await call('wuan', 'PATCH', `${BASE}/violations/${v}`, { status: 'closed', note: 'x' }))
        .status,
    ).toBe(403);
    const rect = await call('hanshan', 'PATCH', `${BASE}/violations/${v}`, {
      status: 'rectified',
      note: '已撤离低排区',
    });
    expect(rect.body).toMatchObject({
      status: 'rectified',
      statusNote: '已撤离低排区',
      updatedBy: 'hanshan',
    });
    await call('hanshan', 'PATCH', `${BASE}/violations/${v}`, {
      status: 'closed',
      note: '复查无误',
    });
    const reopen = await call('hanshan', 'PATCH', `${BASE}/violations/${v}`, {
      status: 'open',
      note: '再开',
    });
    expect(reopen.body.code).toBe('LT_ERR_MACHINERY_BAD_STATUS');
    const after = await call('hanshan', 'GET', `${BASE}/violations?status=open`);
    expect(after.body.counts).toEqual({ open: 2, rectified: 0, closed: 1 });
    expect(after.body.items).toHaveLength(2);
  });
});
