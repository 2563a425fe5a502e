/**
 * Chinese number and date formats used everywhere on the dashboard (pure, no DOM): grouped
 * numbers (12,345.6), percentages, dates as 2016年12月31日, months as 2016年12月, and instants in
 * Beijing time as 2016-12-31 14:00. Missing values show as "—".
 */

/** What the dashboard shows for a missing value. */
export const MISSING = '—';

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number in zh-CN grouping with exactly `digits` decimals (default 0), or "—". */
export function formatNumber(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(digits, f);
  }
  return f.format(v);
}

/** A percentage value (already ×100) with `digits` decimals and a % sign, or "—". */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  const s = formatNumber(v, digits);
  return s === MISSING ? s : `${s}%`;
}

/**
 * A good-day target as the plan states it: a number of days, or a rate (优良率 52.1%) when the
 * plan gives the rate only, as Handan's city target does.
 */
export function formatGoodDaysTarget(g: {
  target: number | null;
  targetRatePct: number | null;
}): string {
  if (g.target !== null) return formatNumber(g.target);
  return g.targetRatePct === null ? MISSING : `优良率 ${formatPercent(g.targetRatePct)}`;
}

/** A signed change in percent (+3.2% / -5.0%), or "—". */
export function formatChange(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  return `${v > 0 ? '+' : ''}${formatPercent(v, digits)}`;
}

/** 'YYYY-MM-DD' → 'YYYY年M月D日'. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return MISSING;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 'YYYY-MM-DD' or 'YYYY-MM' → 'YYYY年M月'. */
export function formatMonth(date: string | null | undefined): string {
  if (!date) return MISSING;
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月` : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → Beijing time 'YYYY-MM-DD HH:mm' (UTC+8, no daylight saving since 1991). */
export function formatDateTime(ms: number | null | undefined, withSeconds = false): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const t = new Date(ms + 8 * 3600_000);
  const s = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(
    t.getUTCHours(),
  )}:${pad(t.getUTCMinutes())}`;
  return withSeconds ? `${s}:${pad(t.getUTCSeconds())}` : s;
}

/** Epoch ms → Beijing-time hour label 'M月D日 H时'. */
export function formatHour(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const t = new Date(ms + 8 * 3600_000);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${t.getUTCHours()}时`;
}

/** Today's date in Beijing time, 'YYYY-MM-DD'. */
export function beijingToday(now: number = Date.now()): string {
  const t = new Date(now + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** A date shifted by `days` ('YYYY-MM-DD', proleptic Gregorian, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Last day of a month 'YYYY-MM' → 'YYYY-MM-DD'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Pollutant codes as officials write them. */
export const POLLUTANT_LABELS: Readonly<Record<string, string>> = {
  'PM2.5': 'PM₂.₅',
  PM10: 'PM₁₀',
  SO2: 'SO₂',
  NO2: 'NO₂',
  CO: 'CO',
  O3: 'O₃',
  O3_8h: 'O₃-8h',
  O3_1h: 'O₃-1h',
  'PM2.5_24h': 'PM₂.₅(24h)',
  PM10_24h: 'PM₁₀(24h)',
  SO2_1h: 'SO₂',
  NO2_1h: 'NO₂',
  CO_1h: 'CO',
  'PM2.5_1h': 'PM₂.₅',
  PM10_1h: 'PM₁₀',
};

/** A pollutant code's display label. */
export function pollutantLabel(code: string): string {
  return POLLUTANT_LABELS[code] ?? code;
}

/** Unit of a pollutant's concentration. */
export function pollutantUnit(code: string): string {
  return code.startsWith('CO') ? 'mg/m³' : 'µg/m³';
}

/** A file size: 1.2 MB, 35 KB or 512 字节. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(n / 1024 / 1024, 1)} MB`;
  if (n >= 1024) return `${formatNumber(n / 1024, 0)} KB`;
  return `${formatNumber(n)} 字节`;
}
