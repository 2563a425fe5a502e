// Data-count requirements for period statistics: GB 3095-2026 Table 4 (same scheme as
// GB 3095-2012 / HJ 663-2013): ≥ 324 daily values per year, ≥ 27 per month (≥ 25 in February).
// HJ 663-2013 applies the same counts to the O3 90th percentile; for the other percentiles and for
// monthly evaluation the wording is UNVERIFIED (docs/standards/assessment.md §3.2), so the numbers
// are options.
import { daysInMonth, eachLocalDate, parseLocalDate } from '../local-date.ts';

/** The count thresholds (defaults 324 / 27 / 25). */
export interface CountRuleOptions {
  minPerYear?: number;
  minPerMonth?: number;
  minPerFebruary?: number;
}

/** Count check of one calendar month or year fully inside the range. */
export interface PeriodCount {
  /** 'YYYY-MM' for a month, 'YYYY' for a year. */
  period: string;
  count: number;
  required: number;
  meets: boolean;
}

/** Count checks of one series over a range. */
export interface CountCheck {
  /** Checks of the calendar months fully inside the range. */
  months: PeriodCount[];
  /** Checks of the calendar years fully inside the range. */
  years: PeriodCount[];
  /** True when at least one month or year lies fully inside the range. */
  applicable: boolean;
  /** All checks hold (vacuously true when none applies). */
  meets: boolean;
}

/**
 * Checks the counts of valid daily values (given by their dates) over [from, to]: every calendar
 * month fully inside the range needs ≥ 27 (February ≥ 25) and every calendar year fully inside
 * the range ≥ 324. Partial months at the ends carry no requirement.
 */
export function checkCounts(
  validDates: Iterable<string>,
  from: string,
  to: string,
  options: CountRuleOptions = {},
): CountCheck {
  const minYear = options.minPerYear ?? 324;
  const minMonth = options.minPerMonth ?? 27;
  const minFeb = options.minPerFebruary ?? 25;
  const perMonth = new Map<string, number>();
  for (const date of validDates) {
    if (date < from || date > to) continue;
    const key = date.slice(0, 7);
    perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
  }
  const monthDays = new Map<string, number>();
  for (const date of eachLocalDate(from, to)) {
    const key = date.slice(0, 7);
    monthDays.set(key, (monthDays.get(key) ?? 0) + 1);
  }
  const months: PeriodCount[] = [];
  const yearMonths = new Map<string, { full: number; count: number }>();
  for (const [month, days] of monthDays) {
    const { year, month: m } = parseLocalDate(`${month}-01`);
    const y = yearMonths.get(String(year)) ?? { full: 0, count: 0 };
    yearMonths.set(String(year), y);
    if (days !== daysInMonth(year, m)) continue;
    const count = perMonth.get(month) ?? 0;
    const required = m === 2 ? minFeb : minMonth;
    months.push({ period: month, count, required, meets: count >= required });
    y.full++;
    y.count += count;
  }
  const years: PeriodCount[] = [];
  for (const [year, y] of yearMonths) {
    if (y.full !== 12) continue;
    years.push({ period: year, count: y.count, required: minYear, meets: y.count >= minYear });
  }
  const applicable = months.length > 0;
  const meets = months.every((c) => c.meets) && years.every((c) => c.meets);
  return { months, years, applicable, meets };
}
