/**
 * Storage of forecast versions (src/warnings/tables.ts): a stored version is never changed; a
 * region's versions are numbered 1, 2, … The forecast read back is the pure core's `Forecast`
 * (src/standards/warning/forecast.ts), so that grading reads stored and posted forecasts alike.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Pollutant } from '../../standards/pollutants.ts';
import type { EpisodeCause, Forecast, ForecastDay } from '../../standards/warning/index.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { ForecastVersionTable } from '../tables.ts';

/** Where a version came from. */
export type ForecastOrigin = 'manual' | 'import' | 'api';

/** A version to store: a validated forecast (region and issue date required) and who stored it. */
export interface NewForecastVersion {
  region: string;
  issued: string;
  days: ForecastDay[];
  /** Lower ends of AQI ranges by date, where the forecaster gave a range. */
  aqiLow?: Readonly<Record<string, number>>;
  origin: ForecastOrigin;
  author: string;
  note?: string | null;
}

/** What every stored version says of itself: which, whose, when. */
interface ForecastVersionFields {
  id: number;
  region: string;
  version: number;
  issued: string;
  origin: ForecastOrigin;
  author: string;
  note: string | null;
  createdAt: number;
}

/** A stored version with its forecast. */
export interface StoredForecastVersion extends ForecastVersionFields {
  forecast: Forecast;
  /** Lower ends of AQI ranges by date (absent dates: a single value). */
  aqiLow: Record<string, number>;
}

type Db = Kysely<DatabaseSchema>;

/**
 * Stores a new version (numbered after the region's last) in one transaction (the caller's when
 * `db` is one, so that an import of several regions is all or nothing); returns it.
 */
export async function insertForecastVersion(
  db: Db,
  input: NewForecastVersion,
  now: number,
): Promise<{ id: number; version: number }> {
  const first = input.days[0];
  const last = input.days[input.days.length - 1];
  if (!first || !last) throw new Error('a forecast version needs at least one day');
  const inTransaction = <T>(fn: (trx: Db) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  return inTransaction(async (trx) => {
    const newest = await trx
      .selectFrom('forecast_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('region_adcode', '=', input.region)
      .executeTakeFirst();
    const version = Number(newest?.v ?? 0) + 1;
    const row = await trx
      .insertInto('forecast_versions')
      .values({
        region_adcode: input.region,
        version,
        issued: input.issued,
        origin: input.origin,
        author: input.author,
        note: input.note ?? null,
        first_day: first.date,
        last_day: last.date,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await trx
      .insertInto('forecast_days')
      .values(
        input.days.map((d) => ({
          version_id: id,
          date: d.date,
          aqi: d.aqi,
          aqi_low: input.aqiLow?.[d.date] ?? null,
          primary: JSON.stringify(d.primary),
          cause: d.cause,
          rolling24h_aqi: d.rolling24hAqi,
        })),
      )
      .execute();
    return { id, version };
  });
}

/** A version row's fields as the API names them (createdAt left to the caller, for key order). */
function versionFields(
  r: Selectable<ForecastVersionTable>,
): Omit<ForecastVersionFields, 'createdAt'> {
  return {
    id: Number(r.id),
    region: r.region_adcode,
    version: Number(r.version),
    issued: r.issued,
    origin: r.origin as ForecastOrigin,
    author: r.author,
    note: r.note,
  };
}

/** One stored version by id, or undefined. */
export async function loadForecastVersion(
  db: Db,
  id: number,
): Promise<StoredForecastVersion | undefined> {
  const head = await db
    .selectFrom('forecast_versions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!head) return undefined;
  const days = await db
    .selectFrom('forecast_days')
    .selectAll()
    .where('version_id', '=', id)
    .orderBy('date')
    .execute();
  const aqiLow: Record<string, number> = {};
  for (const d of days) if (d.aqi_low !== null) aqiLow[d.date] = Number(d.aqi_low);
  return {
    ...versionFields(head),
    createdAt: Number(head.created_at),
    aqiLow,
    forecast: {
      region: head.region_adcode,
      issued: head.issued,
      days: days.map((d) => ({
        date: d.date,
        aqi: Number(d.aqi),
        primary: JSON.parse(d.primary) as Pollutant[],
        cause: (d.cause as EpisodeCause | null) ?? null,
        rolling24hAqi: d.rolling24h_aqi === null ? null : Number(d.rolling24h_aqi),
      })),
    },
  };
}

/** The newest version of a region's forecast, or undefined when it has none. */
export async function latestForecastVersion(
  db: Db,
  region: string,
): Promise<StoredForecastVersion | undefined> {
  const head = await db
    .selectFrom('forecast_versions')
    .select('id')
    .where('region_adcode', '=', region)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head ? loadForecastVersion(db, Number(head.id)) : undefined;
}

/** The head of a stored version (no days), as listed. */
export interface ForecastVersionHead extends ForecastVersionFields {
  firstDay: string;
  lastDay: string;
}

/** Versions, newest first: of the regions given (all when 'all'), at most `limit`. */
export async function listForecastVersions(
  db: Db,
  regions: 'all' | readonly string[],
  limit: number,
): Promise<ForecastVersionHead[]> {
  if (regions !== 'all' && regions.length === 0) return [];
  let q = db.selectFrom('forecast_versions').selectAll();
  if (regions !== 'all') q = q.where('region_adcode', 'in', [...regions]);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    ...versionFields(r),
    firstDay: r.first_day,
    lastDay: r.last_day,
    createdAt: Number(r.created_at),
  }));
}

/** The id of the region's version numbered just before `version`, or undefined. */
export async function previousForecastVersionId(
  db: Db,
  region: string,
  version: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('forecast_versions')
    .select('id')
    .where('region_adcode', '=', region)
    .where('version', '<', version)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}
