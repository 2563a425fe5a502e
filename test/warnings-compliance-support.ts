/**
 * Fixtures of the compliance tests: on top of the alarm fixtures (two counties, a steel and a
 * coking enterprise with a CEMS outlet each, the steel's sinter line), an orange episode of the
 * city with its forecast and issue decision, the published industrial list of its level, a power
 * meter on the sinter line, and CEMS amounts (-Cou). Rows are inserted directly: the episodes and
 * lists parts build their APIs in parallel.
 */
import type { Db } from '../src/store/db.ts';
import { HOUR_MS } from '../src/standards/local-date.ts';
import { T0, hourAt, seedSources, type Seeded } from './sources-alarms-support.ts';

export { T0, hourAt };

/** Ids of what `seedEpisode` made. */
export interface EpisodeSeed extends Seeded {
  episode: number;
  countyEpisode: number;
  list: number;
  meter: number;
}

const json = (v: unknown) => JSON.stringify(v);

/** Hourly -Cou amounts of one pollutant of an outlet for `hours` hours from hour index `from`. */
export async function putCou(
  db: Db,
  outletId: number,
  day: string,
  from: number,
  hours: number,
  kg: number,
  pollutant = 'a21026',
): Promise<void> {
  for (let i = 0; i < hours; i++)
    await db.kysely
      .insertInto('cems_hours')
      .values({
        outlet_id: outletId,
        pollutant,
        hour: hourAt(from + i),
        day,
        avg: 20,
        zs_device: 20,
        zs_calc: null,
        o2: 16,
        cou: kg,
        flag: 'N',
        valid: 1,
        origin: '2061',
        minutes: null,
        updated_at: T0,
      })
      .execute();
}

/** The episode 2026-03-02 … 03-04 (orange, city), a lifted county episode, the list, a meter. */
export async function seedEpisode(db: Db): Promise<EpisodeSeed> {
  const s = await seedSources(db);
  const k = db.kysely;
  const version = (
    await k
      .insertInto('forecast_versions')
      .values({
        region_adcode: '130400',
        version: 1,
        issued: '2026-02-28',
        origin: 'manual',
        author: 'admin',
        note: null,
        first_day: '2026-03-01',
        last_day: '2026-03-05',
        created_at: T0 - 2 * 86_400_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const aqi = [140, 230, 260, 210, 120];
  for (const [i, a] of aqi.entries())
    await k
      .insertInto('forecast_days')
      .values({
        version_id: version,
        date: `2026-03-0${i + 1}`,
        aqi: a,
        aqi_low: i === 2 ? 220 : null,
        primary: '["PM2.5"]',
        cause: null,
        rolling24h_aqi: null,
      })
      .execute();
  const episode = async (region: string, status: string, lifted: string | null) =>
    (
      await k
        .insertInto('warning_episodes')
        .values({
          region_adcode: region,
          status,
          level: 'orange',
          peak_level: 'orange',
          response: 'industrial',
          from_date: '2026-03-02',
          to_date: '2026-03-04',
          level_since: '2026-03-02',
          lifted_on: lifted,
          edition: '2024',
          forecast_version_id: version,
          created_at: T0,
          updated_at: T0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const ep = await episode('130400', 'active', null);
  const countyEpisode = await episode('130424', 'lifted', '2026-03-02');
  await k
    .insertInto('warning_decisions')
    .values({
      episode_id: ep,
      seq: 1,
      action: 'issue',
      level: 'orange',
      from_date: '2026-03-02',
      to_date: '2026-03-04',
      forecast_version_id: version,
      edition: '2024',
      basis: 'supported',
      override_reason: null,
      reason: '3月2日、3月3日 日AQI>200（48小时） → 橙色预警（II级）',
      notice_number: '邯气应急〔2026〕1号',
      notice_blob: null,
      decided_by: 'admin',
      decided_at: T0 - 86_400_000,
    })
    .execute();
  const list = (
    await k
      .insertInto('emergency_lists')
      .values({
        region_adcode: '130400',
        level: 'orange',
        kind: 'industrial',
        version: 1,
        status: 'published',
        totals: '{}',
        shortfall_overridden: 0,
        override_reason: null,
        generated_by: 'admin',
        generated_at: T0 - 86_400_000,
        published_by: 'admin',
        published_at: T0 - 86_400_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // Steel: stops its sinter line, owes 20 % of 240 kg SO2 a day. Coking: limits output by 30 %.
  await k
    .insertInto('emergency_list_items')
    .values([
      {
        list_id: list,
        enterprise_id: s.steel,
        measures: json([{ kind: 'stop-lines', lines: ['SJ1'] }]),
        basis: 'matrix',
        baseline: json({ SO2: { kgPerDay: 240, source: 'cems' } }),
        expected: json({ SO2: 48 }),
      },
      {
        list_id: list,
        enterprise_id: s.coke,
        measures: json([{ kind: 'limit-output', pct: 30 }]),
        basis: 'matrix',
        baseline: json({ SO2: { kgPerDay: 120, source: 'cems' } }),
        expected: json({ SO2: 36 }),
      },
    ])
    .execute();
  const meter = (
    await k
      .insertInto('power_meters')
      .values({
        enterprise_id: s.steel,
        code: 'M-SJ1',
        name: '1号烧结机主电机',
        role: 'production',
        line_id: s.steelLine,
        facility_id: null,
        device_mn: null,
        device_code: null,
        running_kw: 100,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // The sinter line runs 02:00–08:00 on 03-02 and is off the rest of the day.
  for (let h = 0; h < 24; h++)
    await k
      .insertInto('power_readings')
      .values({
        meter_id: meter,
        time: T0 + h * HOUR_MS + 10 * 60_000,
        kw: h >= 2 && h < 8 ? 800 : 5,
        kwh: null,
        origin: 'api',
        received_at: T0,
      })
      .execute();
  // 03-02: steel emits 24 × 10 kg (not cutting: 240 > 192 + 5 % of 240), coking 24 × 3.5 = 84 (as owed).
  await putCou(db, s.steelOutlet, '2026-03-02', 0, 24, 10);
  await putCou(db, s.cokeOutlet, '2026-03-02', 0, 24, 3.5);
  return { ...s, episode: ep, countyEpisode, list, meter };
}
