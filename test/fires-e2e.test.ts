/**
 * Open burning end to end, over HTTP with a real store (both dialects): a satellite hotspot file
 * with duplicates, repeats, bad rows and points outside the city is placed in the right counties
 * (points are the county map's own centroids, converted to WGS-84 as satellites report them),
 * merged within the windows and dispatched; each county sees and answers only its own fires; the
 * periodic job escalates what is unanswered past the deadline as the clock moves; monthly counts
 * per unit; infrared cameras post alarms with their own key, bounded in type and rate.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { firesConfigFromEnv } from '../src/fires/fires-config.ts';
import { startFiresJob } from '../src/fires/fires-job.ts';
import { gcj02ToWgs84 } from '../src/geo/gcj02.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';

const PW = 'Lantian-test-2020';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const CFG = {
  ...firesConfigFromEnv({}),
  cameraPerMinute: 4,
  addressPerMinute: 8,
  maxImageBytes: 64 * 1024,
  escalateIntervalSeconds: 1,
};

/** WGS-84 position of a county's centroid as given by the county map (GCJ-02). */
function centroidOf(adcode: number): [number, number] {
  const geo = JSON.parse(readFileSync(CFG.countyMapFile, 'utf8')) as {
    features: Array<{ properties: { adcode: number; centroid?: [number, number] } }>;
  };
  const c = geo.features.find((f) => f.properties.adcode === adcode)!.properties.centroid!;
  const [lon, lat] = gcj02ToWgs84(c[0], c[1]);
  return [Number(lon.toFixed(5)), Number(lat.toFixed(5))];
}

const FEIXIANG = centroidOf(130407);
const LINZHANG = centroidOf(130423);
const WUAN = centroidOf(130481);

const HEADER =
  'latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight';
const row = (lon: number, lat: number, date: string, time: string, conf = 'n', sat = 'N') =>
  `${lat},${lon},335.2,0.39,0.36,${date},${time},${sat},VIIRS,${conf},2.0NRT,290.1,4.2,D`;
const [fx, fy] = FEIXIANG;
/** Line numbers are 1-based with the header as line 1. */
const FILE = [
  HEADER,
  row(fx, fy + 0.0027, '2026-10-10', '715'), // 2: 300 m north, 1 h 45 later: merges with line 3
  row(fx, fy, '2026-10-10', '0530'), // 3: new fire in 肥乡区
  row(fx, fy, '2026-10-10', '0530'), // 4: the same detection again: repeat
  row(fx + 0.035, fy, '2026-10-10', '0530'), // 5: 3 km east: a fire of its own
  row(fx, fy, '2026-10-10', '1400'), // 6: same place, 6 h 45 after line 2: a new fire
  row(LINZHANG[0], LINZHANG[1], '2026-10-10', '0531', '85', 'Aqua').replace('VIIRS', 'MODIS'), // 7
  row(116.4, 39.9, '2026-10-10', '0530'), // 8: Beijing: outside
  row(114.35, 36.08, '2026-10-10', '0530'), // 9: Anyang, Henan: outside
  row(fx, fy, '2026-10-10', '0530').replace(String(fy), 'abc'), // 10: bad latitude
  row(fx, fy, '2026-10-10', '2575'), // 11: bad time
  row(fx, fy, '2026-10-10', '0530', 'x'), // 12: bad confidence
].join('\n');

/** A multipart/form-data body of fields and files. */
function form(fields: Record<string, string>, files: Array<[string, string, Buffer]>) {
  const b = `----lantian${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  for (const [field, name, data] of files)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

/** 2026-10-10 10:00 Beijing time. */
const T0 = Date.UTC(2026, 9, 10, 2);

describe.each(dialectsUnderTest())('open burning on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let dir: string;
  const clock = movableClock(T0);
  let who: Record<string, { cookie: string; csrf: string }> = {};

  const call = async (
    user: string | null,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
    raw?: { payload: Buffer; type: string },
    headers: Record<string, string> = {},
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(user ? sessionHeaders(who[user]!) : {}),
        ...(raw ? { 'content-type': raw.type } : {}),
        ...headers,
      },
      ...(raw ? { payload: raw.payload } : body ? { payload: body } : {}),
    });
    const json = String(res.headers['content-type']).includes('json') ? res.json() : undefined;
    return { status: res.statusCode, body: json, raw: res.rawPayload };
  };
  const count = async (table: 'fire_observations' | 'fire_events' | 'fire_event_photos') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = async (user: string, query = '') =>
    (await call(user, 'GET', `/api/fires/events${query}`)).body as {
      total: number;
      items: Array<{
        id: number;
        county: string;
        status: string;
        observations: number;
        firstSeen: number;
      }>;
    };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-fires-'));
    await upsertRegions(
      t.db,
      [
        { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
        { adcode: '130407', name: '肥乡区', parentAdcode: '130400', level: 'county' },
        { adcode: '130423', name: '临漳县', parentAdcode: '130400', level: 'county' },
        { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      ],
      0,
    );
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['feixiang', 'county', { regionAdcode: '130407' }],
      ['linzhang', 'county', { regionAdcode: '130423' }],
      ['wuan', 'county', { regionAdcode: '130481' }],
    ];
    for (const [username, role, binding] of users)
      await createUser(t.db, clock, { actor: 'test', ip: null }, {
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
        sessionIdleMs: 30 * 86_400_000,
        sessionAbsoluteMs: 30 * 86_400_000,
      },
      web: false,
      fires: CFG,
      blobs: new DiskBlobStore(dir),
    });
    who = await signInAll(
      app,
      users.map((u) => u[0]),
      PW,
    );
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('imports a hotspot file: merges duplicates, logs outside points and bad rows, dispatches to the right counties', async () => {
    const csv = form({}, [['file', 'fire_nrt_J1V-C2_2026-10-10.csv', Buffer.from(FILE)]]);
    expect((await call('feixiang', 'POST', '/api/fires/hotspots', undefined, csv)).status).toBe(
      403,
    );
    const r = await call('admin', 'POST', '/api/fires/hotspots', undefined, csv);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      rows: 11,
      accepted: 5,
      outside: 2,
      repeated: 1,
      merged: 1,
      newEvents: 4,
      errors: 3,
      dispatched: { '130407': 3, '130423': 1 },
    });
    expect(r.body.issues.map((i: { line: number; code: string }) => [i.line, i.code])).toEqual([
      [10, 'LT_ERR_FIRE_ROW_COORD'],
      [11, 'LT_ERR_FIRE_ROW_TIME'],
      [12, 'LT_ERR_FIRE_ROW_CONFIDENCE'],
    ]);
    const log = await call('admin', 'GET', `/api/fires/imports/${r.body.importId}`);
    expect(log.body.outsidePoints.map((p: { line: number }) => p.line)).toEqual([8, 9]);
    expect(log.body.issues).toHaveLength(3);

    const fx = await events('admin', '?county=130407');
    expect(fx.items.map((e) => [e.observations, e.status]).sort()).toEqual([
      [1, 'dispatched'],
      [1, 'dispatched'],
      [2, 'dispatched'],
    ]);
    const merged = fx.items.find((e) => e.observations === 2)!;
    expect(merged.firstSeen).toBe(Date.UTC(2026, 9, 10, 5, 30));
    const detail = await call('admin', 'GET', `/api/fires/events/${merged.id}`);
    expect(detail.body.observationList.map((o: { line: number }) => o.line)).toEqual([3, 2]);
    expect(detail.body).toMatchObject({
      deadlineAt: T0 + 3_600_000,
      month: '2026-10',
      rules: { mergeKm: 1, mergeHours: 6, confirmMinutes: 60 },
    });
    const lz = await events('admin', '?county=130423');
    expect(lz.total).toBe(1);

    // The same file again changes nothing.
    const again = await call('admin', 'POST', '/api/fires/hotspots', undefined, csv);
    expect(again.body).toMatchObject({
      accepted: 0,
      outside: 0,
      repeated: 8,
      newEvents: 0,
      errors: 3,
    });
    expect(await count('fire_events')).toBe(4);

    // A file without the required columns is refused whole.
    const bad = form({}, [['file', 'x.csv', Buffer.from('lat,lon\n36.5,114.8\n')]]);
    const refused = await call('admin', 'POST', '/api/fires/hotspots', undefined, bad);
    expect([refused.status, refused.body.code]).toEqual([400, 'LT_ERR_FIRE_CSV_HEADER']);
    expect((await call('admin', 'GET', '/api/fires/imports')).body).toHaveLength(2);
  });

  it('each county sees and answers only its own fires; a non-image photo stores nothing', async () => {
    const fx = await events('feixiang');
    expect(fx.items.map((e) => e.county)).toEqual(['130407', '130407', '130407']);
    const lz = await events('linzhang');
    expect(lz.items.map((e) => e.county)).toEqual(['130423']);
    expect((await events('wuan')).total).toBe(0);
    const other = await call('feixiang', 'GET', `/api/fires/events/${lz.items[0]!.id}`);
    expect([other.status, other.body.code]).toEqual([403, 'LT_ERR_OUT_OF_SCOPE']);

    const target = fx.items.find((e) => e.observations === 2)!.id;
    const answer = (photo: [string, Buffer]) =>
      form({ outcome: 'burning', text: '现场确认焚烧秸秆，已扑灭' }, [['photo', ...photo]]);
    const cross = await call(
      'linzhang',
      'POST',
      `/api/fires/events/${target}/answer`,
      undefined,
      answer(['a.png', PNG]),
    );
    expect(cross.status).toBe(403);
    const notImage = await call(
      'feixiang',
      'POST',
      `/api/fires/events/${target}/answer`,
      undefined,
      answer(['现场.png', Buffer.from('this is not a picture')]),
    );
    expect([notImage.status, notImage.body.code]).toEqual([415, 'LT_ERR_ATTACHMENT_TYPE']);
    const noPhoto = await call(
      'feixiang',
      'POST',
      `/api/fires/events/${target}/answer`,
      undefined,
      form({ outcome: 'burning' }, []),
    );
    expect(noPhoto.body.code).toBe('LT_ERR_FIRE_PHOTOS');
    expect(await count('fire_event_photos')).toBe(0);
    expect((await call('admin', 'GET', `/api/fires/events/${target}`)).body.status).toBe(
      'dispatched',
    );

    clock.t = T0 + 30 * 60_000;
    const ok = await call(
      'feixiang',
      'POST',
      `/api/fires/events/${target}/answer`,
      undefined,
      answer(['现场.png', PNG]),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'answered',
      outcome: 'burning',
      answeredBy: 'feixiang',
    });
    expect(ok.body.photos).toHaveLength(1);
    const photo = await call(
      'feixiang',
      'GET',
      `/api/fires/events/${target}/photos/${ok.body.photos[0].id}`,
    );
    expect(photo.raw.equals(PNG)).toBe(true);
    const twice = await call(
      'feixiang',
      'POST',
      `/api/fires/events/${target}/answer`,
      undefined,
      answer(['b.png', PNG]),
    );
    expect(twice.body.code).toBe('LT_ERR_FIRE_EVENT_STATE');
  });

  it('the periodic job escalates unanswered fires once the deadline has passed', async () => {
    const job = startFiresJob({ db: t.db, clock, log: pino({ level: 'silent' }) }, CFG);
    try {
      clock.t = T0 + 59 * 60_000;
      await new Promise((r) => setTimeout(r, 1300));
      expect((await events('admin', '?status=escalated')).total).toBe(0);
      clock.t = T0 + 61 * 60_000;
      for (let i = 0; i < 40 && (await events('admin', '?status=escalated')).total < 3; i++)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await job.stop();
    }
    const esc = await events('admin', '?status=escalated');
    expect(esc.items.map((e) => e.county).sort()).toEqual(['130407', '130407', '130423']);
    expect((await events('admin', '?status=answered')).total).toBe(1);
    const audit = await listAudit(t.db, {});
    expect(audit.filter((a) => a.action === 'fire.escalate')).toHaveLength(3);
    expect(audit.some((a) => a.action === 'fire.answer' && a.actor === 'feixiang')).toBe(true);

    const monthly = await call('admin', 'GET', '/api/fires/monthly?from=2026-10&to=2026-10');
    expect(monthly.body.rows).toEqual([
      {
        county: '130407',
        month: '2026-10',
        events: 3,
        burning: 1,
        industrial: 0,
        falseAlarm: 0,
        open: 2,
        escalated: 2,
      },
      {
        county: '130423',
        month: '2026-10',
        events: 1,
        burning: 0,
        industrial: 0,
        falseAlarm: 0,
        open: 1,
        escalated: 1,
      },
    ]);
    const own = await call('linzhang', 'GET', '/api/fires/monthly?from=2026-10&to=2026-10');
    expect(own.body.rows.map((r: { county: string }) => r.county)).toEqual(['130423']);
  });

  it('cameras post alarms with their own key only; non-images, outside points and floods are refused', async () => {
    const reg = async (code: string, [lon, lat]: [number, number]) =>
      (await call('admin', 'POST', '/api/fires/cameras', { code, name: `${code} 塔`, lon, lat }))
        .body;
    const cam1 = await reg('WA-001', WUAN);
    const cam2 = await reg('FX-001', FEIXIANG);
    expect(cam1).toMatchObject({ county: '130481', active: true });
    expect(cam1.key).toMatch(/^ltcam_/);
    const listed = await call('admin', 'GET', '/api/fires/cameras');
    expect(JSON.stringify(listed.body)).not.toContain(cam1.key);
    const far = await call('admin', 'POST', '/api/fires/cameras', {
      code: 'BJ',
      name: 'x',
      lon: 116.4,
      lat: 39.9,
    });
    expect(far.body.code).toBe('LT_ERR_FIRE_OUTSIDE_CITY');

    const obsBefore = await count('fire_observations');
    const blobsBefore = readdirSync(dir, { recursive: true }).length;
    const alarm = (key: string, fields: Record<string, string>, image: [string, Buffer]) =>
      call(
        null,
        'POST',
        '/api/fires/camera-alarms',
        undefined,
        form(fields, [['image', ...image]]),
        {
          'x-lantian-camera': 'WA-001',
          'x-lantian-camera-key': key,
        },
      );
    const time = new Date(T0 + 30 * 60_000).toISOString();
    const foreign = await alarm(cam2.key, { time }, ['a.png', PNG]);
    expect([foreign.status, foreign.body.code]).toEqual([401, 'LT_ERR_FIRE_CAMERA_AUTH']);
    const notImage = await alarm(cam1.key, { time }, [
      'a.png',
      Buffer.from('<html>not an image</html>'),
    ]);
    expect([notImage.status, notImage.body.code]).toEqual([415, 'LT_ERR_ATTACHMENT_TYPE']);
    const outside = await alarm(cam1.key, { time, lon: '116.4', lat: '39.9' }, ['a.png', PNG]);
    expect([outside.status, outside.body.code]).toEqual([400, 'LT_ERR_FIRE_OUTSIDE_CITY']);
    const big = Buffer.concat([PNG, Buffer.alloc(70 * 1024)]);
    const tooLarge = await alarm(cam1.key, { time }, ['a.png', big]);
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'LT_ERR_ATTACHMENT_TOO_LARGE']);
    expect(await count('fire_observations')).toBe(obsBefore);
    expect(readdirSync(dir, { recursive: true }).length).toBe(blobsBefore);

    const ok = await alarm(cam1.key, { time }, ['a.png', PNG]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ result: 'new', county: '130481' });
    // The fifth request of this camera within the minute is over its limit of 4.
    const flood = await alarm(cam1.key, { time }, ['a.png', PNG]);
    expect([flood.status, flood.body.code]).toEqual([429, 'LT_ERR_FIRE_RATE_LIMITED']);
    expect(await count('fire_observations')).toBe(obsBefore + 1);
    // One address: 8 requests a minute, whatever their credentials (6 sent so far).
    const guesses = [];
    for (let i = 0; i < 3; i++)
      guesses.push((await alarm(`ltcam_${'x'.repeat(43)}`, { time }, ['a.png', PNG])).status);
    expect(guesses).toEqual([401, 401, 429]);

    const wa = await events('wuan');
    expect(wa.items.map((e) => e.id)).toEqual([ok.body.eventId]);
    const d = await call('wuan', 'GET', `/api/fires/events/${ok.body.eventId}`);
    expect(d.body.sources).toEqual(['camera']);
    const img = await call(
      'wuan',
      'GET',
      `/api/fires/events/${ok.body.eventId}/observations/${d.body.observationList[0].id}/image`,
    );
    expect(img.raw.equals(PNG)).toBe(true);
    expect((await call('feixiang', 'GET', `/api/fires/events/${ok.body.eventId}`)).status).toBe(
      403,
    );
  });
});
