/**
 * Dust sites end to end (both dialects): sources registered over HTTP and from a CSV (a bad row
 * refuses the file, nothing stored) in county scope; a site monitor (HJ 212, ST=39) sends hourly
 * PM10 through the real ingest listener, and the alarm run finds a run of 3 hours above 150 µg/m³
 * (2 needed) and an ongoing 7-hour silence (6 needed); sites ranked by PM10; the units' PM10
 * ranking from their assessment stations; an inspection with a failing checklist and a photo
 * (a non-image is refused, nothing stored) listed for the department and county with a deadline,
 * and closed by rectification.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStations } from '../src/air/station-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { systemClock } from '../src/clock.ts';
import { createDevice } from '../src/devices/device-service.ts';
import { dustConfigFromEnv } from '../src/dust/dust-config.ts';
import { runSiteAlarms } from '../src/dust/monitor-service.ts';
import type { Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { loadPlan } from '../src/plan/plan-loader.ts';
import { eachLocalDate } from '../src/standards/index.ts';
import { frame, PW as DEVICE_PW, startTestIngest, TestClient, upload } from './ingest-support.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';

const PW = 'Lantian-test-2020';
const HOUR = 3_600_000;
/** 2026-03-02 08:00 Beijing. */
const T0 = Date.UTC(2026, 2, 2, 0);
const MN = 'YC130402000000000000001';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const ALL_MET = {
  fence: true,
  cover: true,
  wash: true,
  harden: true,
  wet: true,
  sealed: true,
  monitor: true,
  muck: true,
};

function form(fields: Record<string, string>, files: Array<[string, Buffer]>) {
  const b = `----lantian${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  for (const [name, data] of files)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

describe.each(dialectsUnderTest())('dust sites on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let ingest: Hj212Ingest;
  let dir: string;
  const clock = movableClock(T0 - 10 * 60_000);
  let who: Record<string, { cookie: string; csrf: string }> = {};
  const cfg = dustConfigFromEnv({});
  let siteId = 0;

  const call = async (
    user: string,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
    raw?: { payload: Buffer; type: string },
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...sessionHeaders(who[user]!), ...(raw ? { 'content-type': raw.type } : {}) },
      ...(raw ? { payload: raw.payload } : body ? { payload: body } : {}),
    });
    const json = String(res.headers['content-type']).includes('json') ? res.json() : undefined;
    return { status: res.statusCode, body: json, raw: res.rawPayload };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-dust-'));
    await loadPlan(t.db, clock, { actor: 'test' }, 'handan-2020');
    const ctx = { actor: 'test', ip: null };
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['hanshan', 'county', { regionAdcode: '130402' }],
      ['wuan', 'county', { regionAdcode: '130481' }],
      ['jianshe', 'department', { department: '市建设局' }],
    ];
    for (const [username, role, binding] of users)
      await createUser(t.db, clock, ctx, {
        username,
        role,
        password: PW,
        mustChangePassword: false,
        ...binding,
      } as never);
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: {
        ...DEFAULT_AUTH_CONFIG,
        sessionIdleMs: 400 * 86_400_000,
        sessionAbsoluteMs: 400 * 86_400_000,
      },
      web: false,
      blobs: new DiskBlobStore(dir),
      dust: cfg,
    });
    who = await signInAll(
      app,
      users.map((u) => u[0]),
      PW,
    );
    ingest = await startTestIngest(t.db, { rateLimit: { perSecond: 0, burst: 1 } });
  });
  afterAll(async () => {
    await app?.close();
    await ingest?.stop();
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('registers sources in county scope and imports a table all or nothing', async () => {
    const site = {
      code: 'HS-2026-001',
      name: '邯山区某住宅项目',
      kind: 'construction',
      constructionType: 'building',
      owner: '某建设集团',
      department: '市建设局',
      regionAdcode: '130402',
      lon: 114.49,
      lat: 36.58,
      polygon: [
        [114.488, 36.579],
        [114.492, 36.579],
        [114.492, 36.582],
        [114.488, 36.579],
      ],
      startDate: '2026-01-10',
      endDate: '2027-06-30',
    };
    const created = await call('hanshan', 'POST', '/api/dust/sources', site);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      code: 'HS-2026-001',
      regionName: '邯山区',
      checklistMet: 0,
      devices: [],
    });
    siteId = created.body.id;
    // Another county's region, an unknown department, a road with a construction type: refused.
    expect(
      (
        await call('hanshan', 'POST', '/api/dust/sources', {
          ...site,
          code: 'X1',
          regionAdcode: '130481',
        })
      ).body.code,
    ).toBe('LT_ERR_OUT_OF_SCOPE');
    expect(
      (
        await call('admin', 'POST', '/api/dust/sources', {
          ...site,
          code: 'X2',
          department: '市扬尘局',
        })
      ).body.code,
    ).toBe('LT_ERR_DEPARTMENT_NOT_FOUND');
    expect(
      (await call('admin', 'POST', '/api/dust/sources', { ...site, code: 'X3', kind: 'road' })).body
        .code,
    ).toBe('LT_ERR_DUST_BAD_SOURCE');

    const head =
      '编号,名称,类型,工程类型,责任单位,责任部门,行政区划代码,经度,纬度,开工日期,完工日期,施工工地周边 100% 围挡';
    const good = `WA-M-01,武安市某露天矿山,露天矿山,,某矿业公司,市自然资源和规划局,130481,114.20,36.70,,,是`;
    const bad = `WA-Y-02,武安市某料场,物料堆场,房建,某物流公司,市工业和信息化局,130481,114.21,36.71,,,否`;
    const up = (rows: string[]) =>
      form({}, [['扬尘源.csv', Buffer.from([head, ...rows].join('\n'))]]);
    const refused = await call(
      'admin',
      'POST',
      '/api/dust/sources/import',
      undefined,
      up([good, bad]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    expect(refused.body.detail.issues).toMatchObject([{ row: 3, code: 'LT_ERR_DUST_BAD_SOURCE' }]);
    expect((await call('admin', 'GET', '/api/dust/sources')).body.sources).toHaveLength(1);
    const ok = await call(
      'admin',
      'POST',
      '/api/dust/sources/import',
      undefined,
      up([good, bad.replace(',房建,', ',,')]),
    );
    expect(ok.body).toEqual({ rows: 2, created: 2, updated: 0 });

    const codes = async (u: string) =>
      (await call(u, 'GET', '/api/dust/sources')).body.sources.map((s: { code: string }) => s.code);
    expect(await codes('admin')).toEqual(['HS-2026-001', 'WA-M-01', 'WA-Y-02']);
    expect(await codes('hanshan')).toEqual(['HS-2026-001']);
    expect(await codes('wuan')).toEqual(['WA-M-01', 'WA-Y-02']);
    expect(await codes('jianshe')).toEqual(['HS-2026-001']);
    const mine = (await call('wuan', 'GET', '/api/dust/sources?kind=mine')).body.sources;
    expect(mine).toMatchObject([{ code: 'WA-M-01', checklist: { fence: true }, checklistMet: 1 }]);
  });

  it('reads a site monitor through the HJ 212 ingest, raises alarms and ranks the sites', async () => {
    await createDevice(
      t.db,
      systemClock,
      {
        mn: MN,
        kind: 'outlet',
        target: 'HS-2026-001-YC',
        password: DEVICE_PW,
        crc: 'standard',
        intervalS: 3600,
        edition: 'auto',
      },
      { actor: 'test', ip: null },
    );
    await ingest.refreshDevices();
    expect(
      (await call('wuan', 'POST', `/api/dust/sources/${siteId}/monitors`, { mn: MN })).body.code,
    ).toBe('LT_ERR_OUT_OF_SCOPE');
    expect(
      (await call('hanshan', 'POST', `/api/dust/sources/${siteId}/monitors`, { mn: MN })).status,
    ).toBe(204);

    const pm10 = [100, 160, 170, 180, 120, 90];
    const c = await TestClient.open(ingest.port);
    await c.write(
      Buffer.concat(
        pm10.map((v, h) =>
          frame(
            upload(
              MN,
              '2061',
              T0 + h * HOUR,
              { a34002: { Avg: v, Flag: 'N' }, a34001: { Avg: v * 2, Flag: 'N' } },
              { st: '39' },
            ),
          ),
        ),
      ),
    );
    const acks = await c.waitFor(6);
    expect(acks).toHaveLength(6);
    c.close();
    await ingest.drain();

    const hours = await call(
      'hanshan',
      'GET',
      `/api/dust/sources/${siteId}/hours?from=2026-03-02&to=2026-03-02`,
    );
    expect(hours.body.hours.map((h: { pm10: number }) => h.pm10)).toEqual(pm10);
    expect(hours.body.hours[0]).toEqual({ at: T0, pm10: 100, tsp: 200 });

    // Now 21:10 Beijing: PM10 > 150 in hours 1–3 (3 ≥ 2) and nothing since hour 5 (hours 6–12: 7 ≥ 6).
    clock.t = T0 + 13 * HOUR + 10 * 60_000;
    const run = await call('admin', 'POST', '/api/dust/alarms/run');
    expect(run.body).toEqual({ sites: 1, created: 2, updated: 0 });
    expect(await runSiteAlarms(t.db, cfg, clock.t)).toEqual({ sites: 1, created: 0, updated: 2 });
    const alarms = (await call('jianshe', 'GET', '/api/dust/alarms')).body.alarms;
    expect(alarms.map((a: object) => ({ ...a, id: 0, sourceId: 0 }))).toEqual([
      {
        id: 0,
        sourceId: 0,
        sourceCode: 'HS-2026-001',
        sourceName: '邯山区某住宅项目',
        regionAdcode: '130402',
        kind: 'offline',
        startAt: T0 + 6 * HOUR,
        endAt: null,
        peak: 7,
        edition: 'lantian-dust-site-1',
      },
      {
        id: 0,
        sourceId: 0,
        sourceCode: 'HS-2026-001',
        sourceName: '邯山区某住宅项目',
        regionAdcode: '130402',
        kind: 'pm10_high',
        startAt: T0 + HOUR,
        endAt: T0 + 4 * HOUR,
        peak: 180,
        edition: 'lantian-dust-site-1',
      },
    ]);
    expect((await call('wuan', 'GET', '/api/dust/alarms')).body.alarms).toEqual([]);

    // Sites ranked by mean hourly PM10: (100+160+170+180+120+90)/6 = 136.67 → 137.
    const ranking = (
      await call('admin', 'GET', '/api/dust/sites/ranking?from=2026-03-02&to=2026-03-02')
    ).body.rows;
    expect(ranking).toMatchObject([
      { code: 'HS-2026-001', hours: 6, pm10: 137, max: 180, rank: 1, openAlarms: 1 },
    ]);
    const src = (await call('hanshan', 'GET', '/api/dust/sources')).body.sources[0];
    expect(src).toMatchObject({ devices: [MN], openAlarms: 1 });
  });

  it('ranks the units by the PM10 of their assessment stations', async () => {
    const pm10 = { '130402': 90, '130481': 120, '130426': 70 } as Record<string, number>;
    const ids = await upsertStations(
      t.db,
      Object.keys(pm10).map((a) => ({
        code: `PM-${a}`,
        name: `站-${a}`,
        regionAdcode: a,
        kind: '县控',
        role: 'assessment',
        lon: null,
        lat: null,
        pollutants: ['PM10'],
      })),
      0,
    );
    for (const [a, v] of Object.entries(pm10))
      await t.db.kysely
        .insertInto('station_daily')
        .values(
          eachLocalDate('2026-02-01', '2026-02-28').map((day) => ({
            station_id: ids.get(`PM-${a}`)!,
            day,
            so2: 10,
            no2: 20,
            pm10: v,
            pm2_5: 40,
            co: 0.5,
            o3_1h: 80,
            o3_8h: 60,
            so2_n: 24,
            no2_n: 24,
            pm10_n: 24,
            pm2_5_n: 24,
            co_n: 24,
            o3_1h_n: 24,
            o3_8h_n: 17,
            computed_at: 0,
          })),
        )
        .execute();
    const r = (await call('hanshan', 'GET', '/api/dust/pm10/ranking?month=2026-02')).body;
    expect(
      r.rows
        .slice(0, 4)
        .map((x: { rank: number | null; name: string; pm10: number | null }) => [
          x.rank,
          x.name,
          x.pm10,
        ]),
    ).toEqual([
      [1, '涉县', 70],
      [2, '邯山区', 90],
      [3, '武安市', 120],
      [null, '丛台区', null],
    ]);
    expect(r.rows).toHaveLength(20);
  });

  it('records inspections with photos, refuses non-images and closes a failure by rectification', async () => {
    const url = `/api/dust/sources/${siteId}/inspections`;
    const findings = JSON.stringify({ ...ALL_MET, cover: false, wash: false });
    const fake = Buffer.from('%PDF-1.4\n%…not a photo\n');
    const refused = await call(
      'jianshe',
      'POST',
      url,
      undefined,
      form({ inspectedOn: '2026-03-02', findings }, [
        ['site.png', PNG],
        ['现场.jpg', fake],
      ]),
    );
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('LT_ERR_ATTACHMENT_TYPE');
    expect((await call('admin', 'GET', '/api/dust/inspections')).body.inspections).toEqual([]);
    const partial = await call(
      'jianshe',
      'POST',
      url,
      undefined,
      form({ inspectedOn: '2026-03-02', findings: '{"fence":true}' }, []),
    );
    expect(partial.body.code).toBe('LT_ERR_BAD_REQUEST');
    expect(
      (
        await call(
          'wuan',
          'POST',
          url,
          undefined,
          form({ inspectedOn: '2026-03-02', findings }, []),
        )
      ).body.code,
    ).toBe('LT_ERR_OUT_OF_SCOPE');

    const ins = await call(
      'jianshe',
      'POST',
      url,
      undefined,
      form({ inspectedOn: '2026-03-02', findings, note: '裸土未苫盖，冲洗设施未运行' }, [
        ['site.png', PNG],
      ]),
    );
    expect(ins.status).toBe(200);
    expect(ins.body).toMatchObject({
      status: 'open',
      passed: false,
      failed: ['cover', 'wash'],
      deadline: '2026-03-09',
      department: '市建设局',
      regionAdcode: '130402',
      overdue: false,
    });
    const id = ins.body.id;
    const photo = await call(
      'hanshan',
      'GET',
      `/api/dust/inspections/${id}/photos/${ins.body.photos[0].sha256}`,
    );
    expect(Buffer.compare(photo.raw, PNG)).toBe(0);
    expect((await call('hanshan', 'GET', '/api/dust/sources')).body.sources[0]).toMatchObject({
      checklistMet: 6,
      openInspections: 1,
    });
    // Listed for the county and the department, not for another county.
    expect(
      (await call('hanshan', 'GET', '/api/dust/inspections?status=open')).body.inspections.map(
        (i: { id: number }) => i.id,
      ),
    ).toEqual([id]);
    expect(
      (await call('jianshe', 'GET', '/api/dust/inspections?status=open')).body.inspections,
    ).toHaveLength(1);
    expect((await call('wuan', 'GET', '/api/dust/inspections')).body.inspections).toEqual([]);
    // Overdue once the deadline has passed.
    clock.t = Date.UTC(2026, 2, 10, 2);
    expect(
      (await call('hanshan', 'GET', '/api/dust/inspections')).body.inspections[0].overdue,
    ).toBe(true);

    const done = await call('hanshan', 'POST', `/api/dust/inspections/${id}/rectify`, {
      text: '已苫盖，冲洗设施恢复运行',
    });
    expect(done.body).toMatchObject({
      status: 'closed',
      overdue: false,
      rectification: '已苫盖，冲洗设施恢复运行',
    });
    expect(
      (await call('hanshan', 'POST', `/api/dust/inspections/${id}/rectify`, { text: '再次' })).body
        .code,
    ).toBe('LT_ERR_DUST_INSPECTION_STATE');
    const pass = await call(
      'hanshan',
      'POST',
      url,
      undefined,
      form({ inspectedOn: '2026-03-10', findings: JSON.stringify(ALL_MET) }, []),
    );
    expect(pass.body).toMatchObject({ status: 'passed', deadline: null });
    expect((await call('hanshan', 'GET', '/api/dust/sources')).body.sources[0]).toMatchObject({
      checklistMet: 8,
      openInspections: 0,
    });
  });
});
