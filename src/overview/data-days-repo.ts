/**
 * Which days hold data for a set of stations: the first and last day with a daily row, and the
 * last day on which enough of them have a daily PM2.5 value for the area's daily value to exist
 * (HJ 663-2013 点位平均 with the platform's minimum share of points, see
 * src/standards/assessment/region-daily.ts — the same rule the overview and the assessment use).
 */
import { sql } from 'kysely';
import type { Db } from '../store/db.ts';

/** First and last day with a daily row of any of the stations, on or before `onOrBefore`. */
export async function dailySpan(
  db: Db,
  stationIds: readonly number[],
  onOrBefore: string,
): Promise<{ first: string | null; last: string | null }> {
  if (stationIds.length === 0) return { first: null, last: null };
  const row = await db.kysely
    .selectFrom('station_daily')
    .select((eb) => [eb.fn.min('day').as('first'), eb.fn.max('day').as('last')])
    .where('station_id', 'in', stationIds)
    .where('day', '<=', onOrBefore)
    .executeTakeFirst();
  return {
    first: (row?.first as string | null | undefined) ?? null,
    last: (row?.last as string | null | undefined) ?? null,
  };
}

/**
 * The last day on or before `onOrBefore` on which at least `required` of the stations have a
 * daily PM2.5 value, or null.
 */
export async function lastDayWithStations(
  db: Db,
  stationIds: readonly number[],
  required: number,
  onOrBefore: string,
): Promise<string | null> {
  if (stationIds.length === 0) return null;
  const row = await db.kysely
    .selectFrom('station_daily')
    .select('day')
    .where('station_id', 'in', stationIds)
    .where('day', '<=', onOrBefore)
    .where('pm2_5', 'is not', null)
    .groupBy('day')
    .having(sql<number>`count(*)`, '>=', required)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (row?.day as string | undefined) ?? null;
}
