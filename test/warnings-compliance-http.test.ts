/**
 * Compliance during an episode over HTTP with a real store (both dialects): the checks run by
 * hand find the steel works not cutting its SO2 and its sinter line running although it should
 * stop; the coking plant cutting as owed is not listed; running twice changes nothing; counties
 * see their own enterprises' violations; the bureau assigns to the county, the county closes with
 * findings (audited); the evaluation answers as JSON, a one-page PDF and an Excel workbook.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DEFAULT_COMPLIANCE_CONFIG } from '../src/warnings/compliance/compliance-config.ts';
import { runCompliance } from '../src/warnings/compliance/compliance-runner.ts';
import { DEFAULT_RUNNING_RULES } from '../src/sources/power/rules/meter-state.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';
import { COKE, STEEL } from './sources-alarms-support.ts';
import { hourAt, seedEpisode, type EpisodeSeed } from './warnings-compliance-support.ts';

const PW = 'Lantian-test-2020';

describe.each(dialectsUnderTest())('compliance and evaluation over HTTP on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let s: EpisodeSeed;
  // 2026-03-03 10:00 local: 03-02 is a complete day of the episode.
  const clock = movableClock(hourAt(34));
  let who: Record<string, { cookie: string; csrf: string }> = {};

  const call = async (user: string, method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: sessionHeaders(who[user]!),
      ...(body ? { payload: body } : {}),
    });
    const json = String(res.headers['content-type']).includes('json') ? res.json() : undefined;
    return {
      status: res.statusCode,
      body: json,
      raw: res.rawPayload,
      type: res.headers['content-type'],
    };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    s = await seedEpisode(t.db);
    const ctx = { actor: 'test', ip: null };
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['wuan', 'county', { regionAdcode: STEEL.region_adcode }],
      ['chengan', 'county', { regionAdcode: COKE.region_adcode }],
      ['steel', 'enterprise', { enterprise: STEEL.credit_code }],
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
    });
    who = await signInAll(
      app,
      users.map((u) => u[0]),
      PW,
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('a manual run finds the steel works not cutting and its sinter line running; a second run changes nothing', async () => {
    expect((await call('admin', 'GET', '/api/warnings/violations')).body.total).toBe(0);
    expect(
      (await call('wuan', 'POST', `/api/warnings/episodes/${s.episode}/compliance/run`)).status,
    ).toBe(403);
    expect(
      (await call('admin', 'POST', '/api/warnings/episodes/99999/compliance/run')).body.code,
    ).toBe('LT_ERR_WARNING_EPISODE_NOT_FOUND');
    const run = await call('admin', 'POST', `/api/warnings/episodes/${s.episode}/compliance/run`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      edition: 'lantian-compliance-2026',
      episodes: 1,
      enterprises: 2,
      opened: 2,
      updated: 0,
    });
    const again = await call('admin', 'POST', `/api/warnings/episodes/${s.episode}/compliance/run`);
    expect(again.body).toMatchObject({ opened: 0, updated: 0 });
    const list = await call('admin', 'GET', `/api/warnings/violations?episode=${s.episode}`);
    expect(list.body.total).toBe(2);
    expect(list.body.counts).toEqual({ open: 2, assigned: 0, closed: 0 });
    const cut = list.body.items.find((v: { kind: string }) => v.kind === 'not-cutting');
    expect(cut).toMatchObject({
      enterprise: { creditCode: STEEL.credit_code, county: STEEL.region_adcode },
      kindName: '未按清单减排',
      status: 'open',
      windowFrom: hourAt(0),
      windowTo: hourAt(24),
      evidence: {
        day: '2026-03-02',
        pollutant: 'SO2',
        baselineKg: 240,
        expectedCutKg: 48,
        allowedKg: 192,
        thresholdKg: 204,
        observedKg: 240,
        achievedCutKg: 0,
        validHours: 24,
        tolerancePct: 5,
      },
    });
    expect(cut.evidence.rule).toMatch(/lantian-compliance-2026/);
    const line = list.body.items.find((v: { kind: string }) => v.kind === 'line-running');
    expect(line).toMatchObject({
      windowFrom: hourAt(2),
      windowTo: hourAt(8),
      evidence: { line: { code: 'SJ1' }, runningHours: 6, measures: ['stop-lines'] },
    });
    expect(
      list.body.items.some(
        (v: { enterprise: { creditCode: string } }) => v.enterprise.creditCode === COKE.credit_code,
      ),
    ).toBe(false);
    const audit = await listAudit(t.db, { action: 'warning.compliance.run' });
    expect(audit.length).toBe(2);
  });

  it('the periodic runner checks active episodes only and respects what was found before', async () => {
    const r = await runCompliance(t.db, DEFAULT_COMPLIANCE_CONFIG, DEFAULT_RUNNING_RULES, clock.t);
    expect(r).toMatchObject({ episodes: 1, opened: 0, updated: 0 });
  });

  it('a county episode checks the enterprises of the county on the city list; a lifted one up to its lift day', async () => {
    const run = await call(
      'admin',
      'POST',
      `/api/warnings/episodes/${s.countyEpisode}/compliance/run`,
    );
    expect(run.body).toMatchObject({ episodes: 1, enterprises: 1, checks: 1, opened: 0 });
  });

  it('filters and county scope: a county sees its own enterprises only; an enterprise account is refused', async () => {
    expect((await call('wuan', 'GET', '/api/warnings/violations')).body.total).toBe(2);
    expect((await call('chengan', 'GET', '/api/warnings/violations')).body.total).toBe(0);
    expect((await call('steel', 'GET', '/api/warnings/violations')).status).toBe(403);
    expect(
      (await call('admin', 'GET', '/api/warnings/violations?kind=line-running')).body.total,
    ).toBe(1);
    expect(
      (await call('admin', 'GET', `/api/warnings/violations?county=${COKE.region_adcode}`)).body
        .total,
    ).toBe(0);
    expect(
      (await call('chengan', 'GET', `/api/warnings/violations?county=${STEEL.region_adcode}`)).body
        .total,
    ).toBe(0);
    const eps = await call('wuan', 'GET', '/api/warnings/compliance/episodes');
    expect(eps.body.items.map((e: { id: number }) => e.id)).toEqual([s.episode]);
    expect(eps.body.items[0].violations).toEqual({ open: 2, assigned: 0, closed: 0 });
    const ch = await call('chengan', 'GET', '/api/warnings/compliance/episodes');
    expect(ch.body.items.map((e: { id: number }) => e.id).sort()).toEqual(
      [s.episode, s.countyEpisode].sort(),
    );
  });

  it('the bureau assigns to the county; the county closes with findings; both audited; a closed one stays closed', async () => {
    const list = await call('admin', 'GET', '/api/warnings/violations?kind=not-cutting');
    const id = list.body.items[0].id;
    expect((await call('wuan', 'POST', `/api/warnings/violations/${id}/assign`, {})).status).toBe(
      403,
    );
    const assigned = await call('admin', 'POST', `/api/warnings/violations/${id}/assign`, {});
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      assignedTo: STEEL.region_adcode,
      assignedBy: 'admin',
    });
    expect(
      (await call('chengan', 'POST', `/api/warnings/violations/${id}/close`, { findings: 'x' }))
        .body.code,
    ).toBe('LT_ERR_WARNING_VIOLATION_NOT_FOUND');
    expect(
      (await call('wuan', 'POST', `/api/warnings/violations/${id}/close`, { findings: '' })).status,
    ).toBe(400);
    const closed = await call('wuan', 'POST', `/api/warnings/violations/${id}/close`, {
      findings: '现场核查：烧结机脱硫系统故障，已责令整改并立案调查',
    });
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedBy: 'wuan',
      findings: expect.stringContaining('立案'),
    });
    const twice = await call('wuan', 'POST', `/api/warnings/violations/${id}/close`, {
      findings: '再次',
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'LT_ERR_WARNING_VIOLATION_STATE']);
    expect((await call('admin', 'POST', `/api/warnings/violations/${id}/assign`, {})).status).toBe(
      409,
    );
    const audit = await listAudit(t.db, {});
    const actions = audit
      .filter((a) => a.target === `warning-violation:${id}`)
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(['warning.violation.assign', 'warning.violation.close']);
    // A later run does not reopen or change what was closed.
    const run = await call('admin', 'POST', `/api/warnings/episodes/${s.episode}/compliance/run`);
    expect(run.body).toMatchObject({ opened: 0, updated: 0 });
    const again = await call('admin', 'GET', `/api/warnings/violations/${id}`);
    expect(again.body.status).toBe('closed');
  });

  it('the evaluation: forecast vs observed, days at each level, reductions achieved vs owed, enterprises that failed', async () => {
    const ev = await call('admin', 'GET', `/api/warnings/episodes/${s.episode}/evaluation`);
    expect(ev.status).toBe(200);
    expect(ev.body.edition).toBe('lantian-evaluation-2026.2');
    expect(ev.body.episode).toMatchObject({
      id: s.episode,
      region: '130400',
      lastDay: '2026-03-03',
    });
    expect(
      ev.body.days.map((d: { date: string; forecastAqi: number; level: string }) => [
        d.date,
        d.forecastAqi,
        d.level,
      ]),
    ).toEqual([
      ['2026-03-02', 230, 'orange'],
      ['2026-03-03', 260, 'orange'],
    ]);
    expect(ev.body.days[1].forecastLow).toBe(220);
    expect(ev.body.peaks.forecast).toEqual({ date: '2026-03-03', aqi: 260 });
    expect(ev.body.daysAtLevel).toEqual({ yellow: 0, orange: 2, red: 0 });
    expect(ev.body.enterprisesListed).toBe(2);
    expect(ev.body.reductions).toEqual([
      {
        pollutant: 'SO2',
        owedKg: 84,
        measuredEnterprises: 2,
        measuredBaselineKg: 360,
        measuredOwedKg: 84,
        achievedKg: 36,
        achievedPctOfOwed: 42.9,
        achievedPctOfBaseline: 10,
      },
    ]);
    expect(ev.body.failed).toEqual([
      expect.objectContaining({ creditCode: STEEL.credit_code, violations: 2, open: 1 }),
    ]);
    expect(ev.body.notes.join()).toContain('尚未解除');
    // The county of the lifted county episode sees it; another county does not.
    expect(
      (await call('chengan', 'GET', `/api/warnings/episodes/${s.countyEpisode}/evaluation`)).status,
    ).toBe(200);
    expect(
      (await call('wuan', 'GET', `/api/warnings/episodes/${s.countyEpisode}/evaluation`)).body.code,
    ).toBe('LT_ERR_WARNING_EPISODE_NOT_FOUND');
  });

  it('the evaluation as a one-page PDF and as an Excel workbook', async () => {
    const pdf = await call('wuan', 'GET', `/api/warnings/episodes/${s.episode}/evaluation.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = pdf.raw.toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)?.length).toBe(1);
    const xlsx = await call('wuan', 'GET', `/api/warnings/episodes/${s.episode}/evaluation.xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '逐日对比', '减排量', '违规企业']);
    const days = wb.getWorksheet('逐日对比')!;
    expect(days.getRow(3).getCell(1).value).toBe('2026-03-02');
    expect(days.getRow(3).getCell(3).value).toBe('230');
    const failed = wb.getWorksheet('违规企业')!;
    expect(failed.getRow(3).getCell(1).value).toBe(STEEL.name);
  });
});
