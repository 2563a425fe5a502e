/**
 * Hourly (real-time, 实时报) AQI series of a station or a region over local dates, HJ 633: each
 * hour is indexed with the edition in force on its local date (HJ 633-2026 from 2026-03-01)
 * unless the caller fixes one, with that edition's rule for missing indicators. Moving means
 * (O3 8 h, PM 24 h) reach back before the first hour asked for. A region's inputs are the means of
 * its stations' (HJ 663 点位平均) with the station coverage rule of the daily values.
 */
import { LantianError } from '../errors.ts';
import {
  aqiEditionFor,
  areaRealtimeInputs,
  hourlyAqi,
  POLLUTANTS,
  realtimeInputs,
  type AqiEdition,
  type HourlyAqiInput,
  type HourlySeries,
  type Pollutant,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { Station } from './tables.ts';
import { dateStartEpoch, epochToLocalDate, formatLocalIso } from '../time/zoned-time.ts';
import { DEFAULT_AIR_RULES, type AirRules } from './air-rules.ts';
import { aqiSummary, type AqiSummary } from './aqi-summary.ts';
import { stationReadings } from './reading-repo.ts';
import { expectedStations, servingStations } from './region-daily-series.ts';
import { findRegion } from './region-repo.ts';
import { assessedRegion } from './region-stations.ts';
import { findStation } from './station-repo.ts';
import { isValidFlag } from './validity.ts';
import { addDays, HOUR_MS } from '../standards/local-date.ts';
import { parseDateRange } from '../time/date-input.ts';

/** Longest range of an hourly AQI series, in days (as the hourly readings API). */
export const HOURLY_AQI_MAX_DAYS = 93;
/** Hours before the first one that the 24-h moving means need. */
const LOOKBACK_HOURS = 23;

/** One hour of an hourly AQI report. */
export interface HourlyAqiHour extends AqiSummary {
  /** Start of the hour, local time with offset. */
  time: string;
  /** Start of the hour, UTC epoch ms. */
  hour: number;
  edition: AqiEdition;
  missing: string[];
  partialAqi: number | null;
  iaqi: Record<string, number | null>;
  /** The indexed inputs: 1-h values and moving means (µg/m³; CO mg/m³), unrounded. */
  concentrations: HourlyAqiInput;
}

interface Window {
  timeZone: string;
  /** First hour of the series (lookback included) and the first and end hour asked for. */
  base: number;
  first: number;
  end: number;
}

function hourWindow(timeZone: string, from: string, to: string): Window {
  const first = dateStartEpoch(timeZone, from);
  return {
    timeZone,
    base: first - LOOKBACK_HOURS * HOUR_MS,
    first,
    end: dateStartEpoch(timeZone, addDays(to, 1)),
  };
}

/** A station's valid hourly values per pollutant over the window, index = hours since `base`. */
async function stationSeries(
  db: Db,
  stationId: number,
  w: Window,
): Promise<{ series: HourlySeries; any: boolean }> {
  const n = (w.end - w.base) / HOUR_MS;
  const series: Partial<Record<Pollutant, Array<number | null>>> = {};
  let any = false;
  for (const r of await stationReadings(db, stationId, w.base, w.end, POLLUTANTS)) {
    if (!isValidFlag(r.flag)) continue;
    const p = r.pollutant as Pollutant;
    const list = (series[p] ??= new Array<number | null>(n).fill(null));
    list[Math.round((r.hour - w.base) / HOUR_MS)] = r.value;
    if (r.hour >= w.first) any = true;
  }
  return { series, any };
}

function indexHour(
  w: Window,
  hour: number,
  input: HourlyAqiInput,
  fixed: AqiEdition | undefined,
  rules: AirRules,
): HourlyAqiHour {
  const edition = fixed ?? aqiEditionFor(epochToLocalDate(w.timeZone, hour));
  const r = hourlyAqi(input, edition, { missingData: rules.missingData[edition] });
  return {
    time: formatLocalIso(w.timeZone, hour),
    hour,
    edition,
    ...aqiSummary(r),
    missing: r.missing,
    partialAqi: r.partialAqi,
    iaqi: r.iaqi,
    concentrations: input,
  };
}

function hoursOf(w: Window): number[] {
  const out: number[] = [];
  for (let h = w.first; h < w.end; h += HOUR_MS) out.push(h);
  return out;
}

/** Hourly AQI of a station over the local dates [from, to]. */
export async function stationHourlyAqi(
  db: Db,
  code: string,
  from: string,
  to: string,
  edition?: AqiEdition,
  rules: AirRules = DEFAULT_AIR_RULES,
) {
  parseDateRange(from, to, HOURLY_AQI_MAX_DAYS);
  const station = await findStation(db, code);
  if (!station) throw new LantianError('LT_ERR_STATION_NOT_FOUND', code);
  const region = await findRegion(db, station.region_adcode);
  const w = hourWindow(region?.time_zone ?? 'Asia/Shanghai', from, to);
  const { series, any } = await stationSeries(db, station.id, w);
  if (!any) throw new LantianError('LT_ERR_NO_DATA', `${station.name}（${code}）${from} 至 ${to}`);
  return {
    station: { code: station.code, name: station.name },
    from,
    to,
    timeZone: w.timeZone,
    hourConvention: 'start' as const,
    hours: hoursOf(w).map((h) =>
      indexHour(w, h, realtimeInputs(series, (h - w.base) / HOUR_MS), edition, rules),
    ),
  };
}

/** Hourly AQI of a region (mean of its assessment stations) over the local dates [from, to]. */
export async function regionHourlyAqi(
  db: Db,
  adcode: string,
  from: string,
  to: string,
  edition?: AqiEdition,
  rules: AirRules = DEFAULT_AIR_RULES,
) {
  parseDateRange(from, to, HOURLY_AQI_MAX_DAYS);
  const assessed = await assessedRegion(db, adcode);
  const w = hourWindow(assessed.region.time_zone, from, to);
  const reporting: Array<{ station: Station; series: HourlySeries }> = [];
  for (const station of assessed.stations) {
    const s = await stationSeries(db, station.id, w);
    if (s.any) reporting.push({ station, series: s.series });
  }
  if (reporting.length === 0)
    throw new LantianError(
      'LT_ERR_NO_DATA',
      `${assessed.region.name}（${adcode}）：${from} 至 ${to} 没有数据`,
    );
  const expected = expectedStations(await servingStations(db, assessed.stations));
  const hours = hoursOf(w).map((h) => {
    const i = (h - w.base) / HOUR_MS;
    const date = epochToLocalDate(w.timeZone, h);
    const { input } = areaRealtimeInputs(
      reporting.map((r) => realtimeInputs(r.series, i)),
      { minStationShare: rules.minStationShare, expected: (p) => expected(date, p) },
    );
    return indexHour(w, h, input, edition, rules);
  });
  return {
    region: { adcode: assessed.region.adcode, name: assessed.region.name },
    from,
    to,
    timeZone: w.timeZone,
    hourConvention: 'start' as const,
    stations: reporting.map((r) => r.station.code),
    hours,
  };
}
