/**
 * The real-time AQI (实时报, HJ 633) of an area for the latest hour with data, from hourly
 * readings (pure). Each indicator is averaged over the area's stations (HJ 663 点位平均), then
 * indexed: 1-h values, the PM10/PM2.5 24-h moving means (at least 20 valid hours, HJ 663-2013
 * Table 2) and the O3 8-h moving mean (at least 6 valid hours) under HJ 633-2012; six 1-h values
 * under HJ 633-2026. A day's daily AQI is only known after its 20th valid hour, so "today" is shown
 * by this figure until then.
 */
import { isValidFlag } from '../air/validity.ts';
import { aqiSummary, type AqiSummary } from '../air/aqi-summary.ts';
import { hourlyAqi, type AqiEdition, type HourlyAqiInput } from '../standards/index.ts';
import type { StationReading } from './overview-repo.ts';
import { HOUR_MS } from '../standards/local-date.ts';

/** The real-time AQI of an area. */
export interface RealtimeAqi extends AqiSummary {
  /** Start of the hour (UTC epoch ms; Lantian labels hours by their start). */
  hour: number;
  edition: AqiEdition;
  /** Stations with at least one valid value in that hour. */
  stations: number;
}

/** Hours of readings the computation needs before the latest hour (24-h moving means). */
export const REALTIME_LOOKBACK_HOURS = 24;

const MIN_24H = 20;
const MIN_8H = 6;

type Series = Map<string, Map<number, number>>;

function meanOver(
  series: Map<number, number> | undefined,
  end: number,
  hours: number,
  min: number,
) {
  if (!series) return null;
  let sum = 0;
  let n = 0;
  for (let h = end - (hours - 1) * HOUR_MS; h <= end; h += HOUR_MS) {
    const v = series.get(h);
    if (v !== undefined) {
      sum += v;
      n++;
    }
  }
  return n >= min ? sum / n : null;
}

function stationInput(s: Series, hour: number): HourlyAqiInput {
  const at = (p: string) => s.get(p)?.get(hour) ?? null;
  return {
    SO2_1h: at('SO2'),
    NO2_1h: at('NO2'),
    CO_1h: at('CO'),
    O3_1h: at('O3'),
    PM10_1h: at('PM10'),
    'PM2.5_1h': at('PM2.5'),
    O3_8h: meanOver(s.get('O3'), hour, 8, MIN_8H),
    PM10_24h: meanOver(s.get('PM10'), hour, 24, MIN_24H),
    'PM2.5_24h': meanOver(s.get('PM2.5'), hour, 24, MIN_24H),
    SO2_24h: meanOver(s.get('SO2'), hour, 24, MIN_24H),
  };
}

/**
 * The area's real-time AQI at its latest hour with any valid reading, or null without one.
 * `readings` must cover REALTIME_LOOKBACK_HOURS before that hour for the moving means.
 */
export function areaRealtimeAqi(
  readings: readonly StationReading[],
  stationIds: ReadonlySet<number>,
  editionOf: (hour: number) => AqiEdition,
): RealtimeAqi | null {
  const byStation = new Map<number, Series>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const r of readings) {
    if (!stationIds.has(r.stationId) || !isValidFlag(r.flag)) continue;
    let s = byStation.get(r.stationId);
    if (!s) byStation.set(r.stationId, (s = new Map()));
    let p = s.get(r.pollutant);
    if (!p) s.set(r.pollutant, (p = new Map()));
    p.set(r.hour, r.value);
    if (r.hour > latest) latest = r.hour;
  }
  if (latest === Number.NEGATIVE_INFINITY) return null;

  const sums = new Map<keyof HourlyAqiInput, { sum: number; n: number }>();
  let stations = 0;
  for (const s of byStation.values()) {
    const input = stationInput(s, latest);
    let any = false;
    for (const [k, v] of Object.entries(input) as [keyof HourlyAqiInput, number | null][]) {
      if (v === null) continue;
      any = true;
      const acc = sums.get(k) ?? { sum: 0, n: 0 };
      acc.sum += v;
      acc.n++;
      sums.set(k, acc);
    }
    if (any) stations++;
  }
  const area: HourlyAqiInput = {};
  for (const [k, { sum, n }] of sums) area[k] = sum / n;
  const edition = editionOf(latest);
  const r = hourlyAqi(area, edition);
  return {
    hour: latest,
    edition,
    ...aqiSummary(r),
    stations,
  };
}
