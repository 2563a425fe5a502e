/** Queries the overview needs beyond the air domain's repositories. */
import { dayBucket } from '../air/reading-writer.ts';
import { stationDailyRecords } from '../air/daily-repo.ts';
import type { StoredReading } from '../air/reading-repo.ts';
import type { DailyRecord } from '../standards/index.ts';
import type { Db } from '../store/db.ts';

type DailyTuple = [
  number,
  string,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

/**
 * Daily records of the given stations in [from, to], by station id, in date order: the same
 * answer as air/daily-repo's stationDailyRecords, read through the raw SQLite handle as arrays
 * (the overview reads two years of every station each minute; object mapping dominated).
 */
export async function dailyRecordsOfStations(
  db: Db,
  stationIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, DailyRecord[]>> {
  if (!db.sqlite || stationIds.length === 0) return stationDailyRecords(db, stationIds, from, to);
  const rows = db.sqlite
    .prepare(
      `select station_id, day, so2, no2, pm10, pm2_5, co, o3_1h, o3_8h from station_daily
       where station_id in (${stationIds.map(() => '?').join(',')}) and day >= ? and day <= ?
       order by station_id, day`,
    )
    .raw(true)
    .all(...stationIds, from, to) as DailyTuple[];
  const out = new Map<number, DailyRecord[]>(stationIds.map((id) => [id, []]));
  for (const [id, date, so2, no2, pm10, pm25, co, o31, o38] of rows) {
    out.get(id)!.push({
      date,
      SO2: so2,
      NO2: no2,
      PM10: pm10,
      'PM2.5': pm25,
      CO: co,
      O3_1h: o31,
      O3_8h: o38,
    });
  }
  return out;
}

/** The last day on or before `date` with a daily row for any of the stations, or null. */
export async function latestDailyDate(
  db: Db,
  stationIds: readonly number[],
  date: string,
): Promise<string | null> {
  if (stationIds.length === 0) return null;
  const row = await db.kysely
    .selectFrom('station_daily')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('station_id', 'in', stationIds)
    .where('day', '<=', date)
    .executeTakeFirst();
  return (row?.day as string | null | undefined) ?? null;
}

/** A reading with its station. */
export interface StationReading extends StoredReading {
  stationId: number;
}

/** Readings of the given stations with `fromMs <= hour < toMs` (any order). */
export async function readingsOfStations(
  db: Db,
  stationIds: readonly number[],
  fromMs: number,
  toMs: number,
): Promise<StationReading[]> {
  if (stationIds.length === 0 || toMs <= fromMs) return [];
  const days: number[] = [];
  for (let d = dayBucket(fromMs); d <= dayBucket(toMs - 1); d++) days.push(d);
  const rows = await db.kysely
    .selectFrom('readings')
    .select(['station_id', 'hour', 'pollutant', 'value', 'flag'])
    .where('day', 'in', days)
    .where('station_id', 'in', stationIds)
    .where('hour', '>=', fromMs)
    .where('hour', '<', toMs)
    .execute();
  return rows.map((r) => ({
    stationId: r.station_id,
    hour: Number(r.hour),
    pollutant: r.pollutant,
    value: r.value,
    flag: r.flag,
  }));
}
