/**
 * Warning episodes over the HTTP API on every dialect under test: a forecast version (stored by
 * the forecasts repo) graded orange; issue refused above it, refused without a forecast unless a
 * reason is given, issued at orange with notice 邯气应急〔2026〕1号; upgrade by override, downgrade,
 * an extension the forecast does not cover refused; counties confirm; a county sees its own and
 * the city's episodes only; the notice PDF; the active warnings; the public page without sign-in;
 * lift; every decision audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { insertForecastVersion } from '../src/warnings/forecasts/forecast-repo.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { seedSources, signedInApp } from './sources-power-support.ts';

const NOW = Date.UTC(2026, 11, 3, 4);
const clock = { now: () => NOW };
const day = (date: string, aqi: number) => ({
  date,
  aqi,
  primary: ['PM2.5' as const],
  cause: null,
  rolling24hAqi: null,
});
/** 2024 edition: > 200 on 12-06 and 12-07 (48 h), > 150 on 12-08 → orange, 12-06 to 12-08. */
const ORANGE_DAYS = [
  day('2026-12-05', 120),
  day('2026-12-06', 215),
  day('2026-12-07', 230),
  day('2026-12-08', 160),
  day('2026-12-09', 90),
  day('2026-12-10', 80),
  day('2026-12-11', 70),
];

describe.each(dialectsUnderTest())('warning episodes on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof signedInApp>>;
  let fv: number;
  let fvOther: number;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, NOW);
    const store = (region: string) =>
      insertForecastVersion(
        t.db.kysely,
        { region, issued: '2026-12-02', days: ORANGE_DAYS, origin: 'api', author: 'forecaster' },
        NOW,
      );
    fv = (await store('130400')).id;
    fvOther = (await store('130424')).id;
    s = await signedInApp(t.db, clock);
    app = s.app;
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  const issue = (who: string, body: object) =>
    s.call(who, 'POST', '/api/warnings/episodes', {
      region: '130400',
      level: 'orange',
      from: '2026-12-06',
      to: '2026-12-08',
      forecastVersionId: fv,
      ...body,
    });

  let episodeId: number;

  it('refuses what the forecast does not support, wrong forecasts and wrong callers', async () => {
    const red = await issue('city', { level: 'red' });
    expect(red.status).toBe(409);
    expect(red.body.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const none = await issue('city', { forecastVersionId: null });
    expect(none.body.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const blank = await issue('city', { forecastVersionId: null, override: { reason: '  ' } });
    expect(blank.body.code).toBe('LT_ERR_WARNING_OVERRIDE_REASON');
    const other = await issue('city', { forecastVersionId: fvOther });
    expect(other.body.code).toBe('LT_ERR_WARNING_FORECAST_UNKNOWN');
    expect((await issue('city', { forecastVersionId: 999_999 })).body.code).toBe(
      'LT_ERR_WARNING_FORECAST_UNKNOWN',
    );
    expect((await issue('wuan', {})).status).toBe(403);
    expect((await issue('industry', {})).body.code).toBe('LT_ERR_FORBIDDEN');
    expect((await issue('city', { region: '999999' })).body.code).toBe('LT_ERR_REGION_NOT_FOUND');
    expect((await s.call('city', 'GET', '/api/warnings/episodes')).body.episodes).toEqual([]);
  });

  it('issues orange on the forecast with a notice number; audited; no second issue', async () => {
    const r = await issue('city', {});
    expect(r.status).toBe(201);
    episodeId = r.body.id;
    expect(r.body).toMatchObject({
      region: '130400',
      regionName: '邯郸市',
      status: 'active',
      level: 'orange',
      levelName: '橙色预警',
      response: 'industrial',
      from: '2026-12-06',
      to: '2026-12-08',
      edition: '2024',
      forecastVersionId: fv,
    });
    const d = r.body.decisions[0];
    expect(d).toMatchObject({
      action: 'issue',
      basis: 'supported',
      noticeNumber: '邯气应急〔2026〕1号',
      decidedBy: 'city',
      edition: '2024',
    });
    expect(d.reason).toContain('环大气〔2024〕6号');
    expect(d.pending.map((u: { unit: string }) => u.unit).sort()).toEqual(['130424', '130481']);
    const audit = await listAudit(t.db, { action: 'warning.issue' });
    expect(audit[0]).toMatchObject({ actor: 'city', target: `episode:${episodeId}` });
    expect((audit[0]!.detail as { basis: string }).basis).toBe('supported');
    const again = await issue('bureau', {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LT_ERR_WARNING_TRANSITION');
  });

  it('upgrades by override with a reason, downgrades, refuses an unsupported extension', async () => {
    const url = `/api/warnings/episodes/${episodeId}/decisions`;
    const up = { action: 'upgrade', level: 'red', from: '2026-12-07', forecastVersionId: fv };
    expect((await s.call('bureau', 'POST', url, up)).body.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const over = await s.call('bureau', 'POST', url, {
      ...up,
      override: { reason: '省厅区域预警要求统一升级' },
    });
    expect(over.status).toBe(201);
    expect(over.body).toMatchObject({ level: 'red', peakLevel: 'red', levelSince: '2026-12-07' });
    expect(over.body.decisions[1]).toMatchObject({
      action: 'upgrade',
      basis: 'overridden',
      overrideReason: '省厅区域预警要求统一升级',
      noticeNumber: '邯气应急〔2026〕2号',
      decidedBy: 'bureau',
    });
    const audit = await listAudit(t.db, { action: 'warning.upgrade' });
    expect((audit[0]!.detail as { overrideReason: string }).overrideReason).toBe(
      '省厅区域预警要求统一升级',
    );
    const down = await s.call('city', 'POST', url, {
      action: 'downgrade',
      level: 'orange',
      from: '2026-12-08',
      forecastVersionId: fv,
    });
    expect(down.status).toBe(201);
    expect(down.body).toMatchObject({ level: 'orange', peakLevel: 'red' });
    expect(down.body.decisions[2].basis).toBe('supported');
    // Each decision names the day it takes effect (read by the notice, compliance, evaluation).
    expect(down.body.decisions.map((d: { from: string }) => d.from)).toEqual([
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
    ]);
    const ext = await s.call('city', 'POST', url, {
      action: 'extend',
      to: '2026-12-10',
      forecastVersionId: fv,
    });
    expect(ext.status).toBe(409);
    expect(ext.body.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    expect(
      (
        await s.call('wuan', 'POST', url, {
          action: 'lift',
          from: '2026-12-09',
          forecastVersionId: fv,
        })
      ).status,
    ).toBe(403);
  });

  it('counties confirm once; the active warnings show who confirmed', async () => {
    const active = await s.call('wuan', 'GET', '/api/warnings/active');
    expect(active.body.warnings).toHaveLength(1);
    const w = active.body.warnings[0];
    expect(w).toMatchObject({ region: '130400', level: 'orange', confirmed: false });
    const url = `/api/warnings/decisions/${w.decisionId}/confirmations`;
    const c = await s.call('wuan', 'POST', url, { note: '已启动II级响应' });
    expect(c.status).toBe(201);
    const last = c.body.decisions.at(-1);
    expect(last.confirmations).toMatchObject([{ unit: '130481', unitName: '武安市' }]);
    expect(last.pending).toEqual([{ unit: '130424', unitName: '成安县' }]);
    expect((await s.call('wuan', 'POST', url, {})).body.code).toBe(
      'LT_ERR_WARNING_ALREADY_CONFIRMED',
    );
    expect((await s.call('bureau', 'POST', url, {})).status).toBe(201);
    expect((await s.call('steel', 'POST', url, {})).status).toBe(403);
    expect((await s.call('city', 'POST', url, {})).status).toBe(403);
    expect((await s.call('wuan', 'GET', '/api/warnings/active')).body.warnings[0].confirmed).toBe(
      true,
    );
    expect((await s.call('steel', 'GET', '/api/warnings/active')).body.warnings[0].confirmed).toBe(
      null,
    );
    expect((await s.call('visitor', 'GET', '/api/warnings/active')).body.warnings).toEqual([]);
    expect(await listAudit(t.db, { action: 'warning.confirm' })).toHaveLength(2);
  });

  it('a county sees its own and the city episodes, not another county', async () => {
    const r = await s.call('bureau', 'POST', '/api/warnings/episodes', {
      region: '130424',
      level: 'yellow',
      from: '2026-12-06',
      to: '2026-12-07',
      forecastVersionId: fvOther,
    });
    expect(r.status).toBe(201);
    expect(r.body.decisions[0].noticeNumber).toBe('邯气应急〔2026〕4号');
    const mine = await s.call('chengan', 'GET', '/api/warnings/episodes');
    expect(mine.body.episodes.map((e: { region: string }) => e.region).sort()).toEqual([
      '130400',
      '130424',
    ]);
    const wuan = await s.call('wuan', 'GET', '/api/warnings/episodes');
    expect(wuan.body.episodes.map((e: { region: string }) => e.region)).toEqual(['130400']);
    expect((await s.call('wuan', 'GET', `/api/warnings/episodes/${r.body.id}`)).status).toBe(404);
    const dId = r.body.decisions[0].id;
    expect((await s.call('wuan', 'GET', `/api/warnings/decisions/${dId}/notice.pdf`)).status).toBe(
      404,
    );
    expect((await s.call('wuan', 'GET', '/api/warnings/active')).body.warnings).toHaveLength(1);
    expect((await s.call('city', 'GET', '/api/warnings/active')).body.warnings).toHaveLength(2);
    // The coking plant is in 成安县 (130424), the steel works in 武安市.
    const coke = await s.call('coke', 'GET', '/api/warnings/episodes');
    expect(coke.body.episodes.map((e: { region: string }) => e.region).sort()).toEqual([
      '130400',
      '130424',
    ]);
    expect((await s.call('steel', 'GET', '/api/warnings/active')).body.warnings).toHaveLength(1);
    expect((await s.call('visitor', 'GET', '/api/warnings/active')).body.warnings).toEqual([]);
    expect((await s.call('visitor', 'GET', '/api/warnings/episodes')).status).toBe(403);
  });

  it('the notice of a decision is a PDF named by its notice number', async () => {
    const e = await s.call('wuan', 'GET', `/api/warnings/episodes/${episodeId}`);
    const d = e.body.decisions[1];
    const res = await app.inject({ method: 'GET', url: d.noticeUrl, headers: s.headers('wuan') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(5_000);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('邯气应急〔2026〕2号.pdf'),
    );
    const anon = await app.inject({ method: 'GET', url: d.noticeUrl });
    expect(anon.statusCode).toBe(401);
  });

  it('the public page lists active warnings without sign-in; lifting removes it', async () => {
    const pub = await app.inject({ method: 'GET', url: '/api/public/warnings' });
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body.truncated).toBe(false);
    expect(body.warnings.map((w: { regionName: string }) => w.regionName)).toEqual([
      '邯郸市',
      '成安县',
    ]);
    expect(body.warnings[0]).toMatchObject({
      level: 'orange',
      responseGrade: 'II级',
      noticeNumber: '邯气应急〔2026〕3号',
    });
    expect(body.warnings[0].mandatory).toContain('应急减排清单');
    const html = await app.inject({ method: 'GET', url: '/public/warnings' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('重污染天气预警公告');
    expect(html.body).toContain('邯郸市：橙色预警（II级应急响应）');

    const lift = await s.call('city', 'POST', `/api/warnings/episodes/${episodeId}/decisions`, {
      action: 'lift',
      from: '2026-12-09',
      forecastVersionId: fv,
    });
    expect(lift.status).toBe(201);
    expect(lift.body).toMatchObject({ status: 'lifted', liftedOn: '2026-12-09', level: 'orange' });
    expect(lift.body.decisions.at(-1)).toMatchObject({ action: 'lift', basis: 'supported' });
    const after = (await app.inject({ method: 'GET', url: '/api/public/warnings' })).json();
    expect(after.warnings.map((w: { regionName: string }) => w.regionName)).toEqual(['成安县']);
    expect((await s.call('wuan', 'GET', '/api/warnings/active')).body.warnings).toEqual([]);
    const lifted = await s.call('city', 'GET', '/api/warnings/episodes?status=lifted');
    expect(lifted.body.episodes.map((e: { id: number }) => e.id)).toEqual([episodeId]);
  });
});
