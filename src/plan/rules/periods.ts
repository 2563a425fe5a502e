/**
 * Periods of rankings and progress (pure): a month 'YYYY-MM', a quarter 'YYYY-Qn', a calendar
 * year 'YYYY', or the year to date 'YYYY-MM-DD' (1 January through that day), and the same
 * period one year earlier (29 February maps to 28 February).
 */
import { daysInMonth, isLocalDate } from '../../standards/index.ts';

/** Kind of a period. */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'ytd';

/** A period with its first and last local date (both included). */
export interface Period {
  kind: PeriodKind;
  /** As written: '2020-11', '2020-Q4', '2020', '2020-11-30'. */
  label: string;
  /** Chinese label for reports: '2020年11月', '2020年第四季度', '2020年', '2020年1月1日至11月30日'. */
  title: string;
  year: number;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTER_NAMES = ['一', '二', '三', '四'];

/** Parses a period label; null when it is none of the four forms. */
export function parsePeriod(label: string): Period | null {
  let m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return {
      kind: 'month',
      label,
      title: `${year}年${month}月`,
      year,
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`,
    };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const last = q * 3;
    return {
      kind: 'quarter',
      label,
      title: `${year}年第${QUARTER_NAMES[q - 1]}季度`,
      year,
      from: `${year}-${pad(last - 2)}-01`,
      to: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}`,
    };
  }
  m = /^(\d{4})$/.exec(label);
  if (m) {
    const year = Number(m[1]);
    return {
      kind: 'year',
      label,
      title: `${year}年`,
      year,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    };
  }
  if (isLocalDate(label)) {
    const year = Number(label.slice(0, 4));
    const month = Number(label.slice(5, 7));
    const day = Number(label.slice(8, 10));
    return {
      kind: 'ytd',
      label,
      title: `${year}年1月1日至${month}月${day}日`,
      year,
      from: `${year}-01-01`,
      to: label,
    };
  }
  return null;
}

/** The same calendar date one year earlier (29 February → 28 February). */
export function sameDateLastYear(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The same period one year earlier. */
export function previousYearPeriod(p: Period): Period {
  const from = sameDateLastYear(p.from);
  const to =
    p.kind === 'month' || p.kind === 'quarter'
      ? lastDayOfMonth(sameDateLastYear(p.to))
      : sameDateLastYear(p.to);
  const label =
    p.kind === 'ytd'
      ? to
      : p.kind === 'year'
        ? String(p.year - 1)
        : `${p.year - 1}${p.label.slice(4)}`;
  return { ...(parsePeriod(label) as Period), from, to };
}

/** The last day of the month of a date. */
export function lastDayOfMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;
}

/** The quarter label of a month label: '2020-11' → '2020-Q4'. */
export function quarterOfMonth(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
}
