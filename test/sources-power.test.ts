/**
 * Electricity sub-metering over the API: meters registered by the city office and the bureau
 * (audited, scoped), readings in by JSON batch and CSV upload (all or nothing, with row numbers
 * and stable codes; an enterprise sends its own), and the states of a line with the periods of
 * production without treatment, on every dialect under test. Real database, real HTTP stack.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { alarmsConfigFromEnv } from '../src/sources/alarms/alarm-config.ts';
import { runAlarms } from '../src/sources/alarms/alarm-runner.ts';
import { DEFAULT_POWER_CONFIG } from '../src/sources/power/power-config.ts';
import { powerLineStates } from '../src/sources/alarms/power-line-states.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock } from './support/sign-in.ts';
import { COKE, seedSources, signedInApp, STEEL } from './sources-power-support.ts';

const H = 3_600_000;
/** 2026-01-05 00:00 in Beijing. */
const DAY0 = Date.UTC(2026, 0, 4, 16);
const base = (code: string) => `/api/sources/enterprises/${code}/power`;

describe.each(dialectsUnderTest())('sub-metering API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let call: Awaited<ReturnType<typeof signedInApp>>['call'];
  let upload: Awaited<ReturnType<typeof signedInApp>>['upload'];
  let remove: Awaited<ReturnType<typeof signedInApp>>['remove'];
  const clock = movableClock(DAY0 + 30 * H);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, clock.now());
    ({ app, call, upload, remove } = await signedInApp(t.db, clock));
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  const meter = (code: string, over: Record<string, unknown>) => ({
    code,
    name: code,
    runningKw: 100,
    ...over,
  });

  it('registers meters: the city office and the bureau only, checked, audited', async () => {
    const create = (who: string, body: object, code = STEEL) =>
      call(who, 'POST', `${base(code)}/meters`, body);
    const prod = meter('P1', { role: 'production', line: 'SJ1', name: '主抽风机' });
    expect((await create('steel', prod)).status).toBe(403);
    expect((await create('wuan', prod)).status).toBe(403);
    expect((await create('industry', prod)).status).toBe(403);
    const made = await create('city', prod);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ code: 'P1', role: 'production', line: 'SJ1', factor: 1 });
    expect(
      (await create('bureau', meter('T1', { role: 'treatment', facility: 'TL1', runningKw: 20 })))
        .status,
    ).toBe(201);
    expect(
      (await create('bureau', meter('T2', { role: 'treatment', facility: 'CC1', runningKw: 20 })))
        .status,
    ).toBe(201);
    // refusals with stable codes
    expect((await create('city', prod)).body.code).toBe('LT_ERR_POWER_METER_EXISTS');
    const bad = async (body: object) => (await create('city', body)).body.code;
    expect(await bad(meter('X', { role: 'production' }))).toBe('LT_ERR_BAD_POWER_METER');
    expect(await bad(meter('X', { role: 'treatment', facility: 'NOPE' }))).toBe(
      'LT_ERR_BAD_POWER_METER',
    );
    expect(await bad(meter('X', { role: 'production', line: 'SJ1', runningKw: 0 }))).toBe(
      'LT_ERR_BAD_POWER_METER',
    );
    expect(await bad(meter('X', { role: 'production', line: 'SJ1', deviceMn: 'M1' }))).toBe(
      'LT_ERR_BAD_POWER_METER',
    );
    expect((await create('city', prod, '91130400MA0A0NONE9')).body.code).toBe(
      'LT_ERR_ENTERPRISE_NOT_FOUND',
    );
    // change and audit
    const changed = await call('bureau', 'PATCH', `${base(STEEL)}/meters/P1`, { runningKw: 150 });
    expect(changed.body.runningKw).toBe(150);
    const audit = await listAudit(t.db, {});
    const actions = audit.map((a) => `${a.actor}:${a.action}:${a.target}`);
    expect(actions).toContain(`city:power.meter.create:power-meter:${STEEL}/P1`);
    expect(actions).toContain(`bureau:power.meter.update:power-meter:${STEEL}/P1`);
  });

  it('shows meters within scope only', async () => {
    const list = async (who: string, code = STEEL) => call(who, 'GET', `${base(code)}/meters`);
    for (const who of ['city', 'bureau', 'wuan', 'steel'])
      expect((await list(who)).body.map((m: { code: string }) => m.code)).toEqual([
        'P1',
        'T1',
        'T2',
      ]);
    for (const who of ['chengan', 'coke', 'industry'])
      expect((await list(who)).body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    expect((await list('visitor')).status).toBe(403);
  });

  it('takes a JSON batch all or nothing; an enterprise sends its own meters only', async () => {
    const send = (who: string, readings: object[], code = STEEL) =>
      call(who, 'POST', `${base(code)}/readings`, { readings });
    const refused = await send('steel', [
      { meter: 'P1', time: DAY0, kw: 500 },
      { meter: 'NOPE', time: DAY0, kw: 1 },
      { meter: 'P1', time: 'yesterday', kw: 1 },
      { meter: 'T1', time: DAY0, kw: 'many' },
      { meter: 'T1', time: DAY0 + 60_000, kw: -1 },
      { meter: 'P1', time: DAY0, kw: 400 },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('LT_ERR_IMPORT_REJECTED');
    expect(
      refused.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
    ).toEqual([
      [2, 'LT_ERR_POWER_METER_NOT_FOUND'],
      [3, 'LT_ERR_BAD_TIME'],
      [4, 'LT_ERR_NOT_NUMERIC'],
      [5, 'LT_ERR_NEGATIVE'],
      [6, 'LT_ERR_BAD_POWER_READING'],
    ]);
    const none = await call('city', 'GET', `${base(STEEL)}?from=2026-01-05&to=2026-01-05`);
    expect(none.body.meters[0].readings).toEqual([]);
    expect((await send('coke', [{ meter: 'P1', time: DAY0, kw: 5 }])).body.code).toBe(
      'LT_ERR_OUT_OF_SCOPE',
    );
    expect((await send('wuan', [{ meter: 'P1', time: DAY0, kw: 5 }])).status).toBe(403);
    expect((await send('steel', [], COKE)).body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    // hours 0–3 of 2026-01-05: production runs throughout; desulphurisation stops in hours 2–3
    const readings = [];
    for (let h = 0; h < 4; h++)
      for (const m of [0, 20, 40]) {
        const time = DAY0 + h * H + m * 60_000;
        readings.push({ meter: 'P1', time, kw: 800 });
        readings.push({ meter: 'T1', time: new Date(time).toISOString(), kw: h < 2 ? 60 : 2 });
        readings.push({ meter: 'T2', time, kw: 45, kwh: 1000 + h });
      }
    const ok = await send('steel', readings);
    expect(ok.body).toEqual({ received: 36, written: 36 });
    expect((await send('steel', readings)).body).toEqual({ received: 36, written: 0 });
  });

  it('takes a CSV upload all or nothing, with line numbers', async () => {
    const url = `${base(STEEL)}/readings/csv`;
    const bad = await upload(
      'steel',
      url,
      'bad.csv',
      '电表,时间,功率\nP1,2026-01-05 04:00,800\nP1,2026-01-05 04:20\nQ9,2026-01-05 04:20,1\nT1,2026-02-30 04:00,1\n',
    );
    expect(bad.status).toBe(400);
    expect(
      bad.body.detail.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
    ).toEqual([
      [3, 'LT_ERR_CSV_ROW'],
      [4, 'LT_ERR_POWER_METER_NOT_FOUND'],
      [5, 'LT_ERR_BAD_TIME'],
    ]);
    expect((await upload('steel', url, 'h.csv', 'a,b\n1,2\n')).body.code).toBe('LT_ERR_CSV_HEADER');
    const csv = ['meter,time,kw,kwh'];
    for (const m of [0, 20, 40]) {
      csv.push(`P1,2026-01-05 04:${String(m).padStart(2, '0')},820,`);
      csv.push(`T1,2026-01-05 04:${String(m).padStart(2, '0')}:00,1.5,`);
      csv.push(`T2,2026-01-05 04:${String(m).padStart(2, '0')},44,2000`);
    }
    const ok = await upload('bureau', url, 'ok.csv', csv.join('\r\n') + '\r\n');
    expect(ok.body).toEqual({ received: 9, written: 9 });
    expect((await upload('chengan', url, 'ok.csv', csv.join('\n'))).status).toBe(403);
  });

  it('answers states per line and the periods of production without treatment', async () => {
    const r = await call('wuan', 'GET', `${base(STEEL)}?from=2026-01-05&to=2026-01-05`);
    expect(r.status).toBe(200);
    expect(r.body.from).toBe(DAY0);
    expect(r.body.to).toBe(DAY0 + 24 * H);
    const p1 = r.body.meters.find((m: { code: string }) => m.code === 'P1');
    expect(p1.readings).toHaveLength(15);
    expect(p1.readings[12]).toEqual({ time: DAY0 + 4 * H, kw: 820, kwh: null, origin: 'csv' });
    const [line] = r.body.lines;
    expect(line.code).toBe('SJ1');
    expect(line.hours).toHaveLength(24);
    expect(
      line.hours
        .slice(0, 6)
        .map((h: { production: boolean; treatment: boolean }) => [h.production, h.treatment]),
    ).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [true, false],
      [true, false],
      [null, null],
    ]);
    expect(line.untreated).toEqual([{ from: DAY0 + 2 * H, to: DAY0 + 5 * H, hours: 3 }]);
    expect((await call('coke', 'GET', `${base(STEEL)}?from=2026-01-05&to=2026-01-05`)).status).toBe(
      403,
    );
    expect(
      (await call('city', 'GET', `${base(STEEL)}?from=2026-01-05&to=2026-03-05`)).body.code,
    ).toBe('LT_ERR_BAD_RANGE');
  });

  it('feeds the alarm job: production without treatment opens a no_treatment alarm', async () => {
    const states = await powerLineStates(t.db, DEFAULT_POWER_CONFIG.rules)(DAY0, DAY0 + 6 * H);
    // the unknown hour (5) stays unknown: the detector counts only production on and treatment off
    expect([...states.values()][0]!.map((h) => [h.production, h.treatment])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [true, false],
      [true, false],
      [null, null],
    ]);
    const cfg = alarmsConfigFromEnv({});
    await runAlarms(t.db, cfg, DAY0 + 5 * H, powerLineStates(t.db, DEFAULT_POWER_CONFIG.rules));
    const alarms = await t.db.kysely
      .selectFrom('alarms')
      .select(['kind', 'line_id', 'first_seen', 'last_seen'])
      .where('kind', '=', 'no_treatment')
      .execute();
    expect(alarms).toEqual([
      {
        kind: 'no_treatment',
        line_id: expect.any(Number),
        first_seen: DAY0 + 2 * H,
        last_seen: DAY0 + 4 * H,
      },
    ]);
  });

  it('removes a meter with its readings (audited)', async () => {
    const url = `${base(STEEL)}/meters/T2`;
    expect((await app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
    expect(await remove('steel', url)).toBe(403);
    expect(await remove('bureau', url)).toBe(204);
    expect(await remove('bureau', url)).toBe(404);
    const left = await call('city', 'GET', `${base(STEEL)}/meters`);
    expect(left.body.map((m: { code: string }) => m.code)).toEqual(['P1', 'T1']);
    const n = await t.db.kysely
      .selectFrom('power_readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(30);
    const audit = await listAudit(t.db, {});
    expect(audit.some((a) => a.action === 'power.meter.delete')).toBe(true);
  });
});
