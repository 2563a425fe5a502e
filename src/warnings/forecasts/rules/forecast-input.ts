/**
 * A forecast as a person, a file or a forecasting system gives it, checked into the pure core's
 * `Forecast` (src/standards/warning/forecast.ts, docs/warnings.md §6) plus the lower ends of AQI
 * ranges. A day gives either one AQI or a range (`aqiLow`–`aqi`, the grading reads the upper end:
 * the cautious reading of a range). Every problem is listed with its catalogue code; the stored
 * forecast must name its region and issue date and run `minDays`–`maxDays` days (forecasts run
 * 3–7 days ahead, Handan's 2020 plan 七.1 asks for warnings 3 days ahead).
 */
import {
  validateForecast,
  type Forecast,
  type ForecastIssue,
} from '../../../standards/warning/index.ts';

/** One day as entered. */
export interface ForecastDayInput {
  date: string;
  /** AQI, or the upper end of a range. */
  aqi: number;
  /** Lower end of an AQI range, or null/absent for a single value. */
  aqiLow?: number | null;
  /** Primary pollutant(s): `PM2.5`, `PM25`, `O3`, `O3_8h`, …; empty when none. */
  primary?: string | string[] | null;
  /** A natural cause (`dust`, `fire`, `blowing-dust`, `transboundary`), or null. */
  cause?: string | null;
  /** Highest AQI of 24 consecutive hours starting that day, or null. */
  rolling24hAqi?: number | null;
}

/** A forecast as entered. */
export interface ForecastInput {
  region: string;
  issued: string;
  days: ForecastDayInput[];
  note?: string | null;
}

/** How many days a stored forecast may have. */
export interface ForecastDayBounds {
  minDays: number;
  maxDays: number;
}

/** Default bounds: 3–7 days (configuration). */
export const DEFAULT_FORECAST_DAY_BOUNDS: ForecastDayBounds = { minDays: 3, maxDays: 7 };

/** A refused entry: the catalogue code, where and what. */
export interface ForecastInputIssue {
  code: ForecastIssue['code'] | 'LT_ERR_FORECAST_TOO_SHORT';
  path: string;
  detail: string;
}

/** Outcome of `checkForecastInput`. */
export type ForecastInputCheck =
  | {
      ok: true;
      forecast: Forecast & { region: string; issued: string };
      aqiLow: Record<string, number>;
    }
  | { ok: false; issues: ForecastInputIssue[] };

function rangeIssues(days: readonly ForecastDayInput[]): ForecastInputIssue[] {
  const issues: ForecastInputIssue[] = [];
  days.forEach((d, i) => {
    const low = d.aqiLow;
    if (low === undefined || low === null) return;
    const path = `days[${i}].aqiLow`;
    if (typeof low !== 'number' || !Number.isFinite(low))
      issues.push({ code: 'LT_ERR_FORECAST_INVALID', path, detail: 'AQI 下限应为数字' });
    else if (low < 0 || low > 500)
      issues.push({
        code: 'LT_ERR_FORECAST_AQI_RANGE',
        path,
        detail: `AQI 下限应在 0–500 之间，收到 ${low}`,
      });
    else if (typeof d.aqi === 'number' && low > d.aqi)
      issues.push({
        code: 'LT_ERR_FORECAST_INVALID',
        path,
        detail: `AQI 下限 ${low} 大于上限 ${d.aqi}`,
      });
  });
  return issues;
}

/** Checks an entered forecast; on success the core's forecast (sorted) and the range lower ends. */
export function checkForecastInput(
  input: ForecastInput,
  bounds: ForecastDayBounds = DEFAULT_FORECAST_DAY_BOUNDS,
): ForecastInputCheck {
  const issues: ForecastInputIssue[] = [];
  if (typeof input.region !== 'string' || input.region === '')
    issues.push({ code: 'LT_ERR_BAD_ADCODE', path: 'region', detail: '缺少地区代码' });
  if (typeof input.issued !== 'string' || input.issued === '')
    issues.push({ code: 'LT_ERR_BAD_DATE', path: 'issued', detail: '缺少发布日期' });
  const days = Array.isArray(input.days) ? input.days : [];
  const v = validateForecast(
    {
      region: input.region || null,
      issued: input.issued || null,
      days: days.map((d) => ({
        date: d.date,
        aqi: d.aqi,
        primary: d.primary ?? null,
        cause: d.cause ?? null,
        rolling24hAqi: d.rolling24hAqi ?? null,
      })),
    },
    { maxDays: bounds.maxDays },
  );
  if (!v.ok) issues.push(...v.issues);
  issues.push(...rangeIssues(days));
  if (days.length > 0 && days.length < bounds.minDays)
    issues.push({
      code: 'LT_ERR_FORECAST_TOO_SHORT',
      path: 'days',
      detail: `至少 ${bounds.minDays} 天，收到 ${days.length} 天`,
    });
  if (days.length > bounds.maxDays && !issues.some((i) => i.code === 'LT_ERR_FORECAST_TOO_LONG'))
    issues.push({
      code: 'LT_ERR_FORECAST_TOO_LONG',
      path: 'days',
      detail: `最多 ${bounds.maxDays} 天，收到 ${days.length} 天`,
    });
  if (issues.length > 0 || !v.ok) return { ok: false, issues };
  const aqiLow: Record<string, number> = {};
  for (const d of days)
    if (typeof d.aqiLow === 'number' && d.aqiLow !== d.aqi) aqiLow[d.date] = d.aqiLow;
  return {
    ok: true,
    forecast: { ...v.forecast, region: input.region, issued: input.issued },
    aqiLow,
  };
}
