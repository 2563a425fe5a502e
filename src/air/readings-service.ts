/** Hourly readings of a station over a date range, grouped by pollutant for charts and tables. */
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { dateStartEpoch, formatLocalIso } from '../time/zoned-time.ts';
import { normalizePollutant } from './pollutant-names.ts';
import { stationReadings } from './reading-repo.ts';
import { findRegion } from './region-repo.ts';
import { findStation } from './station-repo.ts';
import { addDays } from '../standards/local-date.ts';
import { parseDateRange } from '../time/date-input.ts';

/** One hourly value. `time` is the start of the hour in local time with its offset. */
export interface HourValue {
  time: string;
  hour: number;
  value: number;
  flag: string | null;
}

/** Readings of a station in [from, to] (local dates, inclusive), at most `maxDays` days. */
export async function stationHourly(
  db: Db,
  code: string,
  from: string,
  to: string,
  pollutants?: readonly string[],
) {
  parseDateRange(from, to, 93);
  const station = await findStation(db, code);
  if (!station) throw new LantianError('LT_ERR_STATION_NOT_FOUND', code);
  const wanted = pollutants?.map((p) => {
    const n = normalizePollutant(p);
    if (!n) throw new LantianError('LT_ERR_POLLUTANT_UNKNOWN', p);
    return n;
  });
  const region = await findRegion(db, station.region_adcode);
  const tz = region?.time_zone ?? 'Asia/Shanghai';
  const rows = await stationReadings(
    db,
    station.id,
    dateStartEpoch(tz, from),
    dateStartEpoch(tz, addDays(to, 1)),
    wanted,
  );
  const series: Record<string, HourValue[]> = {};
  for (const r of rows)
    (series[r.pollutant] ??= []).push({
      time: formatLocalIso(tz, r.hour),
      hour: r.hour,
      value: r.value,
      flag: r.flag,
    });
  return {
    station: { code: station.code, name: station.name },
    from,
    to,
    timeZone: tz,
    hourConvention: 'start' as const,
    units: { CO: 'mg/m³', other: 'µg/m³' },
    series,
  };
}
