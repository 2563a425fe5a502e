/**
 * What changed between two versions of a region's forecast, day by day: days added or dropped,
 * AQI (or range), primary pollutant, cause and 24-hour rolling AQI. Pure.
 */
import type { Forecast, ForecastDay } from '../../../standards/warning/index.ts';

/** One day of a version as compared. */
export interface DiffDay {
  aqi: number;
  aqiLow: number | null;
  primary: string[];
  cause: string | null;
  rolling24hAqi: number | null;
}

/** How a date differs. */
export type DayChange = 'added' | 'removed' | 'changed' | 'same';

/** One date of the comparison. */
export interface DayDiff {
  date: string;
  change: DayChange;
  before: DiffDay | null;
  after: DiffDay | null;
  /** AQI after − before (upper ends), or null when the date is in one version only. */
  aqiDelta: number | null;
  /** Names of the fields that differ (`aqi`, `aqiLow`, `primary`, `cause`, `rolling24hAqi`). */
  fields: string[];
}

/** A version's forecast with its range lower ends. */
export interface VersionDays {
  forecast: Forecast;
  aqiLow: Readonly<Record<string, number>>;
}

function dayOf(d: ForecastDay, low: Readonly<Record<string, number>>): DiffDay {
  return {
    aqi: d.aqi,
    aqiLow: low[d.date] ?? null,
    primary: [...d.primary],
    cause: d.cause,
    rolling24hAqi: d.rolling24hAqi,
  };
}

function changedFields(a: DiffDay, b: DiffDay): string[] {
  const out: string[] = [];
  if (a.aqi !== b.aqi) out.push('aqi');
  if (a.aqiLow !== b.aqiLow) out.push('aqiLow');
  if (a.primary.join(',') !== b.primary.join(',')) out.push('primary');
  if (a.cause !== b.cause) out.push('cause');
  if (a.rolling24hAqi !== b.rolling24hAqi) out.push('rolling24hAqi');
  return out;
}

/** The day-by-day comparison of `before` and `after`, by date. */
export function diffForecasts(before: VersionDays, after: VersionDays): DayDiff[] {
  const a = new Map(before.forecast.days.map((d) => [d.date, dayOf(d, before.aqiLow)]));
  const b = new Map(after.forecast.days.map((d) => [d.date, dayOf(d, after.aqiLow)]));
  const dates = [...new Set([...a.keys(), ...b.keys()])].sort();
  return dates.map((date) => {
    const x = a.get(date) ?? null;
    const y = b.get(date) ?? null;
    if (!x) return { date, change: 'added', before: null, after: y, aqiDelta: null, fields: [] };
    if (!y) return { date, change: 'removed', before: x, after: null, aqiDelta: null, fields: [] };
    const fields = changedFields(x, y);
    return {
      date,
      change: fields.length > 0 ? 'changed' : 'same',
      before: x,
      after: y,
      aqiDelta: y.aqi - x.aqi,
      fields,
    };
  });
}
