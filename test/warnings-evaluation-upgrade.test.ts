/**
 * The evaluation of an episode upgraded orange → red (both dialects, over HTTP): owed and achieved
 * reductions are summed day by day over the list of the level in force that day
 * (lantian-evaluation-2026.2, docs/warnings.md "Evaluation of an episode"). The compliance
 * fixtures' orange episode (03-02 … 03-04) is upgraded to red from 03-03. Orange list: steel SO2
 * baseline 240, owes 48 kg/day; coking 120, owes 36. Red list: only the steel works, owes 120.
 * CEMS: 03-02 steel 240, coking 84 (fixtures); 03-03 steel 24 × 6 = 144, coking 24 × 2 = 48 (not
 * on the red list: not counted); 03-04 no data (not judged, still owed). Evaluated on 03-05, so
 * 03-02 … 03-04 are complete days.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';
import {
  hourAt,
  putCou,
  seedEpisode,
  T0,
  type EpisodeSeed,
} from './warnings-compliance-support.ts';

const PW = 'Lantian-test-2020';

describe.each(dialectsUnderTest())('evaluation after an upgrade on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let s: EpisodeSeed;
  // 2026-03-05 10:00 local.
  const clock = movableClock(hourAt(24 * 3 + 10));
  let who: Record<string, { cookie: string; csrf: string }> = {};
  const get = (url: string) =>
    app.inject({ method: 'GET', url, headers: sessionHeaders(who.admin!) });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    s = await seedEpisode(t.db);
    const k = t.db.kysely;
    await putCou(t.db, s.steelOutlet, '2026-03-03', 24, 24, 6);
    await putCou(t.db, s.cokeOutlet, '2026-03-03', 24, 24, 2);
    await k
      .updateTable('warning_episodes')
      .set({ level: 'red', peak_level: 'red', level_since: '2026-03-03' })
      .where('id', '=', s.episode)
      .execute();
    await k
      .insertInto('warning_decisions')
      .values({
        episode_id: s.episode,
        seq: 2,
        action: 'upgrade',
        level: 'red',
        from_date: '2026-03-03',
        to_date: '2026-03-04',
        forecast_version_id: null,
        edition: null,
        basis: 'overridden',
        override_reason: '省厅区域预警要求统一升级',
        reason: '升级为红色预警',
        notice_number: '邯气应急〔2026〕2号',
        notice_blob: null,
        decided_by: 'admin',
        decided_at: T0,
      })
      .execute();
    const red = (
      await k
        .insertInto('emergency_lists')
        .values({
          region_adcode: '130400',
          level: 'red',
          kind: 'industrial',
          version: 1,
          status: 'published',
          totals: '{}',
          shortfall_overridden: 0,
          override_reason: null,
          generated_by: 'admin',
          generated_at: T0,
          published_by: 'admin',
          published_at: T0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await k
      .insertInto('emergency_list_items')
      .values({
        list_id: red,
        enterprise_id: s.steel,
        measures: JSON.stringify([{ kind: 'limit-output', pct: 50 }]),
        basis: 'matrix',
        baseline: JSON.stringify({ SO2: { kgPerDay: 240, source: 'cems' } }),
        expected: JSON.stringify({ SO2: 120 }),
      })
      .execute();
    await createUser(t.db, clock, { actor: 'test', ip: null }, {
      username: 'admin',
      role: 'city-admin',
      password: PW,
      mustChangePassword: false,
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
    who = await signInAll(app, ['admin'], PW);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('sums owed and achieved day by day over the list of each day’s level', async () => {
    const res = await get(`/api/warnings/episodes/${s.episode}/evaluation`);
    expect(res.statusCode).toBe(200);
    const ev = res.json();
    expect(ev.edition).toBe('lantian-evaluation-2026.2');
    expect(ev.episode.lastDay).toBe('2026-03-04');
    expect(ev.days.map((d: { level: string }) => d.level)).toEqual(['orange', 'red', 'red']);
    expect(ev.daysAtLevel).toEqual({ yellow: 0, orange: 1, red: 2 });
    // Steel and coking on the orange list, steel alone on the red one: 2 distinct enterprises.
    expect(ev.enterprisesListed).toBe(2);
    const orange = {
      pollutant: 'SO2',
      owedKg: 84, // 48 × 1 + 36 × 1
      measuredEnterprises: 2,
      measuredBaselineKg: 360, // (240 + 120) × 1 judged day
      measuredOwedKg: 84,
      achievedKg: 36, // (240 − 240) + (120 − 84)
      achievedPctOfOwed: 42.9, // 36 / 84
      achievedPctOfBaseline: 10, // 36 / 360
    };
    const red = {
      pollutant: 'SO2',
      owedKg: 240, // 120 × 2 days (03-04 owed though not judged); coking not on the red list
      measuredEnterprises: 1,
      measuredBaselineKg: 240, // 240 × 1 judged day (03-03)
      measuredOwedKg: 120,
      achievedKg: 96, // 240 − 144
      achievedPctOfOwed: 80, // 96 / 120
      achievedPctOfBaseline: 40, // 96 / 240
    };
    expect(ev.reductionsByLevel).toEqual([
      { level: 'orange', days: 1, enterprisesListed: 2, reductions: [orange] },
      { level: 'red', days: 2, enterprisesListed: 1, reductions: [red] },
    ]);
    expect(ev.reductions).toEqual([
      {
        pollutant: 'SO2',
        owedKg: 324, // 84 + 240
        measuredEnterprises: 2,
        measuredBaselineKg: 600, // 360 + 240
        measuredOwedKg: 204, // 84 + 120
        achievedKg: 132, // 36 + 96
        achievedPctOfOwed: 64.7, // 132 / 204
        achievedPctOfBaseline: 22, // 132 / 600
      },
    ]);
  });

  it('the Excel sheet 减排量 and the one-page PDF show each level and the whole episode', async () => {
    const xlsx = await get(`/api/warnings/episodes/${s.episode}/evaluation.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('减排量')!;
    const rows = [3, 4, 5].map((r) => {
      const row = sheet.getRow(r);
      return [1, 2, 3, 6].map((c) => row.getCell(c).value);
    });
    expect(rows).toEqual([
      ['橙色预警（1天）', '二氧化硫', 84, 36],
      ['红色预警（2天）', '二氧化硫', 240, 96],
      ['全过程', '二氧化硫', 324, 132],
    ]);
    const pdf = await get(`/api/warnings/episodes/${s.episode}/evaluation.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBe(1);
  });
});
