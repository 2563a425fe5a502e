/** Reads station-day statistics back as the standards core's DailyRecord. */
import type { DailyRecord } from '../standards/index.ts';
import type { Db } from '../store/db.ts';

/** Daily records of the given stations in [from, to], by station id, in date order. */
export async function stationDailyRecords(
  db: Db,
  stationIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, DailyRecord[]>> {
  const out = new Map<number, DailyRecord[]>(stationIds.map((id) => [id, []]));
  if (stationIds.length === 0) return out;
  const rows = await db.kysely
    .selectFrom('station_daily')
    .select(['station_id', 'day', 'so2', 'no2', 'pm10', 'pm2_5', 'co', 'o3_1h', 'o3_8h'])
    .where('station_id', 'in', stationIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('station_id')
    .orderBy('day')
    .execute();
  for (const r of rows) {
    out.get(r.station_id)!.push({
      date: r.day,
      SO2: r.so2,
      NO2: r.no2,
      PM10: r.pm10,
      'PM2.5': r.pm2_5,
      CO: r.co,
      O3_1h: r.o3_1h,
      O3_8h: r.o3_8h,
    });
  }
  return out;
}

/** First and last day with a daily record of each station (over all time), by station id. */
export async function stationServiceSpans(
  db: Db,
  stationIds: readonly number[],
): Promise<Map<number, { first: string; last: string }>> {
  if (stationIds.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('station_daily')
    .select((eb) => [
      'station_id',
      eb.fn.min<string>('day').as('first'),
      eb.fn.max<string>('day').as('last'),
    ])
    .where('station_id', 'in', stationIds)
    .groupBy('station_id')
    .execute();
  return new Map(rows.map((r) => [r.station_id, { first: r.first, last: r.last }]));
}
