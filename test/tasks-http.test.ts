/**
 * The tasks API as its users meet it, signed in through /api/auth/login with accounts made by the
 * accounts service: a county sees and reports only its own rows, a department only its measures,
 * the city office reviews; attachments go through multipart with content checks; the dispatch
 * sheet comes out as .xlsx and goes back in; refusals carry their stable codes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import type { Clock } from '../src/clock.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { DEFAULT_TASKS_CONFIG, type TasksConfig } from '../src/tasks/task-config.ts';
import { localToEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const PW = 'Lantian-test-2020';
const at = (d: string): number =>
  localToEpoch('Asia/Shanghai', +d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10), 10);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** A multipart/form-data body with one file. */
function multipart(filename: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----lantian${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(dialectsUnderTest())('tasks API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let dir: string;
  let now = at('2020-06-20');
  const clock: Clock = { now: () => now };
  const who: Record<string, { cookie: string; csrf: string }> = {};

  const call = async (
    user: string | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
    extra: { payload?: Buffer; headers?: Record<string, string> } = {},
  ) => {
    const s = user ? who[user]! : null;
    const headers: Record<string, string> = { ...(extra.headers ?? {}) };
    if (s) {
      headers['cookie'] = s.cookie;
      if (method !== 'GET') headers['x-lantian-csrf'] = s.csrf;
    }
    const res = await app.inject({
      method,
      url: encodeURI(url),
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
      ...(extra.payload ? { payload: extra.payload } : {}),
    });
    const json = res.headers['content-type']?.toString().includes('json') ? res.json() : undefined;
    return { status: res.statusCode, body: json, raw: res.rawPayload, headers: res.headers };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-http-'));
    const ctx = { actor: 'test', ip: null };
    await loadTasks(t.db, clock, ctx, 'handan-2020');
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['congtai', 'county', { regionAdcode: '130403' }],
      ['hanshan', 'county', { regionAdcode: '130402' }],
      ['eco', 'department', { department: '市生态环境局' }],
      ['transport', 'department', { department: '交通运输局' }],
    ];
    for (const [username, role, binding] of users)
      await createUser(t.db, clock, ctx, { username, role, password: PW, ...binding });
    const cfg: TasksConfig = {
      ...DEFAULT_TASKS_CONFIG,
      blobDir: dir,
      maxAttachmentBytes: 64 * 1024,
    };
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      // The test's clock moves across 2020: sessions must outlive it.
      auth: {
        ...DEFAULT_AUTH_CONFIG,
        sessionIdleMs: 400 * 86_400_000,
        sessionAbsoluteMs: 400 * 86_400_000,
      },
      web: false,
      tasks: cfg,
      blobs: new DiskBlobStore(dir),
    });
    for (const [username] of users) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PW },
      });
      expect(res.statusCode).toBe(200);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      who[username] = { cookie, csrf: res.json().csrfToken };
    }
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('shows each role its own rows', async () => {
    expect((await call(null, 'GET', '/api/tasks/rows')).body.code).toBe('LT_ERR_UNAUTHENTICATED');
    const mine = await call('congtai', 'GET', '/api/tasks/rows?measure=三.(五).2&date=2020-06-20');
    expect(mine.status).toBe(200);
    expect(mine.body.rows.map((r: { unit: string }) => r.unit)).toEqual(['130403']);
    const eco = await call('eco', 'GET', '/api/tasks/rows?measure=三.(五).2');
    expect(eco.body.count).toBe(21);
    const road = await call('transport', 'GET', '/api/tasks/rows?measure=三.(五).2');
    expect(road.body.count).toBe(0);
    const all = await call(
      'admin',
      'GET',
      '/api/tasks/rows?status=overdue&dept=市生态环境局&date=2020-07-01',
    );
    expect(all.body.count).toBeGreaterThan(0);
    expect(all.body.rows.every((r: { status: string }) => r.status === 'overdue')).toBe(true);
    const measure = await call('admin', 'GET', '/api/tasks/measures/三.(五).2');
    expect(measure.body).toMatchObject({
      title: '开展工业炉窑综合治理',
      departments: ['市生态环境局'],
    });
    expect((await call('admin', 'GET', '/api/tasks/departments')).body).toHaveLength(24);
  });

  it('takes attachments by multipart, checking size and content', async () => {
    const ok = await call(
      'congtai',
      'POST',
      '/api/tasks/uploads',
      undefined,
      multipart('现场照片.png', PNG, 'image/png'),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ filename: '现场照片.png', mediaType: 'image/png' });
    const exe = await call(
      'congtai',
      'POST',
      '/api/tasks/uploads',
      undefined,
      multipart('验收.pdf', Buffer.from('MZ\x90\x00 not a pdf')),
    );
    expect([exe.status, exe.body.code]).toEqual([415, 'LT_ERR_ATTACHMENT_TYPE']);
    const big = await call(
      'congtai',
      'POST',
      '/api/tasks/uploads',
      undefined,
      multipart('大.png', Buffer.concat([PNG, Buffer.alloc(70 * 1024)])),
    );
    expect([big.status, big.body.code]).toEqual([413, 'LT_ERR_ATTACHMENT_TOO_LARGE']);

    const rep = await call('congtai', 'POST', '/api/tasks/reports', {
      measure: '三.(五).1',
      unit: '130403',
      values: { t1: 12 },
      narrative: '完成12台燃气锅炉低氮改造',
      attachments: [ok.body.id],
    });
    expect(rep.status).toBe(200);
    expect(rep.body).toMatchObject({ version: 1, late: false });
    const mine = await call(
      'congtai',
      'GET',
      `/api/tasks/reports/${rep.body.id}/attachments/${ok.body.id}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(mine.raw, PNG)).toBe(0);
    const theirs = await call(
      'hanshan',
      'GET',
      `/api/tasks/reports/${rep.body.id}/attachments/${ok.body.id}`,
    );
    expect([theirs.status, theirs.body.code]).toEqual([403, 'LT_ERR_OUT_OF_SCOPE']);
  });

  it('keeps an uploaded name whole, made safe, and refuses repeated attachment ids', async () => {
    const up = (name: string) =>
      call('congtai', 'POST', '/api/tasks/uploads', undefined, multipart(name, PNG, 'image/png'));
    const bold = await up('照片 <b>bold</b>.png');
    expect(bold.status).toBe(200);
    expect(bold.body.filename).toBe('照片 <b>bold<_b>.png');
    expect((await up('C:\\fakepath\\现场.png')).body.filename).toBe('现场.png');
    expect((await up('a\u202Egnp.png')).body.filename).toBe('agnp.png');

    const twice = await call('congtai', 'POST', '/api/tasks/reports', {
      measure: '三.(五).1',
      unit: '130403',
      values: { t1: 12 },
      attachments: [bold.body.id, bold.body.id],
    });
    expect([twice.status, twice.body.code]).toEqual([400, 'LT_ERR_ATTACHMENT_DUPLICATE']);
    expect(twice.body.message).toContain(`#${bold.body.id}`);
  });

  it('refuses bad reports with stable codes', async () => {
    const post = (user: string, body: object) => call(user, 'POST', '/api/tasks/reports', body);
    const cases: Array<[string, object, number, string]> = [
      [
        'congtai',
        { measure: '三.(五).9', unit: '130403', values: { t1: 1 } },
        404,
        'LT_ERR_TASK_NOT_FOUND',
      ],
      [
        'congtai',
        { measure: '三.(五).1', unit: '130403', values: { t1: 300 } },
        400,
        'LT_ERR_VALUE_OUT_OF_SCOPE',
      ],
      [
        'congtai',
        { measure: '三.(五).1', unit: '130402', values: { t1: 1 } },
        403,
        'LT_ERR_OUT_OF_SCOPE',
      ],
      [
        'congtai',
        { measure: '三.(三).12', unit: '130403', narrative: 'x' },
        400,
        'LT_ERR_UNIT_NOT_RESPONSIBLE',
      ],
      [
        'transport',
        { measure: '三.(五).2', unit: '全市', values: { t1: 1 } },
        403,
        'LT_ERR_OUT_OF_SCOPE',
      ],
      [
        'congtai',
        { measure: '三.(五).1', unit: '130403', values: { t1: 'many' } },
        400,
        'LT_ERR_BAD_REQUEST',
      ],
    ];
    for (const [user, body, status, code] of cases) {
      const r = await post(user, body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const eco = await post('eco', {
      measure: '三.(五).2',
      unit: '全市',
      values: { t1: 150 },
      narrative: '全市已完成150家',
    });
    expect(eco.status).toBe(200);
  });

  it('lets only the city office review, once', async () => {
    now = at('2020-06-25');
    const rep = await call('hanshan', 'POST', '/api/tasks/reports', {
      measure: '三.(一).5',
      unit: '邯山区',
      checklist: ['m1'],
      narrative: '散乱污动态清零',
    });
    expect(rep.status).toBe(200);
    const url = `/api/tasks/reports/${rep.body.id}/review`;
    const byCounty = await call('hanshan', 'POST', url, { decision: 'accept' });
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'LT_ERR_FORBIDDEN']);
    const bare = await call('admin', 'POST', url, { decision: 'return' });
    expect(bare.body.code).toBe('LT_ERR_BAD_REQUEST');
    expect(
      (await call('admin', 'POST', url, { decision: 'return', comment: '请附佐证材料' })).status,
    ).toBe(200);
    const again = await call('admin', 'POST', url, { decision: 'accept' });
    expect([again.status, again.body.code]).toEqual([409, 'LT_ERR_REPORT_NOT_REVIEWABLE']);
    const list = await call('hanshan', 'GET', '/api/tasks/reports?measure=三.(一).5');
    expect(list.body).toHaveLength(1);
    expect(list.body[0].review).toMatchObject({
      decision: 'return',
      decisionName: '退回',
      comment: '请附佐证材料',
    });
    expect(
      (await call('congtai', 'GET', '/api/tasks/reports?measure=三.(一).5')).body,
    ).toHaveLength(0);
    const audit = await call('admin', 'GET', '/api/audit?action=task.review');
    expect(audit.status).toBe(200);
  });

  it('serves the dispatch sheet and takes it back', async () => {
    const sheet = await call('congtai', 'GET', '/api/tasks/sheet?date=2020-06-25');
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    expect(sheet.raw.subarray(0, 2).toString()).toBe('PK');
    const back = await call(
      'congtai',
      'POST',
      '/api/tasks/sheet',
      undefined,
      multipart('调度表.xlsx', sheet.raw),
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ reports: [], unchanged: 1 });
    const notSheet = await call(
      'congtai',
      'POST',
      '/api/tasks/sheet',
      undefined,
      multipart('调度表.xlsx', PNG),
    );
    expect(notSheet.body.code).toBe('LT_ERR_ATTACHMENT_TYPE');
  });

  it('drafts warnings, runs the daily dispatch and ranks on-time completion', async () => {
    now = at('2020-07-01');
    const draft = await call(
      'admin',
      'GET',
      '/api/tasks/notices/draft?unit=丛台区&date=2020-07-01',
    );
    expect(draft.status).toBe(200);
    expect(draft.body.draft.title).toBe('关于丛台区重点任务进展滞后的预警通知函');
    expect((await call('congtai', 'GET', '/api/tasks/notices/draft?unit=丛台区')).status).toBe(403);
    const run = await call('admin', 'POST', '/api/tasks/refresh', { date: '2020-07-01' });
    expect(run.status).toBe(200);
    expect(run.body[0].notices.length).toBeGreaterThan(0);
    const notices = await call('congtai', 'GET', '/api/tasks/notices?kind=warning');
    expect(notices.body.length).toBe(1);
    expect(notices.body[0]).toMatchObject({ addressee: '130403', date: '2020-07-01' });
    const league = await call('eco', 'GET', '/api/tasks/league?date=2020-07-01');
    expect(league.status).toBe(200);
    expect(league.body.units).toHaveLength(20);
    expect(league.body.departments.map((d: { name: string }) => d.name)).toContain('市生态环境局');
  });
});
