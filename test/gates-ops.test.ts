/**
 * The gate operations side (issue 12) on every dialect under test, with passages written straight
 * into the store (the gate ingest is another part's): daily statistics by stage, enterprise and
 * county, completeness per gate from passages and heartbeats, the truck counts written into
 * emergency_transport, ledger import (a broken row refuses the whole sheet) and export read back,
 * the passage ledger export, the retention job (expired passages and photo files gone except what
 * an open violation holds; the run's log says what it removed) and the live stream over real HTTP
 * (scope, per-account limit, a clean end when the server stops).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { isLantianError } from '../src/errors.ts';
import { PassageFeed, type LivePassage } from '../src/gates/passage-feed.ts';
import {
  gateOpsConfigFromEnv,
  type GateOpsConfig,
} from '../src/gates/retention/gate-ops-config.ts';
import { runGateOps } from '../src/gates/retention/gate-ops-job.ts';
import { recordGateHeartbeat } from '../src/gates/stats/stats-repo.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { sessionHeaders, signInAll } from './support/sign-in.ts';
import { ACCOUNTS, COKE, PASSWORD, seedSources, STEEL } from './sources-power-support.ts';

const DAY = 86_400_000;
/** 2026-11-20 12:00 Beijing. */
const NOW = Date.parse('2026-11-20T04:00:00Z');
/** A Beijing time of 2026-11-19 as epoch ms. */
const bj19 = (hh: number, mm = 0) =>
  Date.parse(`2026-11-19T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
const JPEG = (n: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000 + n, n)]);

function multipart(
  filename: string,
  data: Buffer,
): { headers: Record<string, string>; payload: Buffer } {
  const b = '----lantian-gates';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  };
}

async function sheet(title: string, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBack(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    out.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    ),
  );
  return out;
}

describe.each(dialectsUnderTest())('gate operations on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let sessions: Record<string, { cookie: string; csrf: string }>;
  let ids: { steel: number; coke: number; gateA: number; gateB: number };
  let photoDir: string;
  const feed = new PassageFeed(10);
  let seq = 0;
  const clock = { now: () => NOW };
  const passage = async (
    gate: number,
    enterprise: number,
    at: number,
    p: Partial<{ direction: string; stage: string | null; manual: number; plate: string }> = {},
  ) =>
    (
      await t.db.kysely
        .insertInto('gate_passages')
        .values({
          gate_id: gate,
          enterprise_id: enterprise,
          gate_record_id: `r${++seq}`,
          passed_at: at,
          direction: p.direction ?? 'in',
          plate: p.plate ?? `冀D${String(seq).padStart(5, '0')}`,
          plate_colour: 'yellow',
          vin: null,
          engine_no: null,
          emission_stage: p.stage === undefined ? '6' : p.stage,
          fuel: '柴油',
          registration_date: '2019-05-01',
          goods: '焦炭',
          quantity_t: 31.5,
          fleet: '自有',
          manual_open: p.manual ?? 0,
          manual_by: p.manual ? '门卫张三' : null,
          manual_reason: p.manual ? '识别失败' : null,
          late: 0,
          received_at: at,
          flags: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const get = async (who: string, url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: sessionHeaders(sessions[who]!) });
    return res;
  };
  const config = (): GateOpsConfig => ({
    photoDir,
    retention: { passageDays: 730, photoDays: 365 },
    livePerUser: 2,
    liveMaxStreams: 10,
    liveHeartbeatMs: 200,
  });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    photoDir = mkdtempSync(join(tmpdir(), 'lantian-gate-photos-'));
    const s = await seedSources(t.db, NOW);
    const gate = async (enterprise: number, name: string, hours: string) =>
      (
        await t.db.kysely
          .insertInto('gates')
          .values({
            enterprise_id: enterprise,
            name,
            direction: 'both',
            lon: null,
            lat: null,
            token_hash: `hash-${name}`,
            token_hint: name,
            enabled: 1,
            expected_hours: hours,
            created_by: 'test',
            created_at: NOW,
            updated_at: NOW,
            last_seen_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids = {
      steel: s.steel,
      coke: s.coke,
      gateA: await gate(s.steel, '1号门（东门）', '[8,20]'),
      gateB: await gate(s.coke, '南门', '[0,24]'),
    };
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      gateFeed: feed,
      gateOps: config(),
    });
    sessions = await signInAll(app, ACCOUNTS, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    if (photoDir) rmSync(photoDir, { recursive: true, force: true });
  });

  it('counts a day by stage, enterprise and county; completeness per gate; truck counts for the lists', async () => {
    const { steel, coke, gateA, gateB } = ids;
    await passage(gateA, steel, bj19(9, 10), { stage: '4' });
    await passage(gateA, steel, bj19(9, 40), { stage: '6' });
    await passage(gateA, steel, bj19(10, 5), { stage: '3', manual: 1 });
    await passage(gateA, steel, bj19(13), { stage: null });
    await passage(gateA, steel, bj19(13, 30), { direction: 'out' });
    await passage(gateA, steel, bj19(21), { direction: 'out', stage: '5' });
    await passage(gateB, coke, bj19(1), { stage: '5' });
    await passage(gateB, coke, bj19(1, 30), { stage: '5' });
    await recordGateHeartbeat(t.db.kysely, gateA, bj19(15, 20));
    await recordGateHeartbeat(t.db.kysely, gateA, bj19(15, 50));
    for (let i = 0; i < 56; i++)
      await passage(gateA, steel, NOW - 10 * DAY + i * 60_000, { stage: '6' });

    const r = await get('city', '/api/gates/stats/daily?from=2026-11-19&to=2026-11-19');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.version).toBe('gate-stats-1');
    const steelDay = body.enterprises.find((e: any) => e.creditCode === STEEL).days[0];
    expect(steelDay).toEqual({
      day: '2026-11-19',
      entries: 4,
      exits: 2,
      byStage: { '4': 1, '6': 1, '3': 1, unknown: 1 },
      lowStageEntries: 2,
      lowStageShare: 0.667,
      manualOpenings: 1,
    });
    expect(body.counties.map((c: any) => [c.county, c.days[0]?.entries])).toEqual([
      ['130424', 2],
      ['130481', 4],
    ]);
    const wuan = (await get('wuan', '/api/gates/stats/daily?from=2026-11-19&to=2026-11-19')).json();
    expect(wuan.enterprises.map((e: any) => e.creditCode)).toEqual([STEEL]);
    expect(
      (await get('city', '/api/gates/stats/daily?from=2026-11-20&to=2026-11-19')).json().code,
    ).toBe('LT_ERR_GATE_LEDGER_BAD_PERIOD');

    const c = (
      await get('city', '/api/gates/stats/completeness?from=2026-11-18&to=2026-11-19')
    ).json();
    const a = c.gates.find((g: any) => g.gateId === gateA);
    // 09, 10, 13 (passages) and 15 (heartbeats) of the window [8, 20); 21:00 lies outside it.
    expect(a.days).toEqual([
      { day: '2026-11-18', seenHours: 0, expectedHours: 12, ratio: 0 },
      { day: '2026-11-19', seenHours: 4, expectedHours: 12, ratio: 0.333 },
    ]);
    expect(c.gates.find((g: any) => g.gateId === gateB).days[1]).toMatchObject({
      seenHours: 1,
      expectedHours: 24,
    });

    await t.db.kysely
      .insertInto('emergency_transport')
      .values({ enterprise_id: coke, trucks_per_day: 99, updated_by: 'bureau', updated_at: 0 })
      .execute();
    const log: string[] = [];
    await runGateOps(
      {
        db: t.db,
        clock,
        log: { info: (_o, m) => log.push(m ?? ''), error: (_o, m) => log.push(`ERR ${m}`) },
      },
      config(),
    );
    const transport = await t.db.kysely
      .selectFrom('emergency_transport')
      .selectAll()
      .orderBy('enterprise_id')
      .execute();
    // 4 + 56 entries in 30 days → 2 a day; the coking plant's 2 entries → 0 (its hand-entered 99 replaced).
    expect(transport.map((x) => [x.enterprise_id, x.trucks_per_day, x.updated_by])).toEqual([
      [steel, 2, 'gates'],
      [coke, 0, 'gates'],
    ]);
    expect(log.some((m) => m.includes('按门禁记录更新了 2 家企业'))).toBe(true);
  });

  it('imports a ledger all or nothing, lists the broken rows, exports it and the passage ledger', async () => {
    const head = [
      '统一社会信用代码',
      '登记编码或内部号牌',
      '注册日期',
      '车辆识别代号',
      '发动机号码',
      '排放阶段',
      '燃料类型',
    ];
    const broken = await sheet('厂内车辆台账', [
      head,
      [STEEL, '厂内01', '20200315', 'LFWADRJF7L1000001', 'E123', '5', '柴油'],
      [STEEL, '厂内02', '2020-13-01', '', '', '7', ''],
      [COKE, '焦01', '', '', '', '6', ''],
    ]);
    const up = async (who: string, kind: string, name: string, data: Buffer) => {
      const m = multipart(name, data);
      const res = await app.inject({
        method: 'POST',
        url: `/api/gates/ledgers/${kind}/import`,
        headers: { ...sessionHeaders(sessions[who]!), ...m.headers },
        payload: m.payload,
      });
      return { status: res.statusCode, body: res.json() };
    };
    const bad = await up('steel', 'inplant', '厂内车辆.xlsx', broken);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    expect(bad.body.detail.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [3, '注册日期', 'LT_ERR_GATE_LEDGER_BAD_ROW'],
      [3, '排放阶段', 'LT_ERR_GATE_LEDGER_BAD_ROW'],
      [4, '统一社会信用代码', 'LT_ERR_GATE_LEDGER_UNKNOWN_ENTERPRISE'],
    ]);
    expect(await t.db.kysely.selectFrom('gate_inplant_vehicles').selectAll().execute()).toEqual([]);

    const good = await sheet('厂内车辆台账', [
      head,
      [STEEL, '厂内01', '20200315', 'LFWADRJF7L1000001', 'E123', '5', '柴油'],
      [STEEL, '厂内02', '2021-01-01', '', '', 'D', '电'],
    ]);
    expect((await up('steel', 'inplant', '厂内车辆.xlsx', good)).body).toEqual({
      kind: 'inplant',
      rows: 2,
      created: 2,
      updated: 0,
    });
    expect((await up('wuan', 'inplant', '厂内车辆.xlsx', good)).status).toBe(403);

    const exported = await get('steel', '/api/gates/ledgers/inplant/export');
    expect(exported.statusCode).toBe(200);
    const rows = await readBack(exported.rawPayload);
    expect(rows[0]).toEqual(['统一社会信用代码', '企业名称', ...head.slice(1)]);
    expect(rows.slice(1)).toEqual([
      [
        STEEL,
        '武安某钢铁有限公司',
        '厂内01',
        '2020-03-15',
        'LFWADRJF7L1000001',
        'E123',
        '5',
        '柴油',
      ],
      [STEEL, '武安某钢铁有限公司', '厂内02', '2021-01-01', '', '', 'D', '电'],
    ]);
    expect((await up('city', 'inplant', '再导入.xlsx', exported.rawPayload)).body).toMatchObject({
      created: 0,
      updated: 2,
    });
    expect((await get('coke', '/api/gates/ledgers/inplant')).json().entries).toEqual([]);

    const machinery = Buffer.from(
      '统一社会信用代码,环保登记编码,生产日期,排放阶段,机械编码,燃料类型\n' +
        `${COKE},HBJX0001,20180601,X,ZZJ-01,柴油\n`,
    );
    expect((await up('coke', 'machinery', '机械.csv', machinery)).body).toMatchObject({
      created: 1,
    });
    const vehicles = (await get('steel', '/api/gates/ledgers/vehicles')).json().entries;
    expect(vehicles.length).toBeGreaterThan(5);
    expect(
      vehicles.every((v: any) => v.creditCode === STEEL && v.origin === 'gate' && v.passages === 1),
    ).toBe(true);

    const ledger = await get('wuan', '/api/gates/passages/export?from=2026-11-19&to=2026-11-19');
    const lines = await readBack(ledger.rawPayload);
    expect(lines[1]![3]).toBe('进出时间');
    expect(lines.slice(2).map((l) => [l[0], l[3], l[4], l[7], l[15]])).toEqual([
      [STEEL, '20261119 091000', '进厂', '20190501', '否'],
      [STEEL, '20261119 094000', '进厂', '20190501', '否'],
      [STEEL, '20261119 100500', '进厂', '20190501', '是'],
      [STEEL, '20261119 130000', '进厂', '20190501', '否'],
      [STEEL, '20261119 133000', '出厂', '20190501', '否'],
      [STEEL, '20261119 210000', '出厂', '20190501', '否'],
    ]);
  });

  it('deletes expired passages and photos except what an open violation holds, and logs it', async () => {
    const { steel, gateA } = ids;
    const store = new DiskBlobStore(photoDir);
    const policy = { maxBytes: 1 << 20, allowedTypes: ['image/jpeg'] };
    const [p1, p2, p3, p4] = await Promise.all(
      [1, 2, 3, 4].map((n) => store.put(JPEG(n), `${n}.jpg`, policy)),
    );
    const photo = (passageId: number, f: { sha256: string; size: number }, kind = 'body') =>
      t.db.kysely
        .insertInto('gate_photos')
        .values({
          passage_id: passageId,
          kind,
          sha256: f.sha256,
          size: f.size,
          media_type: 'image/jpeg',
        })
        .execute();
    const violation = (passageId: number, status: string) =>
      t.db.kysely
        .insertInto('gate_violations')
        .values({
          passage_id: passageId,
          enterprise_id: steel,
          county_adcode: '130481',
          kind: 'banned-stage',
          level: 'orange',
          rule_version: 't',
          evidence: '{}',
          status,
          closed_by: null,
          closed_at: null,
          findings: null,
          created_at: NOW,
        })
        .execute();
    const old1 = await passage(gateA, steel, NOW - 800 * DAY);
    const old2 = await passage(gateA, steel, NOW - 800 * DAY);
    const old3 = await passage(gateA, steel, NOW - 800 * DAY);
    const mid = await passage(gateA, steel, NOW - 400 * DAY);
    const recent = await passage(gateA, steel, NOW - DAY);
    await photo(old1, p1!);
    await violation(old1, 'closed');
    await photo(old2, p2!);
    await photo(old3, p3!);
    await violation(old3, 'open');
    await photo(mid, p4!);
    await photo(recent, p2!);

    const log: string[] = [];
    await runGateOps(
      {
        db: t.db,
        clock,
        log: { info: (_o, m) => log.push(m ?? ''), error: (_o, m) => log.push(`ERR ${m}`) },
      },
      config(),
    );
    const left = (
      await t.db.kysely
        .selectFrom('gate_passages')
        .select('id')
        .where('id', 'in', [old1, old2, old3, mid, recent])
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    expect(left).toEqual([old3, mid, recent]);
    const photos = await t.db.kysely
      .selectFrom('gate_photos')
      .select(['passage_id', 'sha256'])
      .orderBy('passage_id')
      .execute();
    expect(photos).toEqual([
      { passage_id: old3, sha256: p3!.sha256 },
      { passage_id: recent, sha256: p2!.sha256 },
    ]);
    expect(await store.has(p1!.sha256)).toBe(false);
    expect(await store.has(p4!.sha256)).toBe(false);
    expect(await store.has(p2!.sha256)).toBe(true);
    expect(await store.has(p3!.sha256)).toBe(true);
    const runs = (await get('bureau', '/api/gates/retention')).json();
    expect(runs.settings).toEqual({ passageDays: 730, photoDays: 365 });
    expect(runs.runs[0]).toMatchObject({
      passagesRemoved: 2,
      photoRowsRemoved: 3,
      filesRemoved: 2,
      bytesRemoved: p1!.size + p4!.size,
      passagesHeld: 1,
    });
    expect(log[0]).toBe(
      `门禁保存期限清理：删除 2 条过车记录、3 条照片记录、2 个照片文件（${p1!.size + p4!.size} 字节）；1 条因未结违规保留`,
    );
    expect((await listAudit(t.db, { action: 'gates.retention-run' })).length).toBe(2);
    let refused: unknown;
    try {
      gateOpsConfigFromEnv({ LANTIAN_GATE_PHOTO_RETENTION_DAYS: '60' });
    } catch (e) {
      refused = e;
    }
    expect(isLantianError(refused, 'LT_ERR_GATE_RETENTION_TOO_SHORT')).toBe(true);
  });

  it('streams published passages within scope, limits streams per account, ends them when the server stops', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const open = (who: string) =>
      new Promise<{ res: IncomingMessage; text: () => string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/gates/live',
            headers: { cookie: sessions[who]!.cookie },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            resolve({ res, text: () => text });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const until = async (f: () => boolean) => {
      for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(f()).toBe(true);
    };
    const s1 = await open('wuan');
    expect(s1.res.statusCode).toBe(200);
    expect(s1.res.headers['content-type']).toContain('text/event-stream');
    const s2 = await open('wuan');
    expect(s2.res.statusCode).toBe(200);
    const s3 = await open('wuan');
    expect(s3.res.statusCode).toBe(429);
    await until(() => s3.text().includes('LT_ERR_GATE_LEDGER_LIVE_BUSY'));
    const base: LivePassage = {
      passageId: 1,
      gateId: ids.gateA,
      enterpriseId: ids.steel,
      countyAdcode: '130481',
      passedAt: NOW,
      direction: 'in',
      plate: '冀D12345',
      emissionStage: '4',
      manualOpen: false,
      late: false,
      violations: ['banned-stage'],
    };
    feed.publish({
      ...base,
      passageId: 2,
      enterpriseId: ids.coke,
      countyAdcode: '130424',
      plate: '冀D99999',
    });
    feed.publish(base);
    await until(() => s1.text().includes('冀D12345'));
    expect(s1.text()).toContain('event: passage');
    expect(s1.text()).not.toContain('冀D99999');
    await until(() => s1.text().includes(': heartbeat'));
    expect(feed.size).toBe(2);
    const ended = Promise.all([s1, s2].map((s) => new Promise((r) => s.res.on('end', r))));
    await app.close();
    await ended;
    expect(feed.size).toBe(0);
  });
});
