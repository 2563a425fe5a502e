/**
 * What every AQI answer shows of a result (HJ 633: the index, its level, category and colour,
 * the primary pollutants, whether every indicator was there): one shape for the daily, hourly and
 * real-time reports.
 */
import type { AqiResult } from '../standards/index.ts';

/** The shown fields of an AQI result. */
export interface AqiSummary {
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primary: string[];
  complete: boolean;
}

/** The shown fields of `r` (level, category and colour are null when no AQI is published). */
export function aqiSummary(r: AqiResult): AqiSummary {
  return {
    aqi: r.aqi,
    level: r.category?.level ?? null,
    category: r.category?.name ?? null,
    color: r.category?.color ?? null,
    primary: r.primary,
    complete: r.complete,
  };
}
