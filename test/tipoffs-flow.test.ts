/**
 * Public reporting end to end over HTTP with a real store and real files (both dialects): a
 * citizen reports without an account and follows the case by its code; the city office assigns
 * it to the county the location lies in; the county verifies on site with photos and replies; the
 * reward is proposed by the rule and approved by the city office; the case and a monthly notice
 * go on the exposure board; an overdue case escalates as the clock moves. Personal data appear to
 * handlers only. Abuse: a flood from one address and one phone, a file that is not a photo or
 * video, coordinates outside the city, a wrong answer — each refused with its code and nothing
 * stored (rows and blob files counted).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { escalateOverdue } from '../src/tipoffs/escalation.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';
import {
  buildTipoffApp,
  form,
  PNG,
  PW,
  solved,
  storedCounts,
  T0,
  testConfig,
  WUAN,
  type TipoffApp,
} from './tipoffs-support.ts';

const DAY = 86_400_000;
const PHONE = '13800138000';
const NAME = '张三丰';

describe.each(dialectsUnderTest())('public reporting on %s', (dialect) => {
  let t: TestStore;
  let ta: TipoffApp;
  let app: FastifyInstance;
  const clock = movableClock(T0);
  let who: Record<string, { cookie: string; csrf: string }> = {};

  const as = async (
    user: string,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
    raw?: ReturnType<typeof form>,
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...sessionHeaders(who[user]!), ...(raw?.headers ?? {}) },
      ...(raw ? { payload: raw.payload } : body ? { payload: body } : {}),
    });
    return {
      status: res.statusCode,
      body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.rawPayload,
    };
  };
  const report = async (
    ip: string,
    fields: Record<string, string | number | undefined>,
    files: Buffer[] = [],
  ) => {
    const f = form({ ...(await solved(app, ip)), ...fields }, files);
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/tipoffs',
      remoteAddress: ip,
      ...f,
    });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    ta = await buildTipoffApp(t.db, clock, testConfig());
    app = ta.app;
    who = await signInAll(app, ['admin', 'wuan', 'chengan', 'ecology'], PW);
  });
  afterAll(async () => {
    await ta?.close();
    await t?.cleanup();
  });

  it('runs a report from the citizen through the county to the exposure board', async () => {
    const sent = await report(
      '203.0.113.7',
      {
        category: 'industrial',
        description: '某厂烟囱夜间冒黄烟，气味刺鼻',
        ...WUAN,
        crs: 'gcj02',
        address: '武安市某村东',
        contactName: NAME,
        contactPhone: PHONE,
      },
      [PNG],
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ county: '130481', countyName: '武安市' });
    const code = sent.body.code as string;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);

    const tracked = await app.inject({ method: 'GET', url: `/api/public/tipoffs/${code}` });
    expect(tracked.json()).toMatchObject({
      status: 'received',
      categoryName: '工业废气',
      reply: null,
    });
    for (const secret of [PHONE, NAME, '203.0.113.7']) expect(tracked.body).not.toContain(secret);

    // The city office sees the contact; the county sees nothing before assignment.
    const inbox = await as('admin', 'GET', '/api/tipoffs?status=received');
    expect(inbox.body.total).toBe(1);
    const id = inbox.body.items[0].id as number;
    expect(inbox.body.items[0]).toMatchObject({
      contactPhone: PHONE,
      contactName: NAME,
      ip: '203.0.113.7',
      suggestedCounty: '130481',
    });
    expect((await as('wuan', 'GET', '/api/tipoffs')).body.total).toBe(0);
    expect(
      (await as('wuan', 'POST', `/api/tipoffs/${id}/triage`, { county: '130481' })).status,
    ).toBe(403);

    expect(
      (await as('admin', 'POST', `/api/tipoffs/${id}/triage`, { county: '130481' })).status,
    ).toBe(200);
    const assigned = await as('wuan', 'GET', `/api/tipoffs/${id}`);
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      county: '130481',
      deadlineAt: T0 + 3 * DAY,
    });
    expect(assigned.body.files).toHaveLength(1);
    const photo = await as('wuan', 'GET', `/api/tipoffs/files/${assigned.body.files[0].id}`);
    expect(Buffer.compare(photo.body as Buffer, PNG)).toBe(0);
    expect((await as('chengan', 'GET', `/api/tipoffs/${id}`)).status).toBe(404);
    expect((await as('ecology', 'GET', '/api/tipoffs')).body.total).toBe(0);

    clock.t += DAY;
    const verified = await as(
      'wuan',
      'POST',
      `/api/tipoffs/${id}/verification`,
      undefined,
      form(
        {
          result: 'confirmed',
          finding: '现场核实该厂脱硝设施停运',
          reply: '经核查属实，已责令停产整改并立案处罚。',
        },
        [PNG, PNG],
      ),
    );
    expect(verified.status).toBe(200);
    const seen = await app.inject({ method: 'GET', url: `/api/public/tipoffs/${code}` });
    expect(seen.json()).toMatchObject({
      status: 'handled',
      resultName: '经核查属实',
      reply: '经核查属实，已责令停产整改并立案处罚。',
    });
    expect(seen.json().steps.map((s: { what: string }) => s.what)).toEqual([
      '举报已受理',
      '已分派核查',
      '核查完毕，已回复',
    ]);
    expect(seen.body).not.toContain('wuan');

    // Reward: the rule's amount, approved by the city office only.
    expect((await as('wuan', 'POST', `/api/tipoffs/${id}/reward`)).status).toBe(200);
    expect(
      (await as('wuan', 'POST', `/api/tipoffs/${id}/reward/decision`, { approve: true })).status,
    ).toBe(403);
    expect(
      (
        await as('admin', 'POST', `/api/tipoffs/${id}/reward/decision`, {
          approve: true,
          note: '同意',
        })
      ).status,
    ).toBe(200);
    const rewarded = await as('admin', 'GET', `/api/tipoffs/${id}`);
    expect(rewarded.body.reward).toEqual({
      status: 'approved',
      amount: 500,
      rule: 'lantian-default-2026',
    });
    expect(rewarded.body.files.map((f: { stage: string }) => f.stage)).toEqual([
      'report',
      'verification',
      'verification',
    ]);

    // Exposure board: the case with photos, a monthly notice; no personal data.
    expect(
      (
        await as('admin', 'POST', `/api/tipoffs/${id}/publication`, {
          published: true,
          photos: true,
        })
      ).status,
    ).toBe(200);
    const doc = await as(
      'admin',
      'POST',
      '/api/tipoffs/documents',
      undefined,
      form({
        title: '2026年2月各县区空气质量排名',
        month: '2026-02',
        url: 'https://example.org/ranking-2026-02',
      }),
    );
    expect(doc.status).toBe(200);
    const board = await app.inject({ method: 'GET', url: '/api/public/exposure' });
    expect(board.statusCode).toBe(200);
    expect(board.json()).toMatchObject({
      casesTotal: 1,
      documentsTotal: 1,
      cases: [{ id, countyName: '武安市', resultName: '经核查属实' }],
    });
    expect(board.body).not.toContain(code);
    for (const secret of [PHONE, NAME, '203.0.113.7', 'wuan', 'admin'])
      expect(board.body).not.toContain(secret);
    const photos = board.json().cases[0].photos as number[];
    expect(photos).toHaveLength(3);
    expect(
      (await app.inject({ method: 'GET', url: `/api/public/exposure/photos/${photos[0]}` }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await as('admin', 'POST', `/api/tipoffs/${id}/publication`, {
          published: true,
          photos: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: `/api/public/exposure/photos/${photos[0]}` }))
        .statusCode,
    ).toBe(404);
    const pages = await Promise.all(
      ['/report', '/report/track', '/exposure'].map((url) => app.inject({ method: 'GET', url })),
    );
    expect(pages.map((p) => p.statusCode)).toEqual([200, 200, 200]);

    const actions = (await listAudit(t.db, {}))
      .map((a) => a.action)
      .filter((a) => a.startsWith('tipoff.'));
    expect(actions).toEqual(
      expect.arrayContaining([
        'tipoff.assigned',
        'tipoff.handled',
        'tipoff.reward_proposed',
        'tipoff.reward_approved',
        'tipoff.published',
        'tipoff.document_published',
      ]),
    );
  });

  it('sends a category to its department, escalates what is overdue, counts per unit', async () => {
    const sent = await report('203.0.113.8', {
      category: 'odour',
      description: '小区附近傍晚有刺鼻异味',
      address: '邯郸市丛台区某小区南门外',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.county).toBeNull();
    const id = (await as('admin', 'GET', '/api/tipoffs?status=received')).body.items[0]
      .id as number;
    expect(
      (
        await as('admin', 'POST', `/api/tipoffs/${id}/triage`, {
          department: '市生态环境局',
          deadlineDays: 1,
        })
      ).status,
    ).toBe(200);
    expect((await as('ecology', 'GET', '/api/tipoffs')).body.total).toBe(1);
    expect((await as('ecology', 'POST', `/api/tipoffs/${id}/reward`)).status).toBe(409);

    expect(await escalateOverdue(t.db, clock.t + DAY / 2)).toBe(0);
    clock.t += 2 * DAY;
    expect(await escalateOverdue(t.db, clock.t)).toBe(1);
    expect(await escalateOverdue(t.db, clock.t)).toBe(0);
    const esc = await as('admin', 'GET', '/api/tipoffs?escalated=true');
    expect(esc.body.items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect(esc.body.items[0].overdue).toBe(true);
    const tracked = await app.inject({
      method: 'GET',
      url: `/api/public/tipoffs/${sent.body.code}`,
    });
    expect(tracked.json().steps.at(-1).what).toBe('超期未办结，已提请市大气办督办');

    const stats = await as('admin', 'GET', '/api/tipoffs/statistics');
    expect(stats.body.rows).toEqual(
      expect.arrayContaining([
        {
          unit: '130481',
          unitKind: 'county',
          category: 'industrial',
          total: 1,
          handled: 1,
          open: 0,
          escalated: 0,
        },
        {
          unit: '市生态环境局',
          unitKind: 'department',
          category: 'odour',
          total: 1,
          handled: 0,
          open: 1,
          escalated: 1,
        },
      ]),
    );
    expect((await as('wuan', 'GET', '/api/tipoffs/statistics')).status).toBe(403);
  });

  it('refuses abuse with a code and stores nothing from a refused request', async () => {
    const before = await storedCounts(t.db, ta.blobDir);
    const good = { category: 'dust', description: '工地未覆盖，大风扬尘', ...WUAN };

    const notPhoto = await report('198.51.100.1', good, [
      Buffer.from('MZ\x90\0 this is an executable, named .jpg'),
    ]);
    expect(notPhoto.status).toBe(415);
    expect(notPhoto.body.code).toBe('LT_ERR_ATTACHMENT_TYPE');
    const tooBig = await report('198.51.100.1', good, [
      Buffer.concat([PNG, Buffer.alloc(70 * 1024)]),
    ]);
    expect(tooBig.body.code).toBe('LT_ERR_ATTACHMENT_TOO_LARGE');

    const outside = await report('198.51.100.1', { ...good, lon: 116.397, lat: 39.909 }, [PNG]);
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('LT_ERR_TIPOFF_OUTSIDE_CITY');
    expect(outside.body.message).toContain('不在邯郸市范围内');

    const wrong = form({ ...(await solved(app, '198.51.100.1')), challengeAnswer: '99', ...good }, [
      PNG,
    ]);
    const wrongRes = await app.inject({
      method: 'POST',
      url: '/api/public/tipoffs',
      remoteAddress: '198.51.100.1',
      ...wrong,
    });
    expect(wrongRes.json().code).toBe('LT_ERR_TIPOFF_CHALLENGE');
    expect(await storedCounts(t.db, ta.blobDir)).toEqual(before);

    // A replayed answer is refused.
    const answer = await solved(app, '198.51.100.2');
    const once = form({ ...answer, ...good }, [PNG]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/public/tipoffs',
          remoteAddress: '198.51.100.2',
          ...once,
        })
      ).statusCode,
    ).toBe(201);
    const again = form({ ...answer, ...good }, [PNG]);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/public/tipoffs',
          remoteAddress: '198.51.100.2',
          ...again,
        })
      ).json().code,
    ).toBe('LT_ERR_TIPOFF_CHALLENGE');

    // A flood from one address: 3 accepted per window, then 429.
    const flood = [];
    for (let i = 0; i < 3; i++) flood.push((await report('198.51.100.9', good, [PNG])).status);
    expect(flood).toEqual([201, 201, 201]);
    const mid = await storedCounts(t.db, ta.blobDir);
    const over = await report('198.51.100.9', { ...good, description: '另一处工地扬尘严重' }, [
      Buffer.concat([PNG, Buffer.from('x')]),
    ]);
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('LT_ERR_TIPOFF_RATE_LIMITED');
    // One phone from many addresses: 3 per window.
    const byPhone = [];
    for (let i = 0; i < 4; i++)
      byPhone.push(
        (await report(`192.0.2.${i + 1}`, { ...good, contactPhone: '13900139000' })).status,
      );
    expect(byPhone).toEqual([201, 201, 201, 429]);
    const afterPhone = await storedCounts(t.db, ta.blobDir);
    expect(afterPhone.tipoffs).toBe(mid.tipoffs! + 3);
    expect(afterPhone.blobs).toBe(mid.blobs);

    // Attempts (accepted or not) per address are bounded in memory before anything is read.
    const statuses = [];
    for (let i = 0; i < 45; i++)
      statuses.push(
        (
          await app.inject({
            method: 'GET',
            url: '/api/public/tipoffs/challenge',
            remoteAddress: '198.51.100.77',
          })
        ).statusCode,
      );
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(await storedCounts(t.db, ta.blobDir)).toEqual(afterPhone);
    // The window passes: the address may report again.
    clock.t += 2 * 3_600_000;
    expect((await report('198.51.100.9', good)).status).toBe(201);
  });
});
