/** Reading queries. Large scans use the raw driver handles with array rows. */
import type { Db } from '../store/db.ts';
import { dayBucket } from './reading-writer.ts';

/** One stored hourly reading. */
export interface StoredReading {
  hour: number;
  pollutant: string;
  value: number;
  flag: string | null;
}

/** Above this many days a range condition on the bucket beats a list of seeks. */
const MAX_LISTED_DAYS = 1500;

/** SQL condition (SQLite) selecting the day buckets of [fromMs, toMs). */
function sqliteDayCondition(fromMs: number, toMs: number): string {
  const first = dayBucket(fromMs);
  const last = dayBucket(toMs - 1);
  if (last - first + 1 > MAX_LISTED_DAYS) return `day between ${first} and ${last}`;
  const days: number[] = [];
  for (let d = first; d <= last; d++) days.push(d);
  // Integers we computed ourselves: safe to inline.
  return `day in (${days.join(',')})`;
}

/**
 * Readings of one station with `fromMs <= hour < toMs`, in time order, optionally only some
 * pollutants. The day buckets are listed so that each day is one index seek to the station.
 */
export async function stationReadings(
  db: Db,
  stationId: number,
  fromMs: number,
  toMs: number,
  pollutants?: readonly string[],
): Promise<StoredReading[]> {
  if (toMs <= fromMs) return [];
  const filter = pollutants && pollutants.length > 0;
  if (db.sqlite) {
    const marks = filter ? ` and pollutant in (${pollutants.map(() => '?').join(',')})` : '';
    const rows = db.sqlite
      .prepare(
        `select hour, pollutant, value, flag from readings
         where ${sqliteDayCondition(fromMs, toMs)} and station_id = ?${marks} and hour >= ? and hour < ?
         order by hour, pollutant`,
      )
      .raw(true)
      .all(stationId, ...(filter ? pollutants : []), fromMs, toMs) as [
      number,
      string,
      number,
      string | null,
    ][];
    return rows.map(([hour, pollutant, value, flag]) => ({ hour, pollutant, value, flag }));
  }
  const res = await db.pg!.query<StoredReading>(
    `select hour, pollutant, value, flag from readings
     where day between $1 and $2 and station_id = $3 and hour >= $4 and hour < $5
     ${filter ? 'and pollutant = any($6::text[])' : ''}
     order by hour, pollutant`,
    [
      dayBucket(fromMs),
      dayBucket(toMs - 1),
      stationId,
      fromMs,
      toMs,
      ...(filter ? [pollutants] : []),
    ],
  );
  return res.rows;
}

/** Number of readings stored (all stations). */
export async function countReadings(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('readings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when the station has at least one reading with `fromMs <= hour < toMs`. */
export async function hasReadings(
  db: Db,
  stationId: number,
  fromMs: number,
  toMs: number,
): Promise<boolean> {
  if (toMs <= fromMs) return false;
  if (db.sqlite) {
    const row = db.sqlite
      .prepare(
        `select 1 from readings where ${sqliteDayCondition(fromMs, toMs)} and station_id = ? and hour >= ? and hour < ? limit 1`,
      )
      .get(stationId, fromMs, toMs);
    return row !== undefined;
  }
  const res = await db.pg!.query(
    'select 1 from readings where day between $1 and $2 and station_id = $3 and hour >= $4 and hour < $5 limit 1',
    [dayBucket(fromMs), dayBucket(toMs - 1), stationId, fromMs, toMs],
  );
  return (res.rowCount ?? 0) > 0;
}
