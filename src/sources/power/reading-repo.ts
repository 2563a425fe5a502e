/** Power readings: idempotent upserts keyed (meter_id, time) and a meter's range. */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { PowerReadingTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored reading. */
export type ReadingRow = Selectable<PowerReadingTable>;

const CHUNK = 500;

/**
 * Writes readings; a reading already stored with the same power and energy is left alone, so a
 * re-sent file or a re-run projection changes nothing. Returns the rows written or changed.
 */
export async function upsertReadings(
  k: K,
  rows: ReadonlyArray<Insertable<PowerReadingTable>>,
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const r = await k
      .insertInto('power_readings')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['meter_id', 'time'])
          .doUpdateSet({
            kw: (eb) => eb.ref('excluded.kw'),
            kwh: (eb) => eb.ref('excluded.kwh'),
            origin: (eb) => eb.ref('excluded.origin'),
            received_at: (eb) => eb.ref('excluded.received_at'),
          })
          .where(
            sql<boolean>`power_readings.kw <> excluded.kw or coalesce(power_readings.kwh, -1) <> coalesce(excluded.kwh, -1)`,
          ),
      )
      .executeTakeFirst();
    changed += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return changed;
}

/** Readings of some meters in [from, to), by meter and time. */
export async function readingsBetween(
  k: K,
  meterIds: readonly number[],
  from: number,
  to: number,
): Promise<ReadingRow[]> {
  if (meterIds.length === 0) return [];
  return k
    .selectFrom('power_readings')
    .selectAll()
    .where('meter_id', 'in', [...meterIds])
    .where('time', '>=', from)
    .where('time', '<', to)
    .orderBy('meter_id')
    .orderBy('time')
    .execute();
}
