/**
 * The fast path for hourly readings: bulk upserts that bypass the query builder. SQLite uses one
 * prepared statement in a transaction; PostgreSQL sends batches as arrays through unnest(). A row
 * already stored with the same value and flag is left alone, so re-importing a file changes nothing.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Db } from '../store/db.ts';
import { DAY_MS } from '../standards/local-date.ts';

/** One hourly reading on its way into the store. */
export interface ReadingRow {
  /** Start of the hour, UTC epoch ms. */
  hour: number;
  stationId: number;
  pollutant: string;
  value: number;
  flag: string | null;
  sourceId: number;
}

/**
 * Which days of which stations a write really changed (new rows, or a different value or flag),
 * so that only their daily statistics are recomputed. Days are UTC day buckets of the key.
 */
export class ChangedDays {
  private readonly byStation = new Map<number, Set<number>>();

  /** Notes that the reading of `stationId` at `hour` changed. */
  add(stationId: number, hour: number): void {
    let days = this.byStation.get(stationId);
    if (!days) this.byStation.set(stationId, (days = new Set()));
    days.add(dayBucket(hour));
  }

  /** Stations with at least one change. */
  stations(): number[] {
    return [...this.byStation.keys()];
  }

  /** The changed day buckets of a station, ascending. */
  days(stationId: number): number[] {
    return [...(this.byStation.get(stationId) ?? [])].sort((a, b) => a - b);
  }
}

/** Writes readings inside an open transaction. */
export interface ReadingWriter {
  /** Upserts rows and returns how many were new or changed; `changed` collects where. */
  upsert(rows: readonly ReadingRow[], changed?: ChangedDays): Promise<number>;
}

/** Upsert of one reading (SQLite): unchanged rows are left alone, so re-sends change nothing. */
export const SQLITE_READINGS_UPSERT = `insert into readings (day, hour, station_id, pollutant, value, flag, source_id)
  values (?, ?, ?, ?, ?, ?, ?)
  on conflict (day, station_id, pollutant, hour) do update
  set value = excluded.value, flag = excluded.flag, source_id = excluded.source_id
  where readings.value <> excluded.value or readings.flag is not excluded.flag`;

/** Upsert of reading arrays via unnest (PostgreSQL), same semantics as SQLITE_READINGS_UPSERT. */
export const PG_READINGS_UPSERT = `insert into readings (day, hour, station_id, pollutant, value, flag, source_id)
  select h / 86400000, h, s, p, v, f, src
  from unnest($1::bigint[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::int[]) as t(h, s, p, v, f, src)
  on conflict (day, station_id, pollutant, hour) do update
  set value = excluded.value, flag = excluded.flag, source_id = excluded.source_id
  where readings.value is distinct from excluded.value or readings.flag is distinct from excluded.flag`;

const PG_CHUNK = 10_000;

/** The key's day bucket of an hour: its UTC day number. */
export function dayBucket(hour: number): number {
  return Math.floor(hour / DAY_MS);
}

function sqliteWriter(handle: BetterSqlite3.Database): ReadingWriter {
  const stmt = handle.prepare(SQLITE_READINGS_UPSERT);
  return {
    async upsert(rows, changedDays) {
      let changed = 0;
      for (const r of rows) {
        const n = stmt.run(
          dayBucket(r.hour),
          r.hour,
          r.stationId,
          r.pollutant,
          r.value,
          r.flag,
          r.sourceId,
        ).changes;
        if (n > 0) {
          changed += n;
          changedDays?.add(r.stationId, r.hour);
        }
      }
      return changed;
    },
  };
}

function pgWriter(client: pg.PoolClient): ReadingWriter {
  return {
    async upsert(rows, changedDays) {
      let changed = 0;
      for (let i = 0; i < rows.length; i += PG_CHUNK) {
        const part = rows.slice(i, i + PG_CHUNK);
        const res = await client.query<{ station_id: number; hour: number }>(
          changedDays ? `${PG_READINGS_UPSERT} returning station_id, hour` : PG_READINGS_UPSERT,
          [
            part.map((r) => r.hour),
            part.map((r) => r.stationId),
            part.map((r) => r.pollutant),
            part.map((r) => r.value),
            part.map((r) => r.flag),
            part.map((r) => r.sourceId),
          ],
        );
        changed += res.rowCount ?? 0;
        if (changedDays) for (const r of res.rows) changedDays.add(r.station_id, r.hour);
      }
      return changed;
    },
  };
}

/**
 * Runs `fn` in one transaction with a reading writer: either every row it wrote is stored, or
 * (when it throws) none is.
 */
export async function withReadingTransaction<T>(
  db: Db,
  fn: (w: ReadingWriter) => Promise<T>,
): Promise<T> {
  if (db.sqlite) {
    const handle = db.sqlite;
    handle.exec('begin immediate');
    try {
      const out = await fn(sqliteWriter(handle));
      handle.exec('commit');
      return out;
    } catch (e) {
      if (handle.inTransaction) handle.exec('rollback');
      throw e;
    }
  }
  const client = await db.pg!.connect();
  try {
    await client.query('begin');
    const out = await fn(pgWriter(client));
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
