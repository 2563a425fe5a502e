/**
 * The alarm lifecycle over HTTP with a real store (both dialects), as its users meet it: the
 * runner opens exceedance alarms for two enterprises; each enterprise sees, acknowledges and
 * explains only its own (evidence files bounded in size, count and type); alarms are raised to the
 * county and the city office as the clock moves; the county closes with a reason, the
 * enterprise cannot; every change is audited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { runAlarms } from '../src/sources/alarms/alarm-runner.ts';
import { HOUR_MS } from '../src/standards/local-date.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';
import {
  CFG,
  COKE,
  STEEL,
  hourAt,
  putHours,
  seedSources,
  type Seeded,
} from './sources-alarms-support.ts';

const PW = 'Lantian-test-2020';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const cfg = { ...CFG, missingHours: 99, maxEvidenceBytes: 64 * 1024, maxEvidenceFiles: 2 };

/** A multipart/form-data body with a text field and files. */
function form(text: string | null, files: Array<[string, Buffer]>) {
  const b = `----lantian${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (text !== null)
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="text"\r\n\r\n${text}\r\n`),
    );
  for (const [name, data] of files) {
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

describe.each(dialectsUnderTest())('alarms over HTTP on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let dir: string;
  let s: Seeded;
  const clock = movableClock(hourAt(3) + 10 * 60_000);
  let who: Record<string, { cookie: string; csrf: string }> = {};
  let steelAlarm = 0;
  let cokeAlarm = 0;

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
    dir = mkdtempSync(join(tmpdir(), 'lt-alarms-'));
    s = await seedSources(t.db);
    const ctx = { actor: 'test', ip: null };
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['wuan', 'county', { regionAdcode: STEEL.region_adcode }],
      ['chengan', 'county', { regionAdcode: COKE.region_adcode }],
      ['steel', 'enterprise', { enterprise: STEEL.credit_code }],
      ['coke', 'enterprise', { enterprise: COKE.credit_code }],
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
      alarms: cfg,
      blobs: new DiskBlobStore(dir),
    });
    who = await signInAll(
      app,
      users.map((u) => u[0]),
      PW,
    );
    await putHours(t.db, s.steelOutlet, 0, [36, 37, 38]);
    await putHours(t.db, s.cokeOutlet, 0, [40, 41, 42]);
    expect((await runAlarms(t.db, cfg, clock.t)).opened).toBe(2);
    const all = await call('admin', 'GET', '/api/sources/alarms');
    steelAlarm = all.body.items.find((a: { outletId: number }) => a.outletId === s.steelOutlet).id;
    cokeAlarm = all.body.items.find((a: { outletId: number }) => a.outletId === s.cokeOutlet).id;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('each account sees the alarms of the enterprises in its scope, with counts by county', async () => {
    const admin = await call('admin', 'GET', '/api/sources/alarms');
    expect(admin.body.total).toBe(2);
    expect(admin.body.counts).toEqual([
      { county: '130424', open: 1, acknowledged: 0, closed: 0 },
      { county: '130481', open: 1, acknowledged: 0, closed: 0 },
    ]);
    const steel = await call('steel', 'GET', '/api/sources/alarms');
    expect(steel.body.items.map((a: { id: number }) => a.id)).toEqual([steelAlarm]);
    expect(steel.body.items[0]).toMatchObject({
      kind: 'exceedance',
      kindName: '超标',
      enterprise: { creditCode: STEEL.credit_code, name: STEEL.name },
      county: '130481',
      outletCode: 'WA-DA001',
      pollutant: 'a21026',
      status: 'open',
      count: 3,
      level: 0,
      detail: { limit: 35, max: 38 },
    });
    expect(
      (await call('chengan', 'GET', '/api/sources/alarms')).body.items.map(
        (a: { id: number }) => a.id,
      ),
    ).toEqual([cokeAlarm]);
    expect((await call('admin', 'GET', '/api/sources/alarms?county=130424')).body.total).toBe(1);
    expect(
      (await call('admin', 'GET', `/api/sources/alarms?enterprise=${STEEL.credit_code}`)).body
        .items[0].id,
    ).toBe(steelAlarm);
    expect((await call('admin', 'GET', '/api/sources/alarms?kind=offline')).body.total).toBe(0);
    expect((await call('admin', 'GET', '/api/sources/alarms?kind=nonsense')).status).toBe(400);
  });

  it('enterprise A can neither see nor act on B’s alarm', async () => {
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/acknowledge', {}],
    ] as const) {
      const r = await call('steel', method, `/api/sources/alarms/${cokeAlarm}${path}`, body);
      expect(r.status, path).toBe(403);
      expect(r.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    }
    const explain = await call(
      'steel',
      'POST',
      `/api/sources/alarms/${cokeAlarm}/explain`,
      undefined,
      form('不是我们的', [['a.png', PNG]]),
    );
    expect(explain.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    expect((await call('chengan', 'GET', `/api/sources/alarms/${steelAlarm}`)).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await call('admin', 'GET', '/api/sources/alarms/999999')).body.code).toBe(
      'LT_ERR_ALARM_NOT_FOUND',
    );
    const close = await call('steel', 'POST', `/api/sources/alarms/${steelAlarm}/close`, {
      reason: 'rectified',
      text: '已整改',
    });
    expect([close.status, close.body.code]).toEqual([403, 'LT_ERR_FORBIDDEN']);
  });

  it('the enterprise acknowledges and explains with evidence; the upload is bounded', async () => {
    const ack = await call('steel', 'POST', `/api/sources/alarms/${steelAlarm}/acknowledge`, {
      text: '已收到，正在排查',
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', ackedBy: 'steel' });
    expect(
      (await call('steel', 'POST', `/api/sources/alarms/${steelAlarm}/acknowledge`, {})).body.code,
    ).toBe('LT_ERR_ALARM_STATE');

    const url = `/api/sources/alarms/${steelAlarm}/explain`;
    const big = Buffer.concat([PNG, Buffer.alloc(64 * 1024)]);
    const refusals = [
      [form('照片', [['big.png', big]]), 413, 'LT_ERR_ATTACHMENT_TOO_LARGE'],
      [
        form('照片', [['tool.png', Buffer.from('MZ\x90\x00 not a png')]]),
        415,
        'LT_ERR_ATTACHMENT_TYPE',
      ],
      [
        form('照片', [
          ['a.png', PNG],
          ['b.png', PNG],
          ['c.png', PNG],
        ]),
        400,
        'LT_ERR_ALARM_EVIDENCE_COUNT',
      ],
      [form(null, [['a.png', PNG]]), 400, 'LT_ERR_BAD_REQUEST'],
    ] as const;
    for (const [body, status, code] of refusals) {
      const r = await call('steel', 'POST', url, undefined, body);
      expect([r.status, r.body.code], code).toEqual([status, code]);
    }
    const ok = await call(
      'steel',
      'POST',
      url,
      undefined,
      form('脱硫塔循环泵故障，已更换', [['维修单.png', PNG]]),
    );
    expect(ok.status).toBe(200);
    const explained = ok.body.events.filter((e: { action: string }) => e.action === 'explained');
    expect(explained).toHaveLength(1);
    expect(explained[0]).toMatchObject({
      actor: 'steel',
      role: 'enterprise',
      text: '脱硫塔循环泵故障，已更换',
    });
    expect(explained[0].evidence).toEqual([
      expect.objectContaining({ filename: '维修单.png', mediaType: 'image/png', size: PNG.length }),
    ]);
    const evidenceUrl = `/api/sources/alarms/${steelAlarm}/evidence/${explained[0].evidence[0].id}`;
    const file = await call('wuan', 'GET', evidenceUrl);
    expect([file.status, Buffer.compare(file.raw, PNG)]).toEqual([200, 0]);
    expect((await call('coke', 'GET', evidenceUrl)).status).toBe(403);
  });

  it('is raised to the county after 24 h and to the city office after 72 h', async () => {
    const opened = (await call('admin', 'GET', `/api/sources/alarms/${cokeAlarm}`)).body
      .openedAt as number;
    clock.t = opened + 24 * HOUR_MS - 1;
    await runAlarms(t.db, cfg, clock.t);
    expect((await call('admin', 'GET', `/api/sources/alarms/${cokeAlarm}`)).body.level).toBe(0);
    clock.t = opened + 24 * HOUR_MS;
    await runAlarms(t.db, cfg, clock.t);
    expect((await call('chengan', 'GET', `/api/sources/alarms/${cokeAlarm}`)).body).toMatchObject({
      level: 1,
      escalateAt: opened + 72 * HOUR_MS,
    });
    clock.t = opened + 72 * HOUR_MS;
    await runAlarms(t.db, cfg, clock.t);
    const d = (await call('admin', 'GET', `/api/sources/alarms/${cokeAlarm}`)).body;
    expect(d).toMatchObject({ level: 2, escalateAt: null });
    expect(
      d.events
        .filter((e: { action: string }) => e.action === 'escalated')
        .map((e: { detail: unknown }) => e.detail),
    ).toEqual([{ level: 1 }, { level: 2 }]);
  });

  it('the county closes with a reason; a closed alarm takes no more actions; all audited', async () => {
    expect(
      (
        await call('chengan', 'POST', `/api/sources/alarms/${steelAlarm}/close`, {
          reason: 'rectified',
          text: '已整改',
        })
      ).body.code,
    ).toBe('LT_ERR_OUT_OF_SCOPE');
    expect(
      (
        await call('wuan', 'POST', `/api/sources/alarms/${steelAlarm}/close`, {
          reason: 'bogus',
          text: 'x',
        })
      ).status,
    ).toBe(400);
    const closed = await call('wuan', 'POST', `/api/sources/alarms/${steelAlarm}/close`, {
      reason: 'fault',
      text: '循环泵故障，已修复并复核',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedBy: 'wuan',
      closeReason: 'fault',
      escalateAt: null,
    });
    expect(
      (
        await call('wuan', 'POST', `/api/sources/alarms/${steelAlarm}/close`, {
          reason: 'fault',
          text: '再关一次',
        })
      ).body.code,
    ).toBe('LT_ERR_ALARM_STATE');
    expect(
      (
        await call(
          'steel',
          'POST',
          `/api/sources/alarms/${steelAlarm}/explain`,
          undefined,
          form('补充', []),
        )
      ).body.code,
    ).toBe('LT_ERR_ALARM_STATE');
    expect(
      (await call('admin', 'GET', '/api/sources/alarms?status=closed')).body.items.map(
        (a: { id: number }) => a.id,
      ),
    ).toEqual([steelAlarm]);
    const audit = await listAudit(t.db, { actionPrefix: 'alarm.' });
    expect(audit.map((a) => [a.action, a.actor, a.target])).toEqual(
      expect.arrayContaining([
        ['alarm.acknowledge', 'steel', `alarm:${steelAlarm}`],
        ['alarm.explain', 'steel', `alarm:${steelAlarm}`],
        ['alarm.close', 'wuan', `alarm:${steelAlarm}`],
        ['alarm.escalate', 'system', `alarm:${cokeAlarm}`],
      ]),
    );
  });
});
