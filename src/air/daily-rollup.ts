/**
 * Daily statistics per station (HJ 663): turns stored hourly readings into the station_daily
 * table. Runs after every import and whenever new hours arrive; the statistics it writes depend
 * only on the data, not on an edition of the AQI rules, so they never need recomputing when rules
 * change.
 */
import { dailyMean, mda8, max1h } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { NewStationDaily } from './tables.ts';
import { dateStartEpoch, epochToLocal, epochToLocalDate } from '../time/zoned-time.ts';
import { stationReadings, type StoredReading } from './reading-repo.ts';
import type { ChangedDays } from './reading-writer.ts';
import { isValidFlag } from './validity.ts';
import {
  addDays,
  DAY_MS,
  dateToDayNumber,
  dayNumberToDate,
  HOUR_MS,
} from '../standards/local-date.ts';

/** Hourly series that feed daily statistics, by stored pollutant code. */
const MEAN_COLUMNS = [
  ['SO2', 'so2'],
  ['NO2', 'no2'],
  ['PM10', 'pm10'],
  ['PM2.5', 'pm2_5'],
  ['CO', 'co'],
] as const;

const ROLLUP_POLLUTANTS = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'];

/** A station as the roll-up needs it. */
export interface RollupStation {
  id: number;
  timeZone: string;
}

/** Computes one station-day row from its 24 local hours per pollutant (index = local hour). */
export function dailyRow(
  stationId: number,
  day: string,
  hours: ReadonlyMap<string, ReadonlyArray<number | null>>,
  computedAt: number,
): NewStationDaily {
  const empty: (number | null)[] = new Array<number | null>(24).fill(null);
  const row: NewStationDaily = {
    station_id: stationId,
    day,
    so2: null,
    no2: null,
    pm10: null,
    pm2_5: null,
    co: null,
    o3_1h: null,
    o3_8h: null,
    so2_n: 0,
    no2_n: 0,
    pm10_n: 0,
    pm2_5_n: 0,
    co_n: 0,
    o3_1h_n: 0,
    o3_8h_n: 0,
    computed_at: computedAt,
  };
  for (const [pollutant, col] of MEAN_COLUMNS) {
    // HJ 663-2013 / GB 3095 Table 4: a 24-h mean needs at least 20 hourly values.
    const m = dailyMean(hours.get(pollutant) ?? empty);
    row[col] = m.valid ? m.value : null;
    row[`${col}_n`] = m.count;
  }
  const o3 = hours.get('O3') ?? empty;
  const one = max1h(o3);
  row.o3_1h = one.valid ? one.value : null;
  row.o3_1h_n = one.count;
  // HJ 663-2013: the 17 8-h windows of the day; valid with ≥ 14, or fewer when above the limit.
  const eight = mda8(o3);
  row.o3_8h = eight.valid ? eight.value : null;
  row.o3_8h_n = eight.windows;
  return row;
}

/** Groups readings into local days → pollutant → 24 hourly slots; invalid flags become null. */
function bucketByDay(
  timeZone: string,
  readings: Iterable<{ hour: number; pollutant: string; value: number; flag: string | null }>,
): Map<string, Map<string, (number | null)[]>> {
  const days = new Map<string, Map<string, (number | null)[]>>();
  let cachedDayStart = Number.NaN;
  let cachedDay = '';
  for (const r of readings) {
    let day: string;
    let slot: number;
    if (r.hour >= cachedDayStart && r.hour < cachedDayStart + 24 * HOUR_MS) {
      day = cachedDay;
      slot = Math.floor((r.hour - cachedDayStart) / HOUR_MS);
    } else {
      const p = epochToLocal(timeZone, r.hour);
      day = dayNumberToDate(Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS));
      slot = p.hour;
      cachedDayStart = dateStartEpoch(timeZone, day);
      cachedDay = day;
      // A day with a daylight-saving change is not 24 h long; fall back to wall-clock slots.
      if (dateStartEpoch(timeZone, addDays(day, 1)) - cachedDayStart !== 24 * HOUR_MS)
        cachedDayStart = Number.NaN;
    }
    let byPollutant = days.get(day);
    if (!byPollutant) days.set(day, (byPollutant = new Map()));
    let slots = byPollutant.get(r.pollutant);
    if (!slots) byPollutant.set(r.pollutant, (slots = new Array<number | null>(24).fill(null)));
    slots[slot] = isValidFlag(r.flag) ? r.value : null;
  }
  return days;
}

const UPSERT_CHUNK = 400;

/** Upserts station-day rows in chunks. */
export async function writeDailyRows(db: Db, rows: readonly NewStationDaily[]): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      await trx
        .insertInto('station_daily')
        .values(rows.slice(i, i + UPSERT_CHUNK))
        .onConflict((oc) =>
          oc.columns(['station_id', 'day']).doUpdateSet((eb) => ({
            so2: eb.ref('excluded.so2'),
            no2: eb.ref('excluded.no2'),
            pm10: eb.ref('excluded.pm10'),
            pm2_5: eb.ref('excluded.pm2_5'),
            co: eb.ref('excluded.co'),
            o3_1h: eb.ref('excluded.o3_1h'),
            o3_8h: eb.ref('excluded.o3_8h'),
            so2_n: eb.ref('excluded.so2_n'),
            no2_n: eb.ref('excluded.no2_n'),
            pm10_n: eb.ref('excluded.pm10_n'),
            pm2_5_n: eb.ref('excluded.pm2_5_n'),
            co_n: eb.ref('excluded.co_n'),
            o3_1h_n: eb.ref('excluded.o3_1h_n'),
            o3_8h_n: eb.ref('excluded.o3_8h_n'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  });
}

/**
 * Daily rows of one station computed from its hourly readings (any order), for the local dates
 * `from`..`to` inclusive (all dates present when omitted). Days without readings get no row.
 */
export function dailyRowsFromReadings(
  station: RollupStation,
  readings: Iterable<StoredReading>,
  computedAt: number,
  from?: string,
  to?: string,
): NewStationDaily[] {
  const days = bucketByDay(station.timeZone, readings);
  const rows: NewStationDaily[] = [];
  const first = from ? dateToDayNumber(from) : Number.NEGATIVE_INFINITY;
  const last = to ? dateToDayNumber(to) : Number.POSITIVE_INFINITY;
  for (const [day, hours] of days) {
    const n = dateToDayNumber(day);
    if (n < first || n > last) continue;
    rows.push(dailyRow(station.id, day, hours, computedAt));
  }
  return rows.sort((a, b) => (a.day < b.day ? -1 : 1));
}

/**
 * Recomputes the daily statistics of one station for the local dates `from`..`to` inclusive and
 * returns the number of station-days written (days without any reading are not written).
 */
export async function recomputeStationDays(
  db: Db,
  station: RollupStation,
  from: string,
  to: string,
  computedAt: number,
): Promise<number> {
  const startMs = dateStartEpoch(station.timeZone, from);
  const endMs = dateStartEpoch(station.timeZone, addDays(to, 1));
  const readings = await stationReadings(db, station.id, startMs, endMs, ROLLUP_POLLUTANTS);
  const rows = dailyRowsFromReadings(station, readings, computedAt, from, to);
  await writeDailyRows(db, rows);
  return rows.length;
}

/**
 * Local dates holding hours of the given UTC day buckets (a bucket spans two local dates in any
 * zone with a non-zero offset), grouped into runs of consecutive dates.
 */
export function localDateRuns(
  timeZone: string,
  buckets: readonly number[],
): Array<{ from: string; to: string }> {
  const dates = new Set<number>();
  for (const b of buckets) {
    dates.add(dateToDayNumber(epochToLocalDate(timeZone, b * DAY_MS)));
    dates.add(dateToDayNumber(epochToLocalDate(timeZone, (b + 1) * DAY_MS - 1)));
  }
  const sorted = [...dates].sort((a, b) => a - b);
  const runs: Array<{ from: string; to: string }> = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push({ from: dayNumberToDate(sorted[i]!), to: dayNumberToDate(sorted[j]!) });
    i = j + 1;
  }
  return runs;
}

/** Recomputes the station-days a write changed; returns station-days written. */
export async function recomputeChanged(
  db: Db,
  changed: ChangedDays,
  zoneOf: (stationId: number) => string,
  computedAt: number,
  onStation?: (done: number) => void,
): Promise<number> {
  let written = 0;
  let done = 0;
  for (const id of changed.stations()) {
    const station = { id, timeZone: zoneOf(id) };
    for (const run of localDateRuns(station.timeZone, changed.days(id))) {
      written += await recomputeStationDays(db, station, run.from, run.to, computedAt);
    }
    onStation?.(++done);
  }
  return written;
}
