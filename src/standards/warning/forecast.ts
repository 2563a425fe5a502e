// A daily air-quality forecast for one region, as the grading reads it, and its validation.
// "Daily AQI" for warnings is the AQI of any 24 consecutive hours, which may cross midnight
// (连续24小时，可跨自然日): a day may carry the highest such AQI next to its natural-day AQI.
// Refusal codes are the catalogue codes of src/errors.ts (kept as strings: this core imports
// nothing outside src/standards).
import { addDays, isLocalDate } from '../local-date.ts';
import type { Pollutant } from '../pollutants.ts';
import { EPISODE_CAUSES, type EpisodeCause } from './rule-set.ts';

/** One forecast day. */
export interface ForecastDay {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  /** Forecast AQI of the natural day, 0–500. */
  aqi: number;
  /** Primary pollutant(s) (首要污染物); empty when not given (AQI ≤ 50 has none). */
  primary: Pollutant[];
  /** A natural cause stated by the forecaster (sand-dust, fire, …), or null. */
  cause: EpisodeCause | null;
  /**
   * Highest AQI of any 24 consecutive hours that start on this day (the window may run into the
   * next day), 0–500, or null when the forecast does not give it.
   */
  rolling24hAqi: number | null;
}

/** A validated forecast: consecutive dates, oldest first. */
export interface Forecast {
  /** 6-digit region code, or null. */
  region: string | null;
  /** Date the forecast was issued (for the lead time), or null. */
  issued: string | null;
  days: ForecastDay[];
}

/** Catalogue codes of a refused forecast. */
export type ForecastIssueCode =
  | 'LT_ERR_FORECAST_INVALID'
  | 'LT_ERR_FORECAST_EMPTY'
  | 'LT_ERR_FORECAST_TOO_LONG'
  | 'LT_ERR_FORECAST_GAP'
  | 'LT_ERR_FORECAST_DUPLICATE_DATE'
  | 'LT_ERR_FORECAST_AQI_RANGE'
  | 'LT_ERR_BAD_DATE'
  | 'LT_ERR_BAD_ADCODE'
  | 'LT_ERR_POLLUTANT_UNKNOWN';

/** One reason a forecast is refused: the code, where (JSON path) and what (Chinese). */
export interface ForecastIssue {
  code: ForecastIssueCode;
  path: string;
  detail: string;
}

/** Outcome of `validateForecast`. */
export type ForecastValidation =
  { ok: true; forecast: Forecast } | { ok: false; issues: ForecastIssue[] };

/** Default bound on the number of forecast days (forecasts run 3–7 days, extended ones ~15). */
export const MAX_FORECAST_DAYS = 31;

const ALIASES: Readonly<Record<string, Pollutant>> = {
  SO2: 'SO2',
  NO2: 'NO2',
  PM10: 'PM10',
  'PM2.5': 'PM2.5',
  PM25: 'PM2.5',
  CO: 'CO',
  O3: 'O3',
  O3_8H: 'O3',
  'O3-8H': 'O3',
  O3_1H: 'O3',
  'O3-1H': 'O3',
};

/** The pollutant a forecast names, accepting `PM25` and `O3_8h`-style spellings; null if unknown. */
export function forecastPollutant(name: string): Pollutant | null {
  return ALIASES[name.replace(/\s+/g, '').toUpperCase()] ?? null;
}

function isAqi(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 500;
}

function aqiIssue(v: unknown, path: string): ForecastIssue | null {
  if (isAqi(v)) return null;
  if (typeof v === 'number')
    return { code: 'LT_ERR_FORECAST_AQI_RANGE', path, detail: `AQI 应在 0–500 之间，收到 ${v}` };
  return { code: 'LT_ERR_FORECAST_INVALID', path, detail: 'AQI 应为数字' };
}

function primaryOf(v: unknown, path: string, issues: ForecastIssue[]): Pollutant[] {
  if (v === undefined || v === null || v === '') return [];
  const names = Array.isArray(v) ? v : [v];
  const out: Pollutant[] = [];
  names.forEach((n, i) => {
    const p = typeof n === 'string' ? forecastPollutant(n) : null;
    if (p === null)
      issues.push({
        code: 'LT_ERR_POLLUTANT_UNKNOWN',
        path: Array.isArray(v) ? `${path}[${i}]` : path,
        detail: `首要污染物只能是 SO2、NO2、PM10、PM2.5、CO、O3，收到 "${String(n)}"`,
      });
    else if (!out.includes(p)) out.push(p);
  });
  return out;
}

function dayOf(v: unknown, i: number, issues: ForecastIssue[]): ForecastDay | null {
  const path = `days[${i}]`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    issues.push({ code: 'LT_ERR_FORECAST_INVALID', path, detail: '每一天应为对象' });
    return null;
  }
  const o = v as Record<string, unknown>;
  const before = issues.length;
  const date = o['date'];
  if (typeof date !== 'string' || !isLocalDate(date))
    issues.push({
      code: 'LT_ERR_BAD_DATE',
      path: `${path}.date`,
      detail: `收到 "${String(date)}"`,
    });
  const aqi = aqiIssue(o['aqi'], `${path}.aqi`);
  if (aqi) issues.push(aqi);
  const rolling = o['rolling24hAqi'];
  const rollingIssue =
    rolling === undefined || rolling === null ? null : aqiIssue(rolling, `${path}.rolling24hAqi`);
  if (rollingIssue) issues.push(rollingIssue);
  const primary = primaryOf(o['primary'], `${path}.primary`, issues);
  const cause = o['cause'] ?? null;
  if (cause !== null && !(EPISODE_CAUSES as readonly unknown[]).includes(cause))
    issues.push({
      code: 'LT_ERR_FORECAST_INVALID',
      path: `${path}.cause`,
      detail: `成因只能是 ${EPISODE_CAUSES.join('、')}，收到 "${String(cause)}"`,
    });
  if (issues.length > before) return null;
  return {
    date: date as string,
    aqi: o['aqi'] as number,
    primary,
    cause: cause as EpisodeCause | null,
    rolling24hAqi: (rolling ?? null) as number | null,
  };
}

/** Duplicate dates and gaps between the (sorted, unique) dates. */
function calendarIssues(days: readonly ForecastDay[]): ForecastIssue[] {
  const issues: ForecastIssue[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    const first = seen.get(d.date);
    if (first === undefined) seen.set(d.date, i);
    else
      issues.push({
        code: 'LT_ERR_FORECAST_DUPLICATE_DATE',
        path: `days[${i}].date`,
        detail: `${d.date} 与 days[${first}] 重复`,
      });
  });
  const dates = [...seen.keys()].sort();
  for (let k = 1; k < dates.length; k++) {
    const prev = dates[k - 1] as string;
    const next = dates[k] as string;
    if (addDays(prev, 1) !== next) {
      const missing: string[] = [];
      for (let d = addDays(prev, 1); d < next && missing.length < 4; d = addDays(d, 1))
        missing.push(d);
      issues.push({
        code: 'LT_ERR_FORECAST_GAP',
        path: 'days',
        detail: `${prev} 与 ${next} 之间缺少 ${missing.join('、')}${addDays(missing.at(-1) ?? prev, 1) < next ? ' 等' : ''}`,
      });
    }
  }
  return issues;
}

/**
 * Checks a forecast read from JSON (`{region?, issued?, days: [{date, aqi, primary?, cause?,
 * rolling24hAqi?}]}`): every problem is listed with its catalogue code; the accepted forecast is
 * sorted by date. Refused: no days, more than `maxDays`, gaps, duplicate dates, AQI outside 0–500.
 */
export function validateForecast(
  value: unknown,
  options: { maxDays?: number } = {},
): ForecastValidation {
  const maxDays = options.maxDays ?? MAX_FORECAST_DAYS;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      issues: [{ code: 'LT_ERR_FORECAST_INVALID', path: '', detail: '预报应为 JSON 对象' }],
    };
  const o = value as Record<string, unknown>;
  const issues: ForecastIssue[] = [];
  const region = o['region'] ?? null;
  if (region !== null && (typeof region !== 'string' || !/^\d{6}$/.test(region)))
    issues.push({ code: 'LT_ERR_BAD_ADCODE', path: 'region', detail: `收到 "${String(region)}"` });
  const issued = o['issued'] ?? null;
  if (issued !== null && (typeof issued !== 'string' || !isLocalDate(issued)))
    issues.push({ code: 'LT_ERR_BAD_DATE', path: 'issued', detail: `收到 "${String(issued)}"` });
  const raw = o['days'];
  if (!Array.isArray(raw)) {
    issues.push({ code: 'LT_ERR_FORECAST_INVALID', path: 'days', detail: '缺少逐日预报数组 days' });
    return { ok: false, issues };
  }
  if (raw.length === 0)
    issues.push({ code: 'LT_ERR_FORECAST_EMPTY', path: 'days', detail: '没有任何一天' });
  if (raw.length > maxDays) {
    issues.push({
      code: 'LT_ERR_FORECAST_TOO_LONG',
      path: 'days',
      detail: `最多 ${maxDays} 天，收到 ${raw.length} 天`,
    });
    return { ok: false, issues };
  }
  const days = raw.map((d, i) => dayOf(d, i, issues));
  const good = days.filter((d): d is ForecastDay => d !== null);
  if (good.length === days.length) issues.push(...calendarIssues(good));
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    forecast: {
      region: region as string | null,
      issued: issued as string | null,
      days: [...good].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    },
  };
}
