/**
 * The gate test (issue 12) over a real listening HTTP server, with a real store and real photo
 * files: gates registered with their own credentials post passages with photos (multipart and by
 * reference), replay them after an outage (no duplicates, counts unchanged), pull the blacklist
 * with ETag/304, report a manual opening (a violation for the county, photo served to it only);
 * at orange (an episode issued through the warnings domain) a China IV truck entering an
 * enterprise with ≥ 10 trucks a day is a violation and a 'banned-truck' warning violation.
 * Bad input — not an image, oversized, impossible time or stage, another gate's credential — is
 * refused with stable codes and nothing is stored (rows and files counted).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { gatesConfigFromEnv } from '../src/gates/gate-config.ts';
import type { Db } from '../src/store/db.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionCall, signInAll } from './support/sign-in.ts';

const PW = 'Lantian-test-2020';
/** 2026-12-07 10:00 Beijing. */
const NOW = Date.UTC(2026, 11, 7, 2);
const MAX_PHOTO = 32 * 1024;

const jpeg = (n: number, seed: number): Buffer => {
  const b = Buffer.alloc(n, seed);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
};
const png = (n: number, seed: number): Buffer => {
  const b = Buffer.alloc(n, seed);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  return b;
};
/** A fetch answer's JSON, loosely typed: tests read the fields they check. */
const asJson = (r: Response): Promise<any> => r.json();
/** Beijing wall time of an instant as ISO 8601 with +08:00. */
const bj = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

async function seed(db: Db): Promise<{ steel: number; coke: number }> {
  await upsertRegions(
    db,
    [
      { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      { adcode: '130424', name: '成安县', parentAdcode: '130400', level: 'county' },
    ],
    0,
  );
  const ent = async (credit_code: string, region_adcode: string, name: string) =>
    Number(
      (
        await db.kysely
          .insertInto('enterprises')
          .values({
            credit_code,
            region_adcode,
            name,
            industry: 'steel',
            categories: '[]',
            address: null,
            lon: null,
            lat: null,
            grade: null,
            grade_edition: null,
            grade_date: null,
            positive_list: 0,
            positive_reason: null,
            positive_until: null,
            guarantee: 0,
            guarantee_reason: null,
            guarantee_until: null,
            key_discharger: 1,
            simulated: 0,
            created_at: 0,
            updated_at: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  return {
    steel: await ent('91130400MA0A000001', '130481', '武安某钢铁'),
    coke: await ent('91130400MA0A000002', '130424', '成安某焦化'),
  };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[] = [];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

describe.each(dialectsUnderTest())('gate systems over HTTP on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let base = '';
  let photoDir = '';
  let ids: { steel: number; coke: number };
  const clock = movableClock(NOW);
  let who: Record<string, { cookie: string; csrf: string }> = {};
  const call = sessionCall(() => app, who);
  const creds: Record<string, { id: number; credential: string }> = {};

  const officer = async (
    user: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: object,
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie: who[user]!.cookie, 'x-lantian-csrf': who[user]!.csrf },
      ...(body ? { payload: body } : {}),
    });
    return { status: res.statusCode, body: res.json() };
  };

  /** A multipart passage posted by a gate over the network. */
  const post = async (
    gate: string,
    record: object,
    photos: Array<[string, Buffer]> = [],
    query = '',
  ): Promise<{ status: number; body: any }> => {
    const form = new FormData();
    form.append('record', JSON.stringify(record));
    for (const [field, data] of photos) form.append(field, new Blob([data]), `${field}.bin`);
    const res = await fetch(`${base}/api/gate-api/passages${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${creds[gate]?.credential ?? gate}` },
      body: form,
    });
    return { status: res.status, body: await asJson(res) };
  };
  const gateGet = (gate: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${creds[gate]!.credential}`, ...headers },
    });

  const counts = async () => {
    const n = async (
      table: 'gate_passages' | 'gate_photos' | 'gate_violations' | 'gate_photo_uploads',
    ) =>
      Number(
        (await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      );
    return {
      passages: await n('gate_passages'),
      photos: await n('gate_photos'),
      violations: await n('gate_violations'),
      uploads: await n('gate_photo_uploads'),
      files: filesUnder(photoDir).length,
    };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    ids = await seed(t.db);
    photoDir = mkdtempSync(join(tmpdir(), 'lantian-gate-photos-'));
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['wuan', 'county', { regionAdcode: '130481' }],
      ['chengan', 'county', { regionAdcode: '130424' }],
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
        sessionIdleMs: 400 * 86_400_000,
        sessionAbsoluteMs: 400 * 86_400_000,
      },
      web: false,
      gates: {
        ...gatesConfigFromEnv({}),
        photoDir,
        maxPhotoBytes: MAX_PHOTO,
        maxPhotos: 6,
        maxRequestBytes: 4 * MAX_PHOTO,
        authFailuresPerMinute: 8,
      },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    Object.assign(
      who,
      await signInAll(
        app,
        users.map((u) => u[0]),
        PW,
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    rmSync(photoDir, { recursive: true, force: true });
  });

  it('registers gates with credentials shown once, within the officer’s county', async () => {
    const a = await officer('admin', 'POST', '/api/gates', {
      enterpriseId: ids.steel,
      name: '1号门（东门）',
      direction: 'both',
    });
    expect(a.status).toBe(200);
    expect(a.body.credential).toMatch(/^ltg_[A-Za-z0-9_-]{43}$/);
    creds['A'] = { id: a.body.gate.id, credential: a.body.credential };
    const b = await officer('wuan', 'POST', '/api/gates', {
      enterpriseId: ids.steel,
      name: '2号门（西门）',
      direction: 'in',
    });
    expect(b.status).toBe(200);
    creds['B'] = { id: b.body.gate.id, credential: b.body.credential };
    const foreign = await officer('chengan', 'POST', '/api/gates', {
      enterpriseId: ids.steel,
      name: 'x',
    });
    expect(foreign.body.code).toBe('LT_ERR_GATE_BAD_INPUT');
    const c = await officer('chengan', 'POST', '/api/gates', {
      enterpriseId: ids.coke,
      name: '焦化大门',
    });
    creds['C'] = { id: c.body.gate.id, credential: c.body.credential };
    const wuanList = await officer('wuan', 'GET', '/api/gates');
    expect(wuanList.body.gates.map((g: { name: string }) => g.name)).toEqual([
      '1号门（东门）',
      '2号门（西门）',
    ]);
    expect(JSON.stringify(wuanList.body)).not.toContain(a.body.credential);
    expect((await officer('chengan', 'GET', '/api/gates')).body.gates).toHaveLength(1);
    // Rotation: the old credential stops at once.
    const old = creds['C']!.credential;
    const rot = await officer('chengan', 'POST', `/api/gates/${creds['C']!.id}/credential`);
    expect(rot.body.credential).not.toBe(old);
    creds['C'] = { id: rot.body.gate.id, credential: rot.body.credential };
    expect(
      (await post(old, { recordId: 'c0', time: bj(NOW), direction: 'in', plate: '冀D0' })).body
        .code,
    ).toBe('LT_ERR_GATE_CREDENTIAL');
  });

  it('stores passages with photos once; a replay after an outage changes nothing', async () => {
    const before = await counts();
    const recs = [
      {
        recordId: 'A-1',
        time: bj(NOW - 3 * 3_600_000),
        direction: 'in',
        plate: '冀D 11111',
        plateColour: 'yellow',
        vin: 'LZZ1CLVB0KA111111',
        emissionStage: '6',
        fuel: '柴油',
        registrationDate: '20200115',
        goods: '铁矿石',
        quantityT: 32.5,
        fleet: '邯运物流',
      },
      {
        recordId: 'A-2',
        time: '20261207 095500',
        direction: 'out',
        plate: '冀D11111',
        emissionStage: '6',
      },
      {
        recordId: 'A-3',
        time: bj(NOW - 60_000),
        direction: 'in',
        plate: '冀D22222',
        emissionStage: 'D',
      },
    ];
    const photos = (i: number): Array<[string, Buffer]> => [
      ['photo_body', jpeg(2000, i)],
      ['photo_front', jpeg(2100, i)],
      ['photo_plate', png(300, i)],
    ];
    const first = [];
    for (const [i, r] of recs.entries()) {
      const a = await post('A', r, photos(i + 1));
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(a.body.duplicate).toBe(false);
      first.push(a.body);
    }
    expect(first.map((a) => a.late)).toEqual([true, false, false]);
    expect(first.every((a) => a.violations.length === 0)).toBe(true);
    const mid = await counts();
    expect(mid.passages - before.passages).toBe(3);
    expect(mid.photos - before.photos).toBe(9);
    expect(mid.files - before.files).toBe(9);
    const stored = await t.db.kysely
      .selectFrom('gate_passages')
      .selectAll()
      .where('gate_record_id', '=', 'A-1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      plate: '冀D11111',
      registration_date: '2020-01-15',
      emission_stage: '6',
      fleet: '邯运物流',
    });
    expect(Number(stored.passed_at)).toBe(NOW - 3 * 3_600_000);
    const a2 = await t.db.kysely
      .selectFrom('gate_passages')
      .select('passed_at')
      .where('gate_record_id', '=', 'A-2')
      .executeTakeFirstOrThrow();
    expect(Number(a2.passed_at)).toBe(NOW - 5 * 60_000);
    // The outage ends: the gate replays its local store in another order.
    clock.t += 30 * 60_000;
    for (const i of [2, 0, 1]) {
      const again = await post('A', recs[i]!, photos(i + 1));
      expect(again.body).toEqual({ ...first[i], duplicate: true });
    }
    expect(await counts()).toEqual(mid);
    // By reference: a photo uploaded first, then the record as JSON.
    const up = new FormData();
    up.append('photo', new Blob([jpeg(1500, 9)]), 'x.jpg');
    const u = await fetch(`${base}/api/gate-api/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${creds['A']!.credential}` },
      body: up,
    });
    const meta = await asJson(u);
    expect(meta).toMatchObject({ size: 1500, mediaType: 'image/jpeg' });
    const json = (gate: string, record: object) =>
      fetch(`${base}/api/gate-api/passages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${creds[gate]!.credential}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(record),
      }).then(async (r) => ({ status: r.status, body: await asJson(r) }));
    const byRef = {
      recordId: 'A-4',
      time: bj(clock.t - 60_000),
      direction: 'in',
      plate: '冀D33333',
      emissionStage: '5',
      photos: [{ kind: 'body', sha256: meta.sha256 }],
    };
    const j = await json('A', byRef);
    expect(j.status).toBe(200);
    expect((await json('A', byRef)).body).toEqual({ ...j.body, duplicate: true });
    // Another gate cannot use gate A's upload.
    const stolen = await json('B', { ...byRef, recordId: 'B-1' });
    expect(stolen.body.code).toBe('LT_ERR_GATE_PHOTO_UNKNOWN');
    const hb = await fetch(`${base}/api/gate-api/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${creds['B']!.credential}` },
    });
    expect((await asJson(hb)).at).toBe(clock.t);
    const gates = (await officer('admin', 'GET', '/api/gates')).body.gates;
    expect(gates.find((g: { id: number }) => g.id === creds['B']!.id).lastSeenAt).toBe(clock.t);
    // The heartbeat's hour counts towards the gate's completeness (src/gates/stats/).
    const seen = await t.db.kysely
      .selectFrom('gate_seen_hours')
      .select('hour_start')
      .where('gate_id', '=', creds['B']!.id)
      .execute();
    expect(seen.map((r) => Number(r.hour_start))).toEqual([
      Math.floor(clock.t / 3_600_000) * 3_600_000,
    ]);
  });

  it('serves the blacklist with ETag and 304; a blacklisted entry is flagged', async () => {
    const r0 = await gateGet('A', '/api/gate-api/blacklist');
    const v0 = (await asJson(r0)).version;
    expect(r0.headers.get('etag')).toBe(`"${v0}"`);
    expect(
      (await gateGet('A', '/api/gate-api/blacklist', { 'if-none-match': `"${v0}"` })).status,
    ).toBe(304);
    const add = await officer('wuan', 'POST', '/api/gates/blacklist', {
      plate: '冀D 44444',
      reason: '遥感检测两次超标',
      source: 'remote-sensing',
    });
    expect(add.status).toBe(200);
    expect(
      (await officer('wuan', 'POST', '/api/gates/blacklist', { reason: 'x', source: 'manual' }))
        .body.code,
    ).toBe('LT_ERR_GATE_BAD_INPUT');
    const r1 = await gateGet('A', '/api/gate-api/blacklist', { 'if-none-match': `"${v0}"` });
    expect(r1.status).toBe(200);
    const list = await asJson(r1);
    expect(list.version).toBeGreaterThan(v0);
    expect(list.entries).toEqual([
      { plate: '冀D44444', vin: null, reason: '遥感检测两次超标', source: 'remote-sensing' },
    ]);
    expect(
      (await gateGet('B', '/api/gate-api/blacklist', { 'if-none-match': r1.headers.get('etag')! }))
        .status,
    ).toBe(304);
    // Another county cannot remove it; the blacklisted truck entering is flagged.
    expect(
      (await officer('chengan', 'POST', `/api/gates/blacklist/${add.body.id}/remove`)).body.code,
    ).toBe('LT_ERR_GATE_BLACKLIST_NOT_FOUND');
    const p = await post(
      'B',
      {
        recordId: 'B-2',
        time: bj(clock.t),
        direction: 'in',
        plate: '冀D44444',
        emissionStage: '6',
      },
      [['photo_plate', png(400, 4)]],
    );
    expect(p.body.violations).toEqual(['blacklisted']);
    const rm = await officer('wuan', 'POST', `/api/gates/blacklist/${add.body.id}/remove`);
    expect(rm.body.removedBy).toBe('wuan');
    const r2 = await gateGet('A', '/api/gate-api/blacklist', {
      'if-none-match': r1.headers.get('etag')!,
    });
    expect((await asJson(r2)).entries).toEqual([]);
  });

  it('flags a manual opening to the county, with its photo, and closes it with findings', async () => {
    const photo = jpeg(3000, 77);
    const p = await post(
      'B',
      {
        recordId: 'B-3',
        time: bj(clock.t),
        direction: 'in',
        plate: '冀D55555',
        emissionStage: '6',
        manualOpen: { by: '门卫张三', reason: '车牌识别失败' },
      },
      [['photo_manual', photo]],
    );
    expect(p.body.violations).toEqual(['manual-open']);
    const list = await officer('wuan', 'GET', '/api/gates/violations?kind=manual-open');
    expect(list.body.violations).toHaveLength(1);
    const v = list.body.violations[0];
    expect(v).toMatchObject({
      status: 'open',
      county: '130481',
      evidence: { by: '门卫张三', reason: '车牌识别失败', photo: true },
      passage: { plate: '冀D55555', manualBy: '门卫张三' },
    });
    expect((await officer('chengan', 'GET', '/api/gates/violations')).body.violations).toEqual([]);
    const sha = v.photos[0].sha256;
    const img = await app.inject({
      url: `/api/gates/photos/${sha}`,
      headers: { cookie: who['wuan']!.cookie },
    });
    expect(img.statusCode).toBe(200);
    expect(Buffer.compare(img.rawPayload, photo)).toBe(0);
    expect(
      (
        await app.inject({
          url: `/api/gates/photos/${sha}`,
          headers: { cookie: who['chengan']!.cookie },
        })
      ).statusCode,
    ).toBe(404);
    const closed = await officer('wuan', 'POST', `/api/gates/violations/${v.id}/close`, {
      findings: '现场核实：识别故障，已报修',
    });
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'wuan' });
    expect(
      (await officer('wuan', 'POST', `/api/gates/violations/${v.id}/close`, { findings: 'again' }))
        .body.code,
    ).toBe('LT_ERR_GATE_VIOLATION_STATE');
  });

  it('at orange lists a China IV truck entering an enterprise with ≥ 10 trucks a day, also as a banned-truck warning violation', async () => {
    // No warning: the ban is not in force.
    let rules = await (await gateGet('A', '/api/gate-api/rules')).json();
    expect(rules).toMatchObject({ level: null, banActive: false });
    const issued = await call('admin', 'POST', '/api/warnings/episodes', {
      region: '130400',
      level: 'orange',
      from: '2026-12-07',
      to: '2026-12-09',
      forecastVersionId: null,
      override: { reason: '省厅区域预警要求统一启动' },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const episodeId = issued.body.id;
    expect(
      (
        await officer('admin', 'PUT', '/api/warnings/lists/transport/91130400MA0A000001', {
          trucksPerDay: 12,
        })
      ).status,
    ).toBe(200);
    rules = await (await gateGet('A', '/api/gate-api/rules')).json();
    expect(rules).toMatchObject({
      level: 'orange',
      episodeId,
      banActive: true,
      rule: { id: null, bannedUpToStage: '4', minTrucksPerDay: 10 },
      trucksPerDay: { value: 12, basis: 'emergency-transport' },
    });
    const at = bj(clock.t);
    const iv = await post(
      'A',
      { recordId: 'A-10', time: at, direction: 'in', plate: '冀D66666', emissionStage: '4' },
      [['photo_body', jpeg(900, 10)]],
    );
    expect(iv.body.violations).toEqual(['banned-stage']);
    const v = await post('A', {
      recordId: 'A-11',
      time: at,
      direction: 'in',
      plate: '冀D77777',
      emissionStage: '5',
    });
    expect(v.body.violations).toEqual([]);
    const out = await post('A', {
      recordId: 'A-12',
      time: at,
      direction: 'out',
      plate: '冀D66666',
      emissionStage: '4',
    });
    expect(out.body.violations).toEqual([]);
    // Before the episode (a late record of 12-05) the ban was not in force.
    const earlier = await post('A', {
      recordId: 'A-13',
      time: '20261205 100000',
      direction: 'in',
      plate: '冀D88888',
      emissionStage: '4',
    });
    expect(earlier.body).toMatchObject({ late: true, violations: [] });
    // The coking plant has few trucks a day: the default ban does not apply to it …
    const coke = await post('C', {
      recordId: 'C-1',
      time: at,
      direction: 'in',
      plate: '冀D99999',
      emissionStage: '4',
    });
    expect(coke.body.violations).toEqual([]);
    // … until its county sets its own capacity rule: China V and lower banned, 1 truck a day.
    const rule = await officer('chengan', 'POST', '/api/gates/capacity-rules', {
      enterpriseId: ids.coke,
      fromLevel: 'orange',
      bannedUpToStage: '5',
      minTrucksPerDay: 0,
      dailyTruckCap: 1,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    expect(
      (
        await officer('chengan', 'POST', '/api/gates/capacity-rules', {
          enterpriseId: null,
          fromLevel: 'orange',
          bannedUpToStage: '4',
          minTrucksPerDay: 10,
          dailyTruckCap: null,
        })
      ).status,
    ).toBe(403);
    const coke2 = await post('C', {
      recordId: 'C-2',
      time: at,
      direction: 'in',
      plate: '冀D90000',
      emissionStage: '5',
    });
    expect(coke2.body.violations).toEqual(['banned-stage', 'over-cap']);
    const wuan = await officer('wuan', 'GET', '/api/gates/violations?kind=banned-stage');
    expect(wuan.body.violations).toHaveLength(1);
    expect(wuan.body.violations[0]).toMatchObject({
      level: 'orange',
      ruleVersion: 'gates-rules-1',
      passage: { plate: '冀D66666', emissionStage: '4' },
      evidence: { trucksPerDay: 12, trucksPerDayBasis: 'emergency-transport' },
    });
    expect(wuan.body.violations[0].photos).toHaveLength(1);
    const warn = await officer(
      'admin',
      'GET',
      `/api/warnings/violations?episode=${episodeId}&kind=banned-truck`,
    );
    expect(warn.status).toBe(200);
    expect(warn.body.total).toBe(2);
    const steelRow = warn.body.items.find(
      (x: { enterprise: { creditCode: string } }) =>
        x.enterprise.creditCode === '91130400MA0A000001',
    );
    expect(steelRow).toMatchObject({ kind: 'banned-truck', status: 'open' });
    // Replaying the banned passage records nothing twice.
    const again = await post('A', {
      recordId: 'A-10',
      time: at,
      direction: 'in',
      plate: '冀D66666',
      emissionStage: '4',
    });
    expect(again.body).toEqual({ ...iv.body, duplicate: true });
    expect(
      (
        await officer(
          'admin',
          'GET',
          `/api/warnings/violations?episode=${episodeId}&kind=banned-truck`,
        )
      ).body.total,
    ).toBe(2);
  });

  it('refuses bad input with stable codes and stores nothing', async () => {
    const before = await counts();
    const ok = {
      recordId: 'BAD-1',
      time: bj(clock.t),
      direction: 'in',
      plate: '冀D10101',
      emissionStage: '6',
    };
    const refused: Array<[Promise<{ status: number; body: any }>, number, string]> = [
      [
        post('A', ok, [['photo_body', Buffer.from('MZ this is not an image at all')]]),
        415,
        'LT_ERR_GATE_PHOTO_TYPE',
      ],
      [
        post('A', ok, [
          ['photo_body', jpeg(500, 1)],
          ['photo_front', Buffer.from('%PDF-1.7 fake')],
        ]),
        415,
        'LT_ERR_GATE_PHOTO_TYPE',
      ],
      [post('A', ok, [['photo_body', jpeg(MAX_PHOTO + 1, 2)]]), 413, 'LT_ERR_GATE_PHOTO_TOO_LARGE'],
      [
        post(
          'A',
          ok,
          [1, 2, 3, 4, 5].map((i) => ['photo_body', jpeg(MAX_PHOTO - 10, i)] as [string, Buffer]),
        ),
        413,
        'LT_ERR_GATE_PHOTO_TOO_LARGE',
      ],
      [
        post('A', { ...ok, time: bj(clock.t + 10 * 60_000) }, [['photo_body', jpeg(500, 3)]]),
        400,
        'LT_ERR_GATE_BAD_TIME',
      ],
      [post('A', { ...ok, time: '1999-12-31T23:00:00+08:00' }), 400, 'LT_ERR_GATE_BAD_TIME'],
      [post('A', { ...ok, time: '20261332 250000' }), 400, 'LT_ERR_GATE_BAD_TIME'],
      [post('A', { ...ok, time: '2026-12-07 10:00' }), 400, 'LT_ERR_GATE_BAD_TIME'],
      [
        post('A', { ...ok, emissionStage: '7' }, [['photo_body', jpeg(500, 4)]]),
        400,
        'LT_ERR_GATE_BAD_STAGE',
      ],
      [post('A', { ...ok, emissionStage: 'X' }), 400, 'LT_ERR_GATE_BAD_STAGE'],
      [post('A', { ...ok, recordId: 'x'.repeat(65) }), 400, 'LT_ERR_GATE_BAD_RECORD'],
      [
        post('B', ok, [['photo_body', jpeg(500, 5)]], `?gate=${creds['A']!.id}`),
        403,
        'LT_ERR_GATE_MISMATCH',
      ],
      [
        post('B', { ...ok, gateId: creds['A']!.id }, [['photo_body', jpeg(500, 6)]]),
        403,
        'LT_ERR_GATE_MISMATCH',
      ],
      [
        post('ltg_' + 'x'.repeat(43), ok, [['photo_body', jpeg(500, 7)]]),
        401,
        'LT_ERR_GATE_CREDENTIAL',
      ],
    ];
    for (const [promise, status, code] of refused) {
      const r = await promise;
      expect([r.status, r.body.code], JSON.stringify(r.body)).toEqual([status, code]);
    }
    const blacklistOfB = await fetch(`${base}/api/gate-api/rules?gate=${creds['A']!.id}`, {
      headers: { authorization: `Bearer ${creds['B']!.credential}` },
    });
    expect(blacklistOfB.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await fetch(`${base}/api/gate-api/blacklist`)).status).toBe(401);
    // Refused credentials are bounded per address and minute.
    let last = 0;
    for (let i = 0; i < 10; i++)
      last = (
        await fetch(`${base}/api/gate-api/heartbeat`, {
          method: 'POST',
          headers: { authorization: 'Bearer ltg_nope' },
        })
      ).status;
    expect(last).toBe(429);
    expect((await gateGet('A', '/api/gate-api/rules')).status).toBe(429);
    clock.t += 60_000;
    expect((await gateGet('A', '/api/gate-api/rules')).status).toBe(200);
  });
});
