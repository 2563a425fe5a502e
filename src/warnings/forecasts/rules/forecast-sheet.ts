/**
 * The forecast table (CSV or Excel) as forecasters keep it: one row per region and day, the
 * columns below. Rows are grouped by region and issue date into one forecast each; every group is
 * checked like an entered forecast (forecast-input.ts) and each problem is reported at its file
 * row and column with its stable code. Pure: the file reading is forecast-files.ts.
 */
import {
  checkForecastInput,
  type ForecastDayBounds,
  type ForecastDayInput,
  type ForecastInput,
  type ForecastInputIssue,
} from './forecast-input.ts';

/** Columns of the table: field, title, required. `地区代码` anchors the header row. */
export const FORECAST_COLUMNS = [
  { field: 'region', title: '地区代码', required: true },
  { field: 'regionName', title: '地区名称', required: false },
  { field: 'issued', title: '发布日期', required: true },
  { field: 'date', title: '预报日期', required: true },
  { field: 'aqi', title: 'AQI', required: true },
  { field: 'primary', title: '首要污染物', required: false },
  { field: 'rolling24hAqi', title: '24小时滑动AQI', required: false },
  { field: 'cause', title: '成因', required: false },
] as const;

/** The header anchor. */
export const FORECAST_ANCHOR = '地区代码';
/** Titles a table must have. */
export const FORECAST_REQUIRED = FORECAST_COLUMNS.filter((c) => c.required).map((c) => c.title);

type Field = (typeof FORECAST_COLUMNS)[number]['field'];
const TITLE = Object.fromEntries(FORECAST_COLUMNS.map((c) => [c.field, c.title])) as Record<
  Field,
  string
>;

/** One problem of a table row. */
export interface SheetIssue {
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

/** One data row: its number and cell texts by title. */
export interface SheetRow {
  row: number;
  cells: Readonly<Record<string, string>>;
}

/** A forecast read from the table, with the rows it came from. */
export interface SheetForecast {
  input: ForecastInput;
  rows: number[];
}

/** `2020/12/1` or `2020-12-1` → `2020-12-01`; other text unchanged. */
export function sheetDate(v: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v.trim();
}

/** `215` → {aqi: 215}; `180-220` or `180~220` → {aqiLow: 180, aqi: 220}; else null. */
export function sheetAqi(v: string): { aqi: number; aqiLow: number | null } | null {
  const t = v.trim().replace(/\s+/g, '');
  if (/^-?\d+(\.\d+)?$/.test(t)) return { aqi: Number(t), aqiLow: null };
  const m = /^(\d+(?:\.\d+)?)[-~～—–](\d+(?:\.\d+)?)$/.exec(t);
  return m ? { aqiLow: Number(m[1]), aqi: Number(m[2]) } : null;
}

/** The Chinese names of causes the table accepts, with the codes. */
const CAUSES: Readonly<Record<string, string>> = {
  沙尘: 'dust',
  扬沙: 'dust',
  浮尘: 'dust',
  火: 'fire',
  秸秆焚烧: 'fire',
  山火: 'fire',
  局地扬尘: 'blowing-dust',
  扬尘: 'blowing-dust',
  区域传输: 'transboundary',
  境外传输: 'transboundary',
};

function dayOfRow(r: SheetRow, issues: SheetIssue[]): ForecastDayInput | null {
  const text = (f: Field): string => (r.cells[TITLE[f]] ?? '').trim();
  const before = issues.length;
  const issue = (f: Field, code: string, detail: string) =>
    issues.push({ row: r.row, column: TITLE[f], code, detail });
  const aqi = sheetAqi(text('aqi'));
  if (!aqi) issue('aqi', 'LT_ERR_FORECAST_INVALID', `“${text('aqi')}”不是 AQI 或 AQI 范围`);
  const rollingText = text('rolling24hAqi');
  const rolling = rollingText === '' ? null : Number(rollingText);
  if (rolling !== null && !Number.isFinite(rolling))
    issue('rolling24hAqi', 'LT_ERR_FORECAST_INVALID', `“${rollingText}”不是数字`);
  const primary = text('primary')
    .split(/[、，,/\s]+/)
    .filter((x) => x !== '');
  const causeText = text('cause');
  const cause = causeText === '' ? null : (CAUSES[causeText] ?? causeText);
  if (issues.length > before || !aqi) return null;
  return {
    date: sheetDate(text('date')),
    aqi: aqi.aqi,
    aqiLow: aqi.aqiLow,
    primary,
    cause,
    rolling24hAqi: rolling,
  };
}

/** The column of an input issue's path (`days[2].aqi` → AQI). */
function columnOf(path: string): string | null {
  const field = /\.(\w+)(?:\[\d+\])?$/.exec(path)?.[1] ?? path;
  if (field === 'aqiLow') return TITLE.aqi;
  return (TITLE as Record<string, string>)[field] ?? null;
}

/**
 * The forecasts of a table, one per region and issue date, or every problem with its row and
 * column (an empty table is a problem too).
 */
export function forecastsOfSheet(
  rows: readonly SheetRow[],
  bounds: ForecastDayBounds,
): { forecasts: SheetForecast[]; issues: SheetIssue[] } {
  const issues: SheetIssue[] = [];
  const groups = new Map<string, { input: ForecastInput; rows: number[] }>();
  for (const r of rows) {
    const region = (r.cells[TITLE.region] ?? '').trim();
    const issued = sheetDate(r.cells[TITLE.issued] ?? '');
    const day = dayOfRow(r, issues);
    const key = `${region}|${issued}`;
    const g = groups.get(key) ?? { input: { region, issued, days: [] }, rows: [] };
    groups.set(key, g);
    if (!day) continue;
    g.input.days.push(day);
    g.rows.push(r.row);
  }
  if (rows.length === 0)
    issues.push({ row: 1, column: null, code: 'LT_ERR_FORECAST_EMPTY', detail: '表中没有预报行' });
  const forecasts: SheetForecast[] = [];
  for (const g of groups.values()) {
    if (g.rows.length === 0) continue;
    const c = checkForecastInput(g.input, bounds);
    if (c.ok) {
      forecasts.push(g);
      continue;
    }
    for (const i of c.issues) issues.push(issueAt(i, g.rows));
  }
  issues.sort((a, b) => a.row - b.row);
  return { forecasts, issues };
}

function issueAt(i: ForecastInputIssue, rows: readonly number[]): SheetIssue {
  const day = /^days\[(\d+)\]/.exec(i.path);
  const row = day ? (rows[Number(day[1])] ?? rows[0]!) : rows[0]!;
  const column =
    i.path === 'region' ? TITLE.region : i.path === 'issued' ? TITLE.issued : columnOf(i.path);
  return { row, column: i.path === 'days' ? TITLE.date : column, code: i.code, detail: i.detail };
}
