/**
 * Forecasts over the real HTTP API on every dialect under test: entered by hand, posted by a
 * forecasting system with an API token, imported from CSV and Excel (all or nothing, rows and
 * codes); every version kept with who and when; the version list, the diff, and the recommended
 * level graded under the region's edition; refusals with stable codes; scope and audit.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { systemClock } from '../src/clock.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { seedSources, signedInApp } from './sources-power-support.ts';

const BASE = '/api/warnings/forecasts';
const day = (date: string, aqi: number, extra: object = {}) => ({
  date,
  aqi,
  primary: 'PM2.5',
  ...extra,
});
/** Issued 11-30: 12-03 and 12-04 above 200 → orange under 2024, yellow under 2019. */
const ORANGE = {
  region: '130400',
  issued: '2024-11-30',
  days: [
    day('2024-12-01', 95),
    day('2024-12-02', 140),
    day('2024-12-03', 215),
    day('2024-12-04', 290, { rolling24hAqi: 305 }),
    day('2024-12-05', 120),
  ],
};

describe.each(dialectsUnderTest())('forecasts on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof signedInApp>>;
  let first: number;
  let second: number;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, systemClock.now());
    s = await signedInApp(t.db, systemClock);
    app = s.app;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('stores a forecast entered by hand as version 1, with who and when, audited', async () => {
    const r = await s.call('city', 'POST', BASE, ORANGE);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      region: '130400',
      regionName: '邯郸市',
      version: 1,
      origin: 'manual',
      author: 'city',
      firstDay: '2024-12-01',
      lastDay: '2024-12-05',
    });
    expect(r.body.days[3]).toEqual({
      date: '2024-12-04',
      aqi: 290,
      aqiLow: null,
      primary: ['PM2.5'],
      cause: null,
      rolling24hAqi: 305,
    });
    first = r.body.id;
    const audit = (await listAudit(t.db, {})).map((a) => `${a.actor}:${a.action}:${a.target}`);
    expect(audit).toContain('city:forecast.store:forecast:130400/v1');
  });

  it('grades a version: orange under 2024 (Handan), with reason, lead time and edition', async () => {
    const g = await s.call('wuan', 'GET', `${BASE}/${first}/grade`);
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({
      versionId: first,
      edition: '2024',
      level: 'orange',
      response: 'industrial',
      from: '2024-12-03',
      to: '2024-12-04',
      leadDays: 3,
      requiredLeadDays: 3,
      leadShort: false,
    });
    expect(g.body.reason).toContain('橙色');
    expect(g.body.document).toContain('2024');
  });

  it('a forecasting system posts with a token: origin api, version 2, diff against version 1', async () => {
    const made = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: s.headers('bureau'),
      payload: { name: 'forecaster' },
    });
    expect(made.statusCode).toBe(201);
    const token = made.json().token as string;
    const body = {
      ...ORANGE,
      issued: '2024-12-01',
      days: [
        day('2024-12-02', 150),
        day('2024-12-03', 230, { aqiLow: 200 }),
        day('2024-12-04', 260),
        day('2024-12-05', 310),
        day('2024-12-06', 180),
      ],
    };
    const r = await app.inject({
      method: 'POST',
      url: BASE,
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      version: 2,
      origin: 'api',
      author: 'token:forecaster@bureau',
    });
    expect(r.json().days[1]).toMatchObject({ aqi: 230, aqiLow: 200 });
    second = r.json().id;
    const d = await s.call('city', 'GET', `${BASE}/${second}/diff`);
    expect(d.status).toBe(200);
    expect(d.body.before.version).toBe(1);
    expect(d.body.after.version).toBe(2);
    expect(d.body.levels).toEqual({
      before: { level: 'orange', edition: '2024' },
      after: { level: 'red', edition: '2024' },
    });
    const byDate = Object.fromEntries(d.body.days.map((x: { date: string }) => [x.date, x]));
    expect(byDate['2024-12-01'].change).toBe('removed');
    expect(byDate['2024-12-06'].change).toBe('added');
    expect(byDate['2024-12-03']).toMatchObject({ change: 'changed', aqiDelta: 15 });
    expect(byDate['2024-12-03'].fields).toEqual(['aqi', 'aqiLow']);
    expect((await s.call('city', 'GET', `${BASE}/${first}/diff`)).body.code).toBe(
      'LT_ERR_FORECAST_NOT_FOUND',
    );
  });

  it('refuses gaps, duplicate dates, AQI out of 0–500 and too few days with stable codes', async () => {
    const refuse = async (days: object[]) =>
      (await s.call('city', 'POST', BASE, { ...ORANGE, days })).body;
    const gap = await refuse([
      day('2024-12-01', 100),
      day('2024-12-02', 100),
      day('2024-12-04', 100),
    ]);
    expect(gap.code).toBe('LT_ERR_FORECAST_GAP');
    const dup = await refuse([
      day('2024-12-01', 100),
      day('2024-12-01', 120),
      day('2024-12-02', 100),
    ]);
    expect(dup.code).toBe('LT_ERR_FORECAST_DUPLICATE_DATE');
    const range = await refuse([
      day('2024-12-01', 100),
      day('2024-12-02', 501),
      day('2024-12-03', -1),
    ]);
    expect(range.code).toBe('LT_ERR_FORECAST_AQI_RANGE');
    expect(range.detail.issues.map((i: { path: string }) => i.path)).toEqual([
      'days[1].aqi',
      'days[2].aqi',
    ]);
    expect((await refuse([day('2024-12-01', 100)])).code).toBe('LT_ERR_FORECAST_TOO_SHORT');
    expect((await refuse([])).code).toBe('LT_ERR_FORECAST_EMPTY');
    const eight = Array.from({ length: 8 }, (_, i) => day(`2024-12-0${i + 1}`, 100));
    expect((await refuse(eight)).code).toBe('LT_ERR_FORECAST_TOO_LONG');
    const unknown = await s.call('city', 'POST', BASE, { ...ORANGE, region: '130499' });
    expect(unknown.body.code).toBe('LT_ERR_REGION_NOT_FOUND');
    // nothing of the refused ones was stored
    expect((await s.call('city', 'GET', BASE)).body).toHaveLength(2);
  });

  it('only the city office and the bureau write; a county reads its own and its city', async () => {
    const county = { ...ORANGE, region: '130481' };
    expect((await s.call('industry', 'POST', BASE, county)).body.code).toBe('LT_ERR_FORBIDDEN');
    expect((await s.call('wuan', 'POST', BASE, county)).status).toBe(403);
    expect((await s.call('visitor', 'GET', BASE)).status).toBe(403);
    expect((await s.call('steel', 'GET', BASE)).status).toBe(403);
    const wuan = await s.call('bureau', 'POST', BASE, county);
    expect(wuan.body.version).toBe(1);
    const chengan = await s.call('bureau', 'POST', BASE, { ...ORANGE, region: '130424' });
    const regions = async (who: string) =>
      (await s.call(who, 'GET', BASE)).body.map(
        (v: { region: string; version: number }) => `${v.region}/v${v.version}`,
      );
    expect(await regions('wuan')).toEqual(['130481/v1', '130400/v2', '130400/v1']);
    expect(await regions('industry')).toHaveLength(4);
    expect((await s.call('wuan', 'GET', `${BASE}/${chengan.body.id}`)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await s.call('wuan', 'GET', `${BASE}?region=130424`)).body).toEqual([]);
    const list = (await s.call('city', 'GET', `${BASE}?region=130400`)).body;
    expect(list.map((v: { level: string; peakAqi: number }) => `${v.level}:${v.peakAqi}`)).toEqual([
      'red:310',
      'orange:290',
    ]);
    const latest = await s.call('wuan', 'GET', `${BASE}/latest?region=130400`);
    expect(latest.body).toMatchObject({ region: '130400', version: 2 });
    expect((await s.call('wuan', 'GET', `${BASE}/latest?region=130424`)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await s.call('city', 'GET', `${BASE}/latest?region=130402`)).body.code).toBe(
      'LT_ERR_FORECAST_NOT_FOUND',
    );
    expect((await s.call('city', 'GET', `${BASE}/999999`)).body.code).toBe(
      'LT_ERR_FORECAST_NOT_FOUND',
    );
  });

  it('imports CSV and Excel: one version per region, all or nothing with row, column and code', async () => {
    const header = '地区代码,地区名称,发布日期,预报日期,AQI,首要污染物,24小时滑动AQI,成因';
    const rows = (region: string) =>
      [
        `${region},,2024-12-02,2024-12-03,180-220,PM2.5,,`,
        `${region},,2024-12-02,2024/12/4,240,PM2.5,260,`,
        `${region},,2024-12-02,2024-12-05,160,"PM2.5、PM10",,沙尘`,
      ].join('\n');
    const good = `\uFEFF${header}\n${rows('130400')}\n${rows('130481')}\n`;
    const r = await s.upload('city', `${BASE}/import`, '预报.csv', good);
    expect(r.status).toBe(200);
    expect(
      r.body.versions.map((v: { region: string; version: number }) => `${v.region}/v${v.version}`),
    ).toEqual(['130400/v3', '130481/v2']);
    const v3 = (await s.call('city', 'GET', `${BASE}/${r.body.versions[0].id}`)).body;
    expect(v3).toMatchObject({ origin: 'import', note: '预报.csv', issued: '2024-12-02' });
    expect(
      v3.days.map((d: { aqi: number; aqiLow: number | null }) => `${d.aqiLow}-${d.aqi}`),
    ).toEqual(['180-220', 'null-240', 'null-160']);
    expect(v3.days[2]).toMatchObject({ primary: ['PM2.5', 'PM10'], cause: 'dust' });

    const bad = `${header}\n${rows('130400')}\n130481,,2024-12-02,2024-12-03,600,PM2.5,,\n130481,,2024-12-02,2024-12-05,100,PM2.5,,\n130481,,2024-12-02,2024-12-06,100,XX,,\n130999,,2024-12-02,2024-12-03,100,,,\n130999,,2024-12-02,2024-12-04,100,,,\n130999,,2024-12-02,2024-12-05,100,,,\n`;
    const refused = await s.upload('city', `${BASE}/import`, 'bad.csv', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    const issues = refused.body.detail.issues.map(
      (i: { row: number; column: string; code: string }) => `${i.row}:${i.column}:${i.code}`,
    );
    expect(issues).toContain('5:AQI:LT_ERR_FORECAST_AQI_RANGE');
    expect(issues).toContain('8:地区代码:LT_ERR_REGION_NOT_FOUND');
    expect(issues).toContain('7:首要污染物:LT_ERR_POLLUTANT_UNKNOWN');
    expect(issues).toHaveLength(3);
    // all or nothing: the good 130400 rows of the refused file were not stored
    expect((await s.call('city', 'GET', `${BASE}?region=130400`)).body).toHaveLength(3);
    expect((await s.upload('wuan', `${BASE}/import`, 'x.csv', good)).status).toBe(403);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('预报');
    ws.addRow(['邯郸市空气质量预报']);
    ws.addRow(header.split(','));
    ws.addRow(['130424', '成安县', '2024-12-03', new Date(Date.UTC(2024, 11, 4)), 210, 'PM2.5']);
    ws.addRow(['130424', '成安县', '2024-12-03', '2024-12-05', '230', 'PM2.5']);
    ws.addRow(['130424', '成安县', '2024-12-03', '2024-12-06', 90, '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await s.upload('bureau', `${BASE}/import`, '成安.xlsx', xlsx);
    expect(x.status).toBe(200);
    expect(x.body.versions).toEqual([
      expect.objectContaining({ region: '130424', version: 2, issued: '2024-12-03', days: 3 }),
    ]);
    const g = await s.call('chengan', 'GET', `${BASE}/${x.body.versions[0].id}/grade`);
    expect(g.body).toMatchObject({
      level: 'orange',
      edition: '2024',
      leadDays: 1,
      leadShort: true,
    });
    const audit = (await listAudit(t.db, {})).map((a) => `${a.actor}:${a.action}:${a.target}`);
    expect(audit).toContain('bureau:forecast.import:file:成安.xlsx');
  });
});
