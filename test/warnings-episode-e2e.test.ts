/**
 * Issue 10 end to end over HTTP on every dialect under test: the simulated Handan enterprises
 * (runSourcesDemo, four days of CEMS history) → a forecast posted over the API → graded orange
 * (2024) → orange issued resting on that version (notice PDF) → the city fills the matrix cells
 * of the demo's industries (a local example after the fact sheet §2.4, Tangshan level II) → the
 * orange industrial list generated for the city, every target pollutant cut by ≥ 20 % → published
 * → CEMS hours of the episode days, every listed enterprise cutting (written to the cems store)
 * but one (sent as HJ 212 packets to the listener and projected) → the compliance run names
 * exactly that one as not-cutting, with evidence → assigned to its county, closed with findings
 * → lifted → evaluation JSON, PDF and Excel with reductions achieved vs owed and the enterprise
 * named as failed. Plus the bad inputs through the API.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSourcesDemo } from '../src/demo/sources-demo.ts';
import { DEMO_DEVICE_PASSWORD } from '../src/demo/sources-plan.ts';
import { startHj212Ingest } from '../src/ingest/hj212/server.ts';
import { cemsConfig } from '../src/sources/cems/cems-config.ts';
import { CemsProjector } from '../src/sources/cems/cems-projector.ts';
import { upsertCemsHours, type NewCemsHour } from '../src/sources/cems/cems-repo.ts';
import { HOUR_MS } from '../src/standards/local-date.ts';
import { dateStartEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock } from './support/sign-in.ts';
import { frame, TestClient, upload } from './ingest-support.ts';
import { seedSources, signedInApp } from './sources-power-support.ts';

const TZ = 'Asia/Shanghai';
/** 2026-12-01 08:00 Beijing time. */
const T0 = Date.UTC(2026, 11, 1, 0, 0, 0);
const day = (date: string, aqi: number) => ({ date, aqi, primary: 'PM2.5' });
/** 12-02 and 12-03 above 200 (48 h) → orange under 2024. */
const FORECAST = {
  region: '130400',
  issued: '2026-12-01',
  days: [
    day('2026-12-01', 130),
    day('2026-12-02', 215),
    day('2026-12-03', 260),
    day('2026-12-04', 180),
    day('2026-12-05', 110),
  ],
};
const EPISODE_DAYS = ['2026-12-02', '2026-12-03'];
const CODES = { SO2: 'a21026', NOx: 'a21002', PM: 'a34013', VOCs: 'a24088' } as const;

/**
 * The local matrix the city fills for the demo's industries at orange: steel after Tangshan's
 * level II of Oct 2019 (fact sheet §2.4 [G8]: B sinter/pellet/lime lines stop, C also half the
 * blast furnaces), coking after the coking-time extension (as a limit on output), the kilns and
 * other sources limited or stopped by grade. A local example, not the national guide.
 */
const STEEL_B = [
  { kind: 'stop-lines', pct: 50, text: '烧结、球团、石灰窑生产线停产' },
  { kind: 'truck-ban' },
];
const MATRIX: Array<[string, string[], object[]]> = [
  ['long_process_steel', ['B', 'B-'], STEEL_B],
  [
    'long_process_steel',
    ['C'],
    [
      { kind: 'stop-lines', pct: 70, text: '烧结、球团停产，高炉停产 50 % 以上' },
      { kind: 'truck-ban' },
    ],
  ],
  ['long_process_steel', ['D', 'ungraded'], [{ kind: 'stop' }, { kind: 'truck-ban' }]],
  ['coking', ['B', 'B-'], [{ kind: 'limit-output', pct: 30, text: '延长结焦时间至 36 小时' }]],
  ['coking', ['C'], [{ kind: 'limit-output', pct: 50, text: '延长结焦时间至 48 小时' }]],
  ['coking', ['D', 'ungraded'], [{ kind: 'stop' }]],
  ...['ceramics', 'brick_tile', 'lime_kiln', 'foundry', 'carbon', 'other'].flatMap(
    (industry): Array<[string, string[], object[]]> => [
      [industry, ['B'], [{ kind: 'limit-output', pct: 20 }]],
      [industry, ['B-'], [{ kind: 'limit-output', pct: 30 }]],
      [industry, ['C', 'D', 'ungraded'], [{ kind: 'stop' }]],
    ],
  ),
];

describe.each(dialectsUnderTest())('a heavy-pollution episode end to end on %s', (dialect) => {
  let t: TestStore;
  const clock = movableClock(T0);
  let s: Awaited<ReturnType<typeof signedInApp>>;
  /** Signs every account in again (sessions end after two idle hours of the moving clock). */
  const signIn = async () => {
    await s?.app.close();
    s = await signedInApp(t.db, clock);
  };
  const get = async (who: string, url: string) => {
    const res = await s.app.inject({ method: 'GET', url, headers: s.headers(who) });
    return res;
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedSources(t.db, T0);
    const demo = await runSourcesDemo(t.db, clock, { days: 4, actor: 'test' });
    expect(demo.present).toBe(false);
    expect(demo.cemsHours).toBeGreaterThan(0);
    await signIn();
  }, 300_000);
  afterAll(async () => {
    await s?.app.close();
    await t?.cleanup();
  });

  it('refuses forecasts with gaps, duplicate dates and AQI outside 0–500 with stable codes', async () => {
    const post = (days: object[]) =>
      s.call('city', 'POST', '/api/warnings/forecasts', { ...FORECAST, days });
    const gap = await post([FORECAST.days[0]!, FORECAST.days[1]!, FORECAST.days[3]!]);
    expect(gap.status).toBe(400);
    expect(gap.body.code).toBe('LT_ERR_FORECAST_GAP');
    const dup = await post([FORECAST.days[0]!, FORECAST.days[1]!, FORECAST.days[1]!]);
    expect(dup.body.code).toBe('LT_ERR_FORECAST_DUPLICATE_DATE');
    const high = await post([
      day('2026-12-01', 130),
      day('2026-12-02', 501),
      day('2026-12-03', 90),
    ]);
    expect(high.body.code).toBe('LT_ERR_FORECAST_AQI_RANGE');
    const listed = await s.call('city', 'GET', '/api/warnings/forecasts?region=130400');
    expect(listed.body.versions ?? listed.body.forecasts ?? []).toHaveLength(0);
  });

  let forecastId: number;
  let episodeId: number;
  let listId: number;
  let failer: { id: number; creditCode: string; name: string; county: string; so2Owed: number };

  it('grades the posted forecast orange under 2024 and issues orange resting on it', async () => {
    const f = await s.call('city', 'POST', '/api/warnings/forecasts', FORECAST);
    expect(f.status).toBe(201);
    forecastId = f.body.id;
    const g = await s.call('city', 'GET', `/api/warnings/forecasts/${forecastId}/grade`);
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ edition: '2024', level: 'orange' });
    const e = await s.call('city', 'POST', '/api/warnings/episodes', {
      region: '130400',
      level: 'orange',
      from: EPISODE_DAYS[0],
      to: EPISODE_DAYS[1],
      forecastVersionId: forecastId,
    });
    expect(e.status).toBe(201);
    expect(e.body).toMatchObject({
      level: 'orange',
      edition: '2024',
      forecastVersionId: forecastId,
    });
    expect(e.body.decisions[0].basis).toBe('supported');
    episodeId = e.body.id;
    const pdf = await get('wuan', e.body.decisions[0].noticeUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const active = await s.call('chengan', 'GET', '/api/warnings/active');
    expect(JSON.stringify(active.body)).toContain(`"episodeId":${episodeId}`);
  });

  it('fills the matrix, generates the orange list (≥ 20 % for every pollutant), publishes it', async () => {
    for (const [industry, grades, measures] of MATRIX)
      for (const grade of grades) {
        const r = await s.app.inject({
          method: 'PUT',
          url: `/api/warnings/lists/matrix/${industry}/${grade}/orange`,
          headers: s.headers('city'),
          payload: { measures },
        });
        expect(r.statusCode, `${industry} ${grade}`).toBe(200);
      }
    const l = await s.call('city', 'POST', '/api/warnings/lists', {
      region: '130400',
      level: 'orange',
    });
    expect(l.status).toBe(201);
    listId = l.body.id;
    expect(l.body.shortfall).toEqual([]);
    const totals = l.body.totals as Record<string, { achievedPct: number; targetPct: number }>;
    expect(Object.keys(totals).length).toBeGreaterThanOrEqual(3);
    for (const [p, x] of Object.entries(totals)) {
      expect(x.targetPct, p).toBe(20);
      expect(x.achievedPct, p).toBeGreaterThanOrEqual(20);
    }
    // The one that will keep its baseline: a steel works of grade B measured by CEMS.
    const steel = l.body.items.find(
      (i: any) =>
        i.county === '130481' &&
        i.basis === 'matrix' &&
        i.measures[0].kind === 'stop-lines' &&
        i.baseline.SO2?.source === 'cems' &&
        i.expected.SO2 > 0,
    );
    expect(steel).toBeDefined();
    const row = await t.db.kysely
      .selectFrom('enterprises')
      .select(['id', 'region_adcode'])
      .where('credit_code', '=', steel.creditCode)
      .executeTakeFirstOrThrow();
    failer = {
      id: Number(row.id),
      creditCode: steel.creditCode,
      name: steel.enterprise,
      county: row.region_adcode,
      so2Owed: steel.expected.SO2,
    };
    expect(failer.county).toBe('130481');
    const p = await s.call('city', 'POST', `/api/warnings/lists/${listId}/publish`, {});
    expect(p.status).toBe(200);
    expect(p.body.status).toBe('published');
  });

  it('refuses to publish a list short of its target without a reason', async () => {
    const y = await s.call('city', 'POST', '/api/warnings/lists', {
      region: '130400',
      level: 'yellow',
    });
    expect(y.status).toBe(201);
    expect(y.body.shortfall.length).toBeGreaterThan(0);
    const refused = await s.call('city', 'POST', `/api/warnings/lists/${y.body.id}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LT_ERR_LIST_SHORTFALL');
    const blank = await s.call('city', 'POST', `/api/warnings/lists/${y.body.id}/publish`, {
      overrideReason: '   ',
    });
    expect(blank.status).toBeGreaterThanOrEqual(400);
    expect((await s.call('city', 'GET', `/api/warnings/lists/${y.body.id}`)).body.status).toBe(
      'draft',
    );
  });

  it('finds exactly the enterprise that kept its baseline not cutting, with evidence', async () => {
    clock.t = dateStartEpoch(TZ, '2026-12-04') + 9 * HOUR_MS;
    await writeEpisodeHours();
    await signIn();
    const run = await s.call(
      'bureau',
      'POST',
      `/api/warnings/episodes/${episodeId}/compliance/run`,
    );
    expect(run.status).toBe(200);
    expect(run.body.opened).toBeGreaterThan(0);
    const v = await s.call('city', 'GET', `/api/warnings/violations?episode=${episodeId}`);
    expect(v.status).toBe(200);
    const names = [...new Set(v.body.items.map((x: any) => x.enterprise.creditCode))];
    expect(names).toEqual([failer.creditCode]);
    expect(v.body.items.every((x: any) => x.kind === 'not-cutting')).toBe(true);
    const days = [...new Set(v.body.items.map((x: any) => x.evidence.day))].sort();
    expect(days).toEqual(EPISODE_DAYS);
    const so2 = v.body.items.find((x: any) => x.evidence.pollutant === 'SO2');
    expect(so2.evidence).toMatchObject({ listId, baselineSource: 'cems', cemsCode: 'a21026' });
    expect(so2.evidence.validHours).toBeGreaterThanOrEqual(24);
    // The works' episode hours came over HJ 212 and through the projector.
    const projected = await t.db.kysely
      .selectFrom('cems_hours as h')
      .innerJoin('outlets as o', 'o.id', 'h.outlet_id')
      .select(['h.origin', 'h.valid'])
      .where('o.enterprise_id', '=', failer.id)
      .where('h.day', 'in', EPISODE_DAYS)
      .execute();
    expect(projected.length).toBeGreaterThan(0);
    expect(projected.every((h) => h.origin === '2061' && h.valid === 1)).toBe(true);
    // Running again at the same instant adds nothing.
    const again = await s.call(
      'bureau',
      'POST',
      `/api/warnings/episodes/${episodeId}/compliance/run`,
    );
    expect(again.body.opened).toBe(0);
  });

  it('assigns the violations to the county, which closes them with findings; then lifts', async () => {
    const v = await s.call('city', 'GET', `/api/warnings/violations?episode=${episodeId}`);
    const county =
      failer.county === '130481' ? 'wuan' : failer.county === '130424' ? 'chengan' : null;
    for (const x of v.body.items) {
      const a = await s.call('bureau', 'POST', `/api/warnings/violations/${x.id}/assign`, {});
      expect(a.status).toBe(200);
      expect(a.body.status).toBe('assigned');
      const c = await s.call('wuan', 'POST', `/api/warnings/violations/${x.id}/close`, {
        findings: '现场核查：烧结机未按清单停产，已责令整改并立案查处',
      });
      expect(c.status).toBe(200);
      expect(c.body.status).toBe('closed');
    }
    // The lift rests on the morning's new forecast: below yellow from today on.
    const clear = await s.call('city', 'POST', '/api/warnings/forecasts', {
      region: '130400',
      issued: '2026-12-04',
      days: [day('2026-12-04', 120), day('2026-12-05', 90), day('2026-12-06', 80)],
    });
    expect(clear.body.version).toBe(2);
    const lift = await s.call('city', 'POST', `/api/warnings/episodes/${episodeId}/decisions`, {
      action: 'lift',
      from: '2026-12-04',
      forecastVersionId: clear.body.id,
    });
    expect(lift.status, JSON.stringify(lift.body)).toBe(201);
    expect(lift.body.status).toBe('lifted');
  });

  it('evaluates the episode: reductions achieved vs owed, the enterprise named as failed', async () => {
    const base = `/api/warnings/episodes/${episodeId}/evaluation`;
    const e = await s.call('city', 'GET', base);
    expect(e.status).toBe(200);
    // In force from 12-02 until lifted on 12-04: the lift day counts (src/warnings/episode-days.ts).
    expect(e.body.daysAtLevel.orange).toBe(3);
    expect(e.body.episode).toMatchObject({ liftedOn: '2026-12-04', lastDay: '2026-12-04' });
    expect(e.body.failed.map((f: any) => f.creditCode)).toEqual([failer.creditCode]);
    expect(e.body.failed[0]).toMatchObject({ name: failer.name, kinds: ['not-cutting'], open: 0 });
    const so2 = e.body.reductions.find((r: any) => r.pollutant === 'SO2');
    expect(so2.owedKg).toBeGreaterThan(0);
    // Everyone else cut exactly what was owed: the shortfall is the failing works' own cut on
    // each of its judged days (kg/day × 2 days, lantian-evaluation-2026.2).
    expect(so2.achievedKg).toBeGreaterThan(0);
    expect(so2.measuredOwedKg - so2.achievedKg).toBeCloseTo(
      failer.so2Owed * EPISODE_DAYS.length,
      0,
    );
    const pdf = await get('city', `${base}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await get('city', `${base}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = wb.worksheets
      .flatMap((w) => w.getSheetValues().flat())
      .map(String)
      .join('|');
    expect(text).toContain(failer.name);
  });

  /**
   * The episode days' CEMS hours of every listed enterprise measured by CEMS: each outlet carrying
   * an owed pollutant sends 24 valid hours whose day sums to exactly baseline − expected split
   * over the outlets — except the failing steel works, which keeps its baseline and whose hours
   * travel the real path: HJ 212 CN 2061 packets over a socket to the listener, projected into
   * cems_hours by the projector serve runs (as test/sources-cems-e2e.test.ts).
   */
  async function writeEpisodeHours(): Promise<void> {
    const items = await t.db.kysely
      .selectFrom('emergency_list_items')
      .select(['enterprise_id', 'baseline', 'expected'])
      .where('list_id', '=', listId)
      .execute();
    const rows: NewCemsHour[] = [];
    /** The failing works' hourly amounts per outlet: code → kg an hour. */
    const sent = new Map<number, Record<string, number>>();
    for (const item of items) {
      const baseline = JSON.parse(item.baseline) as Record<
        string,
        { kgPerDay: number; source: string }
      >;
      const expected = JSON.parse(item.expected) as Record<string, number>;
      for (const [p, code] of Object.entries(CODES)) {
        const b = baseline[p];
        if (!b || b.source !== 'cems') continue;
        const outlets = await t.db.kysely
          .selectFrom('cems_hours as h')
          .innerJoin('outlets as o', 'o.id', 'h.outlet_id')
          .select('h.outlet_id')
          .distinct()
          .where('o.enterprise_id', '=', item.enterprise_id)
          .where('h.pollutant', '=', code)
          .execute();
        const kept =
          item.enterprise_id === failer.id ? b.kgPerDay : b.kgPerDay - (expected[p] ?? 0);
        const perHour = kept / 24 / outlets.length;
        if (item.enterprise_id === failer.id) {
          for (const o of outlets)
            sent.set(o.outlet_id, { ...sent.get(o.outlet_id), [code]: perHour });
          continue;
        }
        for (const d of EPISODE_DAYS) {
          const start = dateStartEpoch(TZ, d);
          for (let h = 0; h < 24; h++)
            for (const o of outlets)
              rows.push({
                outlet_id: o.outlet_id,
                pollutant: code,
                hour: start + h * HOUR_MS,
                day: d,
                avg: 10,
                zs_device: null,
                zs_calc: null,
                o2: null,
                cou: perHour,
                flag: 'N',
                valid: 1,
                origin: '2061',
                minutes: null,
                updated_at: clock.t,
              } as NewCemsHour);
        }
      }
    }
    await upsertCemsHours(t.db, rows);
    await sendHourly(sent);
  }

  /** Sends 2061 packets of the episode days for the outlets over HJ 212 and projects them. */
  async function sendHourly(sent: Map<number, Record<string, number>>): Promise<void> {
    const projector = new CemsProjector(t.db, clock, cemsConfig(), { error: () => undefined });
    const ingest = await startHj212Ingest(
      { db: t.db, clock, committed: (v) => projector.note(v) },
      {
        host: '127.0.0.1',
        port: 0,
        archive: false,
        commitDelayMs: 2,
        rateLimit: { perSecond: 0, burst: 1 },
      },
    );
    try {
      const c = await TestClient.open(ingest.port);
      let n = 0;
      for (const [outletId, amounts] of sent) {
        const { mn } = await t.db.kysely
          .selectFrom('devices')
          .select('mn')
          .where('outlet_id', '=', outletId)
          .executeTakeFirstOrThrow();
        for (const d of EPISODE_DAYS)
          for (let h = 0; h < 24; h++) {
            const items = Object.fromEntries(
              Object.entries(amounts).map(([code, kg]) => [
                code,
                { Avg: 20, Cou: Number(kg.toFixed(4)), Flag: 'N' },
              ]),
            );
            await c.write(
              frame(
                upload(mn, '2061', dateStartEpoch(TZ, d) + h * HOUR_MS, items, {
                  st: '31',
                  pw: DEMO_DEVICE_PASSWORD,
                }),
              ),
            );
            n++;
          }
      }
      expect((await c.waitFor(n, 30_000)).length).toBe(n);
      c.close();
      await ingest.drain();
      await projector.flush();
    } finally {
      await ingest.stop();
    }
  }
});
