/**
 * Year-end projections (pure) of annual mean PM2.5, good days and heavy-pollution days from the
 * days so far. Three documented methods (docs/plan.md §Projections):
 *
 * - `same-ratio` (同比): the rest of the year behaves as last year, scaled by this year's ratio to
 *   the same period last year. PM2.5: P = A_last × C_ytd / C_last,same. Counts:
 *   N = N_ytd + r × (N_last,year − N_last,same), r = N_ytd / N_last,same (r = 1 when
 *   N_last,same = 0).
 * - `seasonal`: a monthly profile averaged over past years. PM2.5: factor m_k = (month k mean) /
 *   (that year's mean), averaged over the years; level L = Σ c_d / Σ m(d) over this year's valid
 *   days; P = (Σ c_d + L × Σ_rest m(d)) / (n_valid + n_rest). Counts: p_k = share of valid days
 *   in month k that were good (heavy), averaged over the years; ρ = N_ytd / Σ p(d) over this
 *   year's valid days (1 when that sum is 0); N = N_ytd + ρ × Σ_rest p(d).
 * - `linear`: persistence. P = C_ytd; N = N_ytd + n_rest × N_ytd / n_valid.
 *
 * Counts never exceed N_ytd + n_rest. A method without the data it needs is `available: false`
 * with the reason.
 */
import { addDays, eachLocalDate } from '../../standards/index.ts';
import type { DayPoint } from './period-figures.ts';
import { sameDateLastYear } from './periods.ts';

/** A projection method. */
export type ProjectionMethod = 'seasonal' | 'same-ratio' | 'linear';

/** Inputs of the projections. */
export interface ProjectionInput {
  year: number;
  /** Last day with data counted (inclusive). */
  asOf: string;
  /** This year's day points, 1 January to asOf. */
  current: readonly DayPoint[];
  /** Day points of past years, newest first; index 0 is last year. */
  pastYears: ReadonlyArray<readonly DayPoint[]>;
}

/** One method's projection. */
export interface Projection {
  method: ProjectionMethod;
  available: boolean;
  reason?: string;
  /** Projected annual mean PM2.5 (unrounded). */
  pm25: number | null;
  goodDays: number | null;
  heavyDays: number | null;
}

const isGood = (p: DayPoint) => p.aqi !== null && p.aqi <= 100;
const isHeavy = (p: DayPoint) => p.aqi !== null && p.aqi > 200;

function mean(values: number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

function pm25s(points: readonly DayPoint[]): number[] {
  return points.filter((p) => p.pm25 !== null).map((p) => p.pm25 as number);
}

function remainingDates(year: number, asOf: string): string[] {
  const last = `${year}-12-31`;
  if (asOf >= last) return [];
  const start = asOf < `${year}-01-01` ? `${year}-01-01` : addDays(asOf, 1);
  return eachLocalDate(start, last);
}

function cap(n: number, soFar: number, rest: number): number {
  return Math.min(n, soFar + rest);
}

/** Persistence: the rest of the year like the year so far. */
export function linearProjection(input: ProjectionInput): Projection {
  const rest = remainingDates(input.year, input.asOf).length;
  const valid = input.current.filter((p) => p.aqi !== null);
  const c = mean(pm25s(input.current));
  if (c === null && valid.length === 0)
    return {
      method: 'linear',
      available: false,
      reason: '本年没有有效数据',
      pm25: null,
      goodDays: null,
      heavyDays: null,
    };
  const count = (f: (p: DayPoint) => boolean) => {
    if (valid.length === 0) return null;
    const n = valid.filter(f).length;
    return cap(n + (rest * n) / valid.length, n, rest);
  };
  return {
    method: 'linear',
    available: true,
    pm25: c,
    goodDays: count(isGood),
    heavyDays: count(isHeavy),
  };
}

/** Same ratio as the same period last year (同比). */
export function sameRatioProjection(input: ProjectionInput): Projection {
  const none = (reason: string): Projection => ({
    method: 'same-ratio',
    available: false,
    reason,
    pm25: null,
    goodDays: null,
    heavyDays: null,
  });
  const last = input.pastYears[0];
  if (!last || last.length === 0) return none('上一年没有数据');
  const sameTo = sameDateLastYear(input.asOf);
  const lastSame = last.filter((p) => p.date <= sameTo);
  const rest = remainingDates(input.year, input.asOf).length;
  const cYtd = mean(pm25s(input.current));
  const cSame = mean(pm25s(lastSame));
  const cYear = mean(pm25s(last));
  const pm25 =
    cYtd !== null && cSame !== null && cSame > 0 && cYear !== null ? (cYear * cYtd) / cSame : null;
  const validNow = input.current.filter((p) => p.aqi !== null);
  const validSame = lastSame.filter((p) => p.aqi !== null);
  const count = (f: (p: DayPoint) => boolean) => {
    if (validNow.length === 0 || validSame.length === 0) return null;
    const nYtd = validNow.filter(f).length;
    const nSame = validSame.filter(f).length;
    const nYear = last.filter(f).length;
    const r = nSame > 0 ? nYtd / nSame : 1;
    return cap(nYtd + r * (nYear - nSame), nYtd, rest);
  };
  const goodDays = count(isGood);
  if (pm25 === null && goodDays === null) return none('本年或上年同期没有有效数据');
  return { method: 'same-ratio', available: true, pm25, goodDays, heavyDays: count(isHeavy) };
}

/** Monthly factors averaged over years; null when a month has no value in any year. */
function monthlyProfile(
  years: ReadonlyArray<readonly DayPoint[]>,
  perYear: (points: readonly DayPoint[]) => Array<number | null>,
): number[] | null {
  const sums = new Array<number>(12).fill(0);
  const counts = new Array<number>(12).fill(0);
  for (const y of years) {
    perYear(y).forEach((v, k) => {
      if (v === null) return;
      sums[k]! += v;
      counts[k]! += 1;
    });
  }
  if (counts.some((c) => c === 0)) return null;
  return sums.map((s, k) => s / counts[k]!);
}

const monthIndex = (date: string) => Number(date.slice(5, 7)) - 1;

function byMonth(points: readonly DayPoint[]): DayPoint[][] {
  const out: DayPoint[][] = Array.from({ length: 12 }, () => []);
  for (const p of points) out[monthIndex(p.date)]!.push(p);
  return out;
}

/** PM2.5 month factor per year: monthly mean / annual mean. */
export function pm25MonthFactors(points: readonly DayPoint[]): Array<number | null> {
  const annual = mean(pm25s(points));
  return byMonth(points).map((m) => {
    const c = mean(pm25s(m));
    return c === null || annual === null || annual === 0 ? null : c / annual;
  });
}

/** Share of valid days in each month meeting `f`. */
export function monthShares(
  points: readonly DayPoint[],
  f: (p: DayPoint) => boolean,
): Array<number | null> {
  return byMonth(points).map((m) => {
    const valid = m.filter((p) => p.aqi !== null);
    return valid.length ? valid.filter(f).length / valid.length : null;
  });
}

/** Seasonal profile from past years. */
export function seasonalProjection(input: ProjectionInput): Projection {
  const none = (reason: string): Projection => ({
    method: 'seasonal',
    available: false,
    reason,
    pm25: null,
    goodDays: null,
    heavyDays: null,
  });
  const years = input.pastYears.filter((y) => y.length > 0);
  if (years.length === 0) return none('没有往年数据');
  const restDates = remainingDates(input.year, input.asOf);
  const rest = restDates.length;
  let pm25: number | null = null;
  const m = monthlyProfile(years, pm25MonthFactors);
  const valid = input.current.filter((p) => p.pm25 !== null);
  if (m && valid.length > 0) {
    const sumC = valid.reduce((s, p) => s + (p.pm25 as number), 0);
    const sumF = valid.reduce((s, p) => s + m[monthIndex(p.date)]!, 0);
    const level = sumF > 0 ? sumC / sumF : 0;
    const restF = restDates.reduce((s, d) => s + m[monthIndex(d)]!, 0);
    pm25 = (sumC + level * restF) / (valid.length + rest);
  }
  const validAqi = input.current.filter((p) => p.aqi !== null);
  const count = (f: (p: DayPoint) => boolean) => {
    const prof = monthlyProfile(years, (y) => monthShares(y, f));
    if (!prof || validAqi.length === 0) return null;
    const n = validAqi.filter(f).length;
    const expected = validAqi.reduce((s, p) => s + prof[monthIndex(p.date)]!, 0);
    const rho = expected > 0 ? n / expected : 1;
    const restP = restDates.reduce((s, d) => s + prof[monthIndex(d)]!, 0);
    return cap(n + rho * restP, n, rest);
  };
  const goodDays = count(isGood);
  if (pm25 === null && goodDays === null)
    return none(m ? '本年没有有效数据' : '往年数据不足以得到 12 个月的季节曲线');
  return { method: 'seasonal', available: true, pm25, goodDays, heavyDays: count(isHeavy) };
}

const METHODS: Readonly<Record<ProjectionMethod, (i: ProjectionInput) => Projection>> = {
  seasonal: seasonalProjection,
  'same-ratio': sameRatioProjection,
  linear: linearProjection,
};

/** Every method's projection, and the primary: the first available in `order`. */
export function projectYearEnd(
  input: ProjectionInput,
  order: readonly ProjectionMethod[],
): { all: Projection[]; primary: Projection | null } {
  const all = (['seasonal', 'same-ratio', 'linear'] as const).map((m) => METHODS[m](input));
  const primary =
    order.map((m) => all.find((p) => p.method === m)!).find((p) => p.available) ?? null;
  return { all, primary };
}
