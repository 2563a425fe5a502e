/**
 * Remote sensing, black-smoke capture and roadside checks over HTTP on every dialect under test:
 * the city office registers devices (each with its own secret); a device posts records with a
 * photo, its secret refused on another device, bad photos, oversized bodies and impossible times
 * refused with their codes and nothing stored, unauthenticated posts bounded per address; records
 * and inspections imported from CSV and Excel, broken rows listed by code and nothing stored; a
 * constructed November with tied stations traced and ranked; the notice as Excel (read back)
 * and PDF (its text read back); county scope.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { roadsideConfigFromEnv } from '../src/roadside/roadside-config.ts';
import { runCli } from './support/cli.ts';
import { pdfText } from './support/pdf-text.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { sessionCall, sessionHeaders, signInAll } from './support/sign-in.ts';
import { ACCOUNTS, PASSWORD, seedSources } from './sources-power-support.ts';

const NOW = Date.parse('2026-12-03T12:00:00+08:00');
const clock = { now: () => NOW };
const PHOTO_MAX = 4096;
const config = roadsideConfigFromEnv({
  LANTIAN_ROADSIDE_PHOTO_MAX_BYTES: String(PHOTO_MAX),
  LANTIAN_ROADSIDE_MAX_PHOTOS: '2',
  LANTIAN_ROADSIDE_POSTS_PER_MINUTE: '12',
});
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);
const RULE_VERSION = 'HJ845-2017;opacity>1.2;NO>1500;ringelmann>=2;CO>-;HC>-;6m-consecutive';

/** A multipart body with one file. */
function multipart(filename: string, data: Buffer | string) {
  const boundary = '----roadside' + Math.random().toString(36).slice(2);
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(data) ? data : Buffer.from(data),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const RECORD_HEAD =
  '设备编号,记录编号,监测时间,地点,车牌号码,车牌颜色,VIN,NO(ppm),不透光度(m-1),林格曼黑度,结论,照片';
/** The constructed November (and the October record one finding reaches back to). */
const NOVEMBER = [
  'RS1,R-1,2026-11-02 09:00:00,,冀DA0001,黄,,1800,,,不合格,rs/1.jpg',
  'RS1,R-2,2026-11-05 09:00:00,,冀DA0001,黄,,1700,,,不合格,',
  'BS1,B-1,2026-11-10 10:00:00,成安路口,冀DA0002,黄,,,,3,不合格,bs/1.jpg;bs/1-plate.jpg',
  'RC1,C-1,2026-11-12 10:00:00,武安检查站,冀DB0003,黄,,,2.0,,不合格,',
  'RS1,R-3,2026-10-20 09:00:00,,冀DB0004,黄,,,1.5,,不合格,',
  'RS1,R-4,2026-11-15 09:00:00,,冀DB0004,黄,,,1.6,,不合格,',
  'BS1,B-2,2026-11-20 10:00:00,,冀DC0005,黄,,,,2,不合格,',
  'RC1,C-2,2026-11-21 10:00:00,,冀DD0006,黄,,1600,,,不合格,',
  'RS1,R-5,2026-11-03 09:00:00,,冀DE0007,黄,,1800,,,不合格,',
  'BS1,B-3,2026-11-25 10:00:00,,冀DF0008,黄,,,,4,不合格,',
  'BS1,B-4,2026-11-28 10:00:00,,冀DA0001,黄,,,,3,不合格,',
  'BS1,B-5,2026-12-01 10:00:00,,冀DG0010,黄,,,,3,不合格,',
  'BS1,B-6,2026-11-26 10:00:00,,冀DG0011,黄,,,,1,合格,',
];
/** Stations: JC07 and JC03 tie at 2 vehicles, JC05 and JC01 at 1; JC09 passed only a vehicle that never became over-standard. */
const INSPECTIONS: Array<[string, string, string, string, string, string]> = [
  ['冀DA0001', 'JC07', '邯郸市第七机动车检测站', 'S-1', '2026-06-01', '合格'],
  ['冀DA0002', 'JC07', '邯郸市第七机动车检测站', 'S-2', '2026-05-01', '合格'],
  ['冀DA0002', 'JC03', '武安市第三机动车检测站', 'S-3', '2026-11-20', '合格'],
  ['冀DB0003', 'JC03', '武安市第三机动车检测站', 'S-4', '2026-04-01', '合格'],
  ['冀DB0004', 'JC05', '成安县第五机动车检测站', 'S-5', '2026-03-01', '合格'],
  ['冀DB0004', 'JC03', '武安市第三机动车检测站', 'S-6', '2026-09-01', '合格'],
  ['冀DB0004', 'JC05', '成安县第五机动车检测站', 'S-7', '2026-10-01', '不合格'],
  ['冀DC0005', 'JC05', '成安县第五机动车检测站', 'S-8', '2026-02-01', '合格'],
  ['冀DD0006', 'JC01', '邯郸市第一机动车检测站', 'S-9', '2026-01-10', '合格'],
  ['冀DE0007', 'JC09', '邯郸市第九机动车检测站', 'S-10', '2026-01-10', '合格'],
];

async function inspectionsXlsx(rows: typeof INSPECTIONS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检验记录');
  ws.addRow([
    '车牌号码',
    '车牌颜色',
    'VIN',
    '检验机构编号',
    '检验机构名称',
    '检验流水号',
    '检验日期',
    '检验结论',
  ]);
  for (const [plate, code, name, serial, date, result] of rows)
    ws.addRow([plate, '黄', '', code, name, serial, date, result]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(dialectsUnderTest())('roadside checks on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let blobDir: string;
  let call: ReturnType<typeof sessionCall>;
  let sessions: Record<string, { cookie: string; csrf: string }>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, NOW);
    blobDir = mkdtempSync(join(tmpdir(), 'lantian-roadside-'));
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      blobs: new DiskBlobStore(blobDir),
      roadside: config,
    });
    sessions = await signInAll(app, ACCOUNTS, PASSWORD);
    call = sessionCall(() => app, sessions);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    if (blobDir) rmSync(blobDir, { recursive: true, force: true });
  });

  const upload = async (who: string, url: string, filename: string, data: Buffer | string) => {
    const m = multipart(filename, data);
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...sessionHeaders(sessions[who]!), ...m.headers },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const post = (code: string, token: string | null, body: object, remoteAddress = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url: `/api/roadside/devices/${code}/records`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: body,
      remoteAddress,
    });
  const recordCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('roadside_records')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const blobCount = () =>
    readdirSync(blobDir, { recursive: true }).filter((f) => /[0-9a-f]{20}/.test(String(f))).length;

  it('registers devices by the city office only, each with its own secret', async () => {
    const device = (code: string, kind: string, region: string) =>
      call('city', 'POST', '/api/roadside/devices', {
        code,
        name: `${code} 设备`,
        kind,
        region,
        location: '测试路段',
        lon: 114.5,
        lat: 36.6,
      });
    for (const [code, kind, region] of [
      ['RS1', 'remote-sensing', '130481'],
      ['BS1', 'black-smoke', '130424'],
      ['RC1', 'roadside-check', '130481'],
    ] as const) {
      const res = await device(code, kind, region);
      expect(res.status).toBe(201);
      expect(res.body.token).toMatch(/^ltd_[A-Za-z0-9_-]{43}$/);
      tokens[code] = res.body.token;
    }
    expect(new Set(Object.values(tokens)).size).toBe(3);
    expect((await device('RS1', 'remote-sensing', '130481')).body.code).toBe(
      'LT_ERR_ROADSIDE_DEVICE_EXISTS',
    );
    expect((await device('X1', 'radar', '130481')).body.code).toBe('LT_ERR_BAD_REQUEST');
    expect((await device('X1', 'black-smoke', '999999')).body.code).toBe(
      'LT_ERR_ROADSIDE_BAD_DEVICE',
    );
    const county = await call('wuan', 'POST', '/api/roadside/devices', {
      code: 'X2',
      name: 'x',
      kind: 'black-smoke',
      region: '130481',
      location: 'x',
    });
    expect(county.status).toBe(403);
    // Only the hash is stored; the list shows a hint, never the secret.
    const stored = await t.db.kysely.selectFrom('roadside_devices').selectAll().execute();
    expect(stored.some((d) => Object.values(d).includes(tokens['RS1']!))).toBe(false);
    const wuan = await call('wuan', 'GET', '/api/roadside/devices');
    expect(wuan.body.devices.map((d: { code: string }) => d.code)).toEqual(['RC1', 'RS1']);
    const audit = await listAudit(t.db, { action: 'roadside.device.create' });
    expect(audit).toHaveLength(3);
  });

  const good = {
    recordId: 'H-1',
    time: '2026-12-02 10:00:00',
    plate: '冀D H0009',
    plateColour: '黄',
    values: { NO: 1800, opacity: 0.4 },
    verdict: '不合格',
    photos: [{ name: 'plate.png', data: PNG.toString('base64') }],
  };

  it('takes a record from a device with its own secret, once, and refuses others with nothing stored', async () => {
    const first = await post('RS1', tokens['RS1']!, good);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ failing: ['NO'], duplicate: false });
    const again = await post('RS1', tokens['RS1']!, good);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect(await recordCount()).toBe(1);
    expect(blobCount()).toBe(1);

    const refused = async (res: Awaited<ReturnType<typeof post>>, status: number, code: string) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await recordCount()).toBe(1);
      expect(blobCount()).toBe(1);
    };
    const fresh = { ...good, recordId: 'H-2' };
    await refused(await post('BS1', tokens['RS1']!, fresh), 401, 'LT_ERR_ROADSIDE_DEVICE_TOKEN');
    await refused(await post('RS1', null, fresh), 401, 'LT_ERR_ROADSIDE_DEVICE_TOKEN');
    await refused(await post('NOPE', tokens['RS1']!, fresh), 401, 'LT_ERR_ROADSIDE_DEVICE_TOKEN');
    const text = {
      ...fresh,
      photos: [{ name: 'plate.png', data: Buffer.from('not an image at all').toString('base64') }],
    };
    await refused(await post('RS1', tokens['RS1']!, text), 415, 'LT_ERR_ATTACHMENT_TYPE');
    const big = Buffer.concat([PNG, Buffer.alloc(PHOTO_MAX, 1)]);
    const large = { ...fresh, photos: [{ name: 'plate.png', data: big.toString('base64') }] };
    await refused(await post('RS1', tokens['RS1']!, large), 413, 'LT_ERR_ATTACHMENT_TOO_LARGE');
    const huge = { ...fresh, photos: [{ name: 'plate.png', data: 'A'.repeat(20 * PHOTO_MAX) }] };
    expect((await post('RS1', tokens['RS1']!, huge)).statusCode).toBe(413);
    const notBase64 = { ...fresh, photos: [{ name: 'plate.png', data: '@@@@' }] };
    await refused(await post('RS1', tokens['RS1']!, notBase64), 400, 'LT_ERR_ROADSIDE_BAD_RECORD');
    for (const time of ['2026-02-30 10:00:00', '2026-12-05 10:00:00', '1970-01-01 00:00:00'])
      await refused(
        await post('RS1', tokens['RS1']!, { ...fresh, time }),
        400,
        'LT_ERR_ROADSIDE_BAD_TIME',
      );
    await refused(
      await post('RS1', tokens['RS1']!, { ...fresh, plateColour: '紫' }),
      400,
      'LT_ERR_ROADSIDE_BAD_RECORD',
    );
  });

  it('bounds posts without a valid secret per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 14; i++)
      codes.push((await post('RS1', 'ltd_wrong', good, '10.9.9.9')).statusCode);
    expect(codes.slice(0, 12).every((c) => c === 401)).toBe(true);
    expect(codes.slice(12)).toEqual([429, 429]);
    // Another address and the device itself are not affected.
    expect((await post('RS1', 'ltd_wrong', good, '10.9.9.8')).statusCode).toBe(401);
    expect((await post('RS1', tokens['RS1']!, good, '10.9.9.9')).statusCode).toBe(200);
  });

  it('serves a record photo within scope only', async () => {
    const list = await call(
      'city',
      'GET',
      `/api/roadside/records?from=${NOW - 7 * 86_400_000}&to=${NOW}`,
    );
    const sha = list.body.records[0].photos[0] as string;
    expect(list.body.records[0]).toMatchObject({
      plate: '冀DH0009',
      ruleVersion: RULE_VERSION,
      failing: ['NO'],
    });
    const res = await app.inject({
      url: `/api/roadside/photos/${sha}`,
      headers: sessionHeaders(sessions['wuan']!),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.equals(PNG)).toBe(true);
    const other = await call('chengan', 'GET', `/api/roadside/photos/${sha}`);
    expect(other.body.code).toBe('LT_ERR_ROADSIDE_PHOTO_NOT_FOUND');
  });

  it('imports records all or nothing, listing every broken row by code', async () => {
    const before = await recordCount();
    const broken = [
      RECORD_HEAD,
      ...NOVEMBER.slice(0, 2),
      'XX9,R-9,2026-11-02 09:00:00,,冀DA0001,黄,,1800,,,不合格,',
      'RS1,R-10,2026-11-31 09:00:00,,冀DA0001,黄,,1800,,,不合格,',
      'RS1,R-11,2026-11-02 09:00:00,,??,黄,,1800,,,不合格,',
      'RS1,R-12,2026-11-02 09:00:00,,冀DA0001,黄,,,,,不合格,',
      'RS1,R-13,2026-11-02 09:00:00',
      'RS1,R-1,2026-11-03 09:00:00,,冀DA0001,黄,,1800,,,不合格,',
    ].join('\n');
    const res = await upload('city', '/api/roadside/records/import', 'records.csv', broken);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    expect(
      res.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
    ).toEqual([
      [4, 'LT_ERR_ROADSIDE_DEVICE_NOT_FOUND'],
      [5, 'LT_ERR_ROADSIDE_BAD_TIME'],
      [6, 'LT_ERR_ROADSIDE_BAD_RECORD'],
      [7, 'LT_ERR_ROADSIDE_BAD_RECORD'],
      [8, 'LT_ERR_CSV_ROW'],
      [9, 'LT_ERR_ROADSIDE_BAD_RECORD'],
    ]);
    expect(await recordCount()).toBe(before);
    // A county imports for its own devices only: BS1 stands in 成安.
    const county = await upload(
      'wuan',
      '/api/roadside/records/import',
      'records.csv',
      [RECORD_HEAD, NOVEMBER[2]].join('\n'),
    );
    expect(county.body.detail.issues[0].code).toBe('LT_ERR_ROADSIDE_DEVICE_NOT_FOUND');
    const ok = await upload(
      'city',
      '/api/roadside/records/import',
      'records.csv',
      [RECORD_HEAD, ...NOVEMBER].join('\n'),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ rows: 13, created: 13, duplicates: 0, failed: 12 });
    const again = await upload(
      'city',
      '/api/roadside/records/import',
      'records.csv',
      [RECORD_HEAD, ...NOVEMBER].join('\n'),
    );
    expect(again.body).toEqual({ rows: 13, created: 0, duplicates: 13, failed: 0 });
  });

  it('imports inspections from Excel, refusing broken rows', async () => {
    const bad = await upload(
      'bureau',
      '/api/roadside/inspections/import',
      'inspections.xlsx',
      await inspectionsXlsx([
        ...INSPECTIONS,
        ['冀DZ0001', 'JC01', '站', 'S-99', '2026-13-01', '合格'],
        ['冀DZ0002', 'JC01', '站', 'S-98', '2026-01-01', '待定'],
      ]),
    );
    expect(bad.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    expect(
      bad.body.detail.issues.map((i: { row: number; column: string }) => [i.row, i.column]),
    ).toEqual([
      [12, '检验日期'],
      [13, '检验结论'],
    ]);
    expect(
      (
        await upload(
          'wuan',
          '/api/roadside/inspections/import',
          'i.xlsx',
          await inspectionsXlsx(INSPECTIONS),
        )
      ).status,
    ).toBe(403);
    const ok = await upload(
      'bureau',
      '/api/roadside/inspections/import',
      'inspections.xlsx',
      await inspectionsXlsx(INSPECTIONS),
    );
    expect(ok.body).toEqual({ rows: 10, created: 10, updated: 0 });
  });

  it('lists over-standard vehicles by the HJ 845 rule, within county scope', async () => {
    const from = Date.parse('2026-11-01T00:00:00+08:00');
    const to = Date.parse('2026-12-01T00:00:00+08:00');
    const city = await call('city', 'GET', `/api/roadside/over-standard?from=${from}&to=${to}`);
    expect(city.body.ruleVersion).toBe(RULE_VERSION);
    expect(
      city.body.events.map(
        (e: { plate: string; kind: string; pollutant: string }) =>
          `${e.plate}/${e.kind}/${e.pollutant}`,
      ),
    ).toEqual([
      '冀DA0001/remote-sensing/NO',
      '冀DA0002/black-smoke/ringelmann',
      '冀DB0003/roadside-check/opacity',
      '冀DB0004/remote-sensing/opacity',
      '冀DC0005/black-smoke/ringelmann',
      '冀DD0006/roadside-check/NO',
      '冀DF0008/black-smoke/ringelmann',
      '冀DA0001/black-smoke/ringelmann',
    ]);
    const wuan = await call('wuan', 'GET', `/api/roadside/over-standard?from=${from}&to=${to}`);
    expect(wuan.body.events.map((e: { kind: string }) => e.kind)).not.toContain('black-smoke');
    expect(wuan.body.events).toHaveLength(4);
    const records = await call(
      'chengan',
      'GET',
      `/api/roadside/records?from=${from}&to=${to}&failed=true`,
    );
    expect(new Set(records.body.records.map((r: { device: string }) => r.device))).toEqual(
      new Set(['BS1']),
    );
  });

  it('ranks the stations of the month with ties and names the top 3 ranks in PDF and Excel', async () => {
    const r = await call('wuan', 'GET', '/api/roadside/ranking?month=2026-11');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      month: '2026-11',
      vehicles: 7,
      traced: 6,
      ruleVersion: RULE_VERSION,
    });
    expect(
      r.body.ranking.map((s: { rank: number; stationCode: string; vehicles: number }) => [
        s.rank,
        s.stationCode,
        s.vehicles,
      ]),
    ).toEqual([
      [1, 'JC03', 2],
      [1, 'JC07', 2],
      [3, 'JC01', 1],
      [3, 'JC05', 1],
    ]);
    const trace = (plate: string) =>
      r.body.traces.find((x: { plate: string }) => x.plate === plate);
    expect(trace('冀DA0002')).toMatchObject({ stationCode: 'JC07', serial: 'S-2' });
    expect(trace('冀DB0004')).toMatchObject({ stationCode: 'JC03', serial: 'S-6', days: 75 });
    expect(trace('冀DF0008')).toMatchObject({ stationCode: null, days: null });

    const xlsx = await app.inject({
      url: '/api/roadside/ranking/notice.xlsx?month=2026-11',
      headers: sessionHeaders(sessions['city']!),
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const notice = wb.getWorksheet('通报')!;
    expect(String(notice.getCell('A1').value)).toBe(
      '关于邯郸市2026年11月超标排放车辆溯源排放检验机构情况的通报',
    );
    const named: unknown[][] = [];
    notice.eachRow((row) => {
      const v = row.values as unknown[];
      if (typeof v[1] === 'number') named.push(v.slice(1, 5));
    });
    expect(named).toEqual([
      [1, 'JC03', '武安市第三机动车检测站', 2],
      [1, 'JC07', '邯郸市第七机动车检测站', 2],
      [3, 'JC01', '邯郸市第一机动车检测站', 1],
      [3, 'JC05', '成安县第五机动车检测站', 1],
    ]);
    expect(wb.getWorksheet('溯源明细')!.rowCount).toBe(8);

    const pdf = await app.inject({
      url: '/api/roadside/ranking/notice.pdf?month=2026-11',
      headers: sessionHeaders(sessions['city']!),
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('邯郸市生态环境局');
    expect(text).toContain('关于邯郸市2026年11月超标排放车辆溯源排放检验机构情况的通报');
    expect(text).toContain(
      '第1名武安市第三机动车检测站（JC03），2辆；第1名邯郸市第七机动车检测站（JC07），2辆；第3名邯郸市第一机动车检测站（JC01），1辆；第3名成安县第五机动车检测站（JC05），1辆',
    );
    expect(text).not.toContain('第九');
    expect((await call('city', 'GET', '/api/roadside/ranking?month=2026-13')).status).toBe(400);
  });

  it('imports with progress and writes the notice from the command line', async () => {
    const file = join(blobDir, 'cli-records.csv');
    writeFileSync(
      file,
      [
        RECORD_HEAD,
        'RC1,CLI-1,2026-12-01 09:00:00,,冀DK0001,蓝,,,0.5,,合格,',
        'RC1,CLI-2,2026-12-01 09:05:00,,冀DK0002,蓝,,,2.5,,不合格,',
      ].join('\n'),
    );
    const r = await runCli(['roadside', 'import-records', file], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('导入监测记录：共 2');
    expect(r.stdout).toContain('导入 2 条（共 2 行，重复 0 条，超标 1 条）');
    const n = await runCli(['roadside', 'notice', '--month', '2026-11', '--out', blobDir], t.env);
    expect(n.code, n.stderr).toBe(0);
    expect(n.stdout).toContain('超标车辆 7 辆，溯源 6 辆');
    expect(existsSync(join(blobDir, '检验机构溯源通报-2026-11.xlsx'))).toBe(true);
  }, 120_000);
});
