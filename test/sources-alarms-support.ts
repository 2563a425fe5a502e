/** Fixtures of the alarm tests: two counties, two enterprises with an outlet each, limits, a logger. */
import { upsertRegions } from '../src/air/region-repo.ts';
import { alarmsConfigFromEnv } from '../src/sources/alarms/alarm-config.ts';
import { HOUR_MS } from '../src/standards/local-date.ts';
import type { Db } from '../src/store/db.ts';

/** 2026-03-02 00:00 Asia/Shanghai. */
export const T0 = Date.UTC(2026, 2, 1, 16);
export const hourAt = (i: number): number => T0 + i * HOUR_MS;

/** The default settings (LANTIAN_ALARMS_* unset). */
export const CFG = alarmsConfigFromEnv({});

export const STEEL = {
  credit_code: '91130400MA0A000001',
  region_adcode: '130481',
  name: '武安某钢铁',
};
export const COKE = {
  credit_code: '91130400MA0A000002',
  region_adcode: '130424',
  name: '成安某焦化',
};

/** Ids of what `seedSources` made. */
export interface Seeded {
  steel: number;
  coke: number;
  steelOutlet: number;
  cokeOutlet: number;
  steelLine: number;
  device: number;
}

/** Regions, the two enterprises, one outlet each (SO2 limit 35 at 16 % O2), a logger on the steel outlet. */
export async function seedSources(db: Db, createdAt = T0): Promise<Seeded> {
  await upsertRegions(
    db,
    [
      { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      { adcode: '130424', name: '成安县', parentAdcode: '130400', level: 'county' },
    ],
    0,
  );
  const k = db.kysely;
  const ent = async (e: typeof STEEL, industry: string) =>
    (
      await k
        .insertInto('enterprises')
        .values({
          ...e,
          industry,
          categories: '["ultra_low"]',
          address: null,
          lon: null,
          lat: null,
          grade: null,
          grade_edition: null,
          grade_date: null,
          positive_list: 0,
          positive_reason: null,
          positive_until: null,
          guarantee: 0,
          guarantee_reason: null,
          guarantee_until: null,
          key_discharger: 1,
          simulated: 0,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const steel = await ent(STEEL, 'steel');
  const coke = await ent(COKE, 'coking');
  const outlet = async (code: string, enterprise_id: number, region: string) =>
    (
      await k
        .insertInto('outlets')
        .values({
          code,
          name: code,
          enterprise: null,
          region_adcode: region,
          enterprise_id,
          line_id: null,
          height_m: 60,
          ref_o2: 16,
          pollutants: '["a21026","a21002","a34013"]',
          must_report: 1,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const steelOutlet = await outlet('WA-DA001', steel, STEEL.region_adcode);
  const cokeOutlet = await outlet('CA-DA001', coke, COKE.region_adcode);
  for (const o of [steelOutlet, cokeOutlet])
    await k
      .insertInto('outlet_limits')
      .values({
        outlet_id: o,
        pollutant: 'a21026',
        limit_mg_m3: 35,
        ref_o2: 16,
        basis: '环大气〔2019〕35号',
        updated_at: createdAt,
      })
      .execute();
  const steelLine = (
    await k
      .insertInto('production_lines')
      .values({
        enterprise_id: steel,
        code: 'SJ1',
        name: '1号烧结机',
        process: '烧结机',
        capacity: '360 m²',
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const source = (
    await k
      .insertInto('data_sources')
      .values({ kind: 'hj212', name: 'test', detail: null, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const device = (
    await k
      .insertInto('devices')
      .values({
        mn: 'WA0000000000000001',
        name: null,
        kind: 'outlet',
        station_id: null,
        outlet_id: steelOutlet,
        password: '123456',
        edition: '2017',
        crc: 'standard',
        interval_s: 60,
        aliases: '{}',
        source_id: source,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { steel, coke, steelOutlet, cokeOutlet, steelLine, device };
}

/** Writes hourly SO2 values (corrected = measured here) from hour `from`; [v, flag] for a flag. */
export async function putHours(
  db: Db,
  outletId: number,
  from: number,
  values: Array<number | [number, string]>,
  pollutant = 'a21026',
): Promise<void> {
  const rows = values.map((v, i) => {
    const [value, flag] = Array.isArray(v) ? v : [v, 'N'];
    return {
      outlet_id: outletId,
      pollutant,
      hour: hourAt(from + i),
      day: '2026-03-02',
      avg: value,
      zs_device: value,
      zs_calc: null,
      o2: 16,
      cou: null,
      flag,
      valid: flag === 'N' || flag === 'T' ? 1 : 0,
      origin: '2061',
      minutes: null,
      updated_at: T0,
    };
  });
  for (const r of rows)
    await db.kysely
      .insertInto('cems_hours')
      .values(r)
      .onConflict((oc) =>
        oc
          .columns(['outlet_id', 'pollutant', 'hour'])
          .doUpdateSet({ avg: r.avg, zs_device: r.zs_device, flag: r.flag, valid: r.valid }),
      )
      .execute();
}

/** Sets the logger's last packet. */
export async function lastPacket(db: Db, deviceId: number, at: number): Promise<void> {
  await db.kysely.deleteFrom('device_status').where('device_id', '=', deviceId).execute();
  await db.kysely
    .insertInto('device_status')
    .values({
      device_id: deviceId,
      last_packet_at: at,
      last_cn: '2011',
      last_peer: null,
      last_data_time: at,
      packets: 1,
      updated_at: at,
    })
    .execute();
}
