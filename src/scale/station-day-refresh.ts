/**
 * The daily roll-up of the station-days a batch of stream messages touched, recomputed from the
 * store (the steps of RollupDebouncer and recomputeChanged: local date runs of the UTC day
 * buckets, the station's hourly readings, dailyRowsFromReadings) and written only where a row
 * differs from the stored one. Whatever a message says, the result is what the store holds, so
 * re-processing a message (a redelivery, a replay) writes nothing.
 */
import { dailyRowsFromReadings, localDateRuns, writeDailyRows } from '../air/daily-rollup.ts';
import { stationReadings } from '../air/reading-repo.ts';
import type { ChangedDays } from '../air/reading-writer.ts';
import type { NewStationDaily } from '../air/tables.ts';
import { addDays } from '../standards/local-date.ts';
import { POLLUTANTS } from '../standards/pollutants.ts';
import type { Db } from '../store/db.ts';
import { dateStartEpoch } from '../time/zoned-time.ts';
import { changedDailyRows } from './daily-row-diff.ts';

/** What a refresh did. */
export interface RefreshResult {
  /** Station-days recomputed. */
  recomputed: number;
  /** Station-days written (new or different). */
  written: number;
}

/** Recomputes the touched station-days and writes those that changed, in one transaction. */
export async function refreshStationDays(
  db: Db,
  touched: ChangedDays,
  zoneOf: (stationId: number) => string,
  now: number,
): Promise<RefreshResult> {
  const recomputed: NewStationDaily[] = [];
  const stored: NewStationDaily[] = [];
  for (const id of touched.stations()) {
    const station = { id, timeZone: zoneOf(id) };
    for (const run of localDateRuns(station.timeZone, touched.days(id))) {
      const from = dateStartEpoch(station.timeZone, run.from);
      const to = dateStartEpoch(station.timeZone, addDays(run.to, 1));
      const readings = await stationReadings(db, id, from, to, POLLUTANTS);
      recomputed.push(...dailyRowsFromReadings(station, readings, now, run.from, run.to));
      stored.push(
        ...(await db.kysely
          .selectFrom('station_daily')
          .selectAll()
          .where('station_id', '=', id)
          .where('day', '>=', run.from)
          .where('day', '<=', run.to)
          .execute()),
      );
    }
  }
  const changed = changedDailyRows(recomputed, stored);
  if (changed.length > 0) await writeDailyRows(db, changed);
  return { recomputed: recomputed.length, written: changed.length };
}
