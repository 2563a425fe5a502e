/** What 总览 shows of a unit's air (pure): the AQI of the day, its primary pollutants, the metric. */
import type { UnitFigures } from '../../api/types.ts';
import { pollutantLabel } from '../../lib/format.ts';

/** The metric the map is coloured by. */
export type Metric = 'aqi' | 'pm25';

/** The AQI shown for a unit. */
export interface UnitAqi {
  value: number | null;
  color: string | null;
  category: string | null;
  /** True when it is the latest hour's real-time AQI (no daily AQI yet today). */
  realtime: boolean;
}

/** The day's daily AQI, else (today) the latest real-time AQI. */
export function unitAqi(u: UnitFigures): UnitAqi {
  if (u.today?.aqi != null)
    return {
      value: u.today.aqi,
      color: u.today.color,
      category: u.today.category,
      realtime: false,
    };
  if (u.realtime?.aqi != null)
    return {
      value: u.realtime.aqi,
      color: u.realtime.color,
      category: u.realtime.category,
      realtime: true,
    };
  return { value: null, color: null, category: null, realtime: false };
}

/** The primary pollutants of the AQI shown, as labels joined by 、 ('' when none). */
export function unitPrimary(u: UnitFigures): string {
  return (u.today?.aqi != null ? u.today.primary : (u.realtime?.primary ?? []))
    .map(pollutantLabel)
    .join('、');
}

/** The value of the map's metric for a unit. */
export function metricValue(u: UnitFigures, metric: Metric): number | null {
  return metric === 'aqi' ? unitAqi(u).value : (u.yearToDate?.pm25 ?? null);
}
