// City/area daily values from its assessment points: HJ 663-2013 — the city value is the
// arithmetic mean of its valid evaluation points (点位平均), standards.md §3.3.
// The order of averaging for MDA8 (mean of station MDA8s vs MDA8 of the averaged hourly series)
// is UNVERIFIED: here each daily statistic (24-h means, MDA8, max 1-h) is averaged across stations
// as given. For the other order, average hourly values first and compute the MDA8 on that series.
import { DAILY_VALUE_KEYS, type DailyRecord } from './daily-record.ts';

/** Options of `regionDaily`. */
export interface RegionDailyOptions {
  /** Minimum stations with a valid value for a valid area value (default 1; UNVERIFIED rule). */
  minStations?: number;
}

/**
 * Area daily records: for each date and each value, the arithmetic mean of the stations'
 * valid values (null when fewer than `minStations`). Output sorted by date.
 */
export function regionDaily(
  stationDays: ReadonlyArray<ReadonlyArray<DailyRecord>>,
  options: RegionDailyOptions = {},
): DailyRecord[] {
  const minStations = options.minStations ?? 1;
  const byDate = new Map<string, DailyRecord[]>();
  for (const station of stationDays) {
    for (const day of station) {
      const list = byDate.get(day.date);
      if (list) list.push(day);
      else byDate.set(day.date, [day]);
    }
  }
  const dates = [...byDate.keys()].sort();
  return dates.map((date) => {
    const days = byDate.get(date) ?? [];
    const out: DailyRecord = { date };
    for (const key of DAILY_VALUE_KEYS) {
      let sum = 0;
      let count = 0;
      for (const d of days) {
        const v = d[key];
        if (typeof v === 'number' && Number.isFinite(v)) {
          sum += v;
          count++;
        }
      }
      out[key] = count > 0 && count >= minStations ? sum / count : null;
    }
    return out;
  });
}
