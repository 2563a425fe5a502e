/** What the forecast API answers, built from stored rows (schema.ts has the zod shapes). */
import type { WarningLevel } from '../../standards/warning/index.ts';
import type { ForecastVersionHead, StoredForecastVersion } from './forecast-repo.ts';

/** One day of a version. */
export interface ForecastDayView {
  date: string;
  aqi: number;
  aqiLow: number | null;
  primary: string[];
  cause: string | null;
  rolling24hAqi: number | null;
}

/** A version with its days. */
export interface ForecastVersionView extends ForecastVersionHead {
  regionName: string | null;
  days: ForecastDayView[];
}

/** The view of a stored version. */
export function versionView(
  v: StoredForecastVersion,
  regionName: string | null,
): ForecastVersionView {
  const days = v.forecast.days;
  return {
    id: v.id,
    region: v.region,
    regionName,
    version: v.version,
    issued: v.issued,
    origin: v.origin,
    author: v.author,
    note: v.note,
    createdAt: v.createdAt,
    firstDay: days[0]?.date ?? '',
    lastDay: days[days.length - 1]?.date ?? '',
    days: days.map((d) => ({
      date: d.date,
      aqi: d.aqi,
      aqiLow: v.aqiLow[d.date] ?? null,
      primary: [...d.primary],
      cause: d.cause,
      rolling24hAqi: d.rolling24hAqi,
    })),
  };
}

/** A listed version: its head and the recommended level of its forecast. */
export interface ForecastListItem extends ForecastVersionHead {
  regionName: string | null;
  peakAqi: number;
  level: WarningLevel;
  response: 'industrial' | 'advice' | 'none';
  edition: string;
}
