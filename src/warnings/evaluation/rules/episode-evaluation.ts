/**
 * The evaluation of a warning episode after it ends (pure), as the plan's "削峰降速" review asks
 * (issue 10, Evaluation): forecast vs observed daily AQI and the peaks, days at each warning
 * level, reductions achieved vs owed per pollutant, summed day by day over the list of the level
 * in force each day (kg/day × days; edition 2026.2 — 2026 took the last level's list for the
 * whole episode). Edition of these rules:
 * `EVALUATION_EDITION`; the observed AQI is the air domain's daily AQI of the region (HJ 633, the
 * edition per day named in each row).
 */
import { COLOURED_LEVELS, type ColouredLevel } from '../../../standards/warning/levels.ts';
import { REDUCTION_POLLUTANTS, type ReductionPollutant } from '../../measures.ts';

/** The edition every evaluation names. */
export const EVALUATION_EDITION = 'lantian-evaluation-2026.2';

/** One forecast day. */
export interface ForecastDay {
  date: string;
  aqi: number;
  aqiLow: number | null;
}

/** One observed day (null AQI: not published for want of data). */
export interface ObservedDay {
  date: string;
  aqi: number | null;
  category: string | null;
  color: string | null;
  edition: string;
}

/** One row of the forecast-vs-observed table. */
export interface DayComparison {
  date: string;
  level: ColouredLevel | null;
  forecastAqi: number | null;
  forecastLow: number | null;
  observedAqi: number | null;
  category: string | null;
  color: string | null;
  /** observed − forecast (upper end), or null. */
  error: number | null;
  /** The observed AQI lay within the forecast range (or within ±15 % of a single value). */
  hit: boolean | null;
}

/** Share of a single forecast value that still counts as a hit (configuration, UNVERIFIED). */
export const SINGLE_VALUE_HIT_SHARE = 0.15;

/** Compares forecast and observed day by day over `days`, with the warning level of each day. */
export function compareDays(
  days: readonly string[],
  levels: ReadonlyMap<string, ColouredLevel>,
  forecast: readonly ForecastDay[],
  observed: readonly ObservedDay[],
): DayComparison[] {
  const f = new Map(forecast.map((d) => [d.date, d]));
  const o = new Map(observed.map((d) => [d.date, d]));
  return days.map((date) => {
    const fd = f.get(date);
    const od = o.get(date);
    const obs = od?.aqi ?? null;
    let hit: boolean | null = null;
    if (fd && obs !== null) {
      const low = fd.aqiLow ?? fd.aqi * (1 - SINGLE_VALUE_HIT_SHARE);
      const high = fd.aqiLow !== null ? fd.aqi : fd.aqi * (1 + SINGLE_VALUE_HIT_SHARE);
      hit = obs >= low && obs <= high;
    }
    return {
      date,
      level: levels.get(date) ?? null,
      forecastAqi: fd?.aqi ?? null,
      forecastLow: fd?.aqiLow ?? null,
      observedAqi: obs,
      category: od?.category ?? null,
      color: od?.color ?? null,
      error: fd && obs !== null ? obs - fd.aqi : null,
      hit,
    };
  });
}

/** The highest value of a series and its date, or null. */
export function peakOf(
  rows: readonly DayComparison[],
  key: 'forecastAqi' | 'observedAqi',
): { date: string; aqi: number } | null {
  let best: { date: string; aqi: number } | null = null;
  for (const r of rows) {
    const v = r[key];
    if (v !== null && (best === null || v > best.aqi)) best = { date: r.date, aqi: v };
  }
  return best;
}

/** Days at each warning level. */
export function daysAtLevel(
  levels: ReadonlyMap<string, ColouredLevel>,
): Record<ColouredLevel, number> {
  const out: Record<ColouredLevel, number> = { yellow: 0, orange: 0, red: 0 };
  for (const l of levels.values()) out[l]++;
  return out;
}

/** Days in each observed AQI category (优, 良, 轻度污染, …; 无数据 when not published). */
export function daysByCategory(rows: readonly DayComparison[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = r.category ?? '无数据';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** One listed enterprise's numbers for one pollutant over the days of one level. */
export interface EnterpriseReduction {
  enterpriseId: number;
  level: ColouredLevel;
  pollutant: ReductionPollutant;
  /** Complete days of the level evaluated (the enterprise owes its cut on each). */
  days: number;
  /** The list item's baseline and expected cut, kg/day. */
  baselineKgPerDay: number;
  owedKgPerDay: number;
  /** Observed emission of each judged day of those days (enough valid CEMS hours), kg. */
  observedKg: readonly number[];
}

/** Per pollutant: what the lists owed and what the measured enterprises achieved, kg. */
export interface PollutantReduction {
  pollutant: ReductionPollutant;
  /** Owed by every enterprise on the list of each day's level: Σ expected × days. */
  owedKg: number;
  /** Enterprises with judged days: their baseline, owed and achieved cuts over those days. */
  measuredEnterprises: number;
  measuredBaselineKg: number;
  measuredOwedKg: number;
  /** Σ over judged days of (baseline − observed). */
  achievedKg: number;
  /** achieved / measured owed × 100, or null when nothing was owed by measured enterprises. */
  achievedPctOfOwed: number | null;
  /** achieved / measured baseline × 100, or null. */
  achievedPctOfBaseline: number | null;
}

/** The reductions of the days of one level. */
export interface LevelReduction {
  level: ColouredLevel;
  days: number;
  enterprisesListed: number;
  reductions: PollutantReduction[];
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Totals per pollutant, day by day: owed = Σ expected (kg/day) × days of the level the item is
 * listed for; over judged days only, baseline and owed × judged days and achieved =
 * Σ (baseline − observed day).
 */
export function reductionTotals(items: readonly EnterpriseReduction[]): PollutantReduction[] {
  return REDUCTION_POLLUTANTS.map((pollutant) => {
    const of = items.filter((i) => i.pollutant === pollutant);
    const measured = of.filter((i) => i.observedKg.length > 0);
    const owed = sum(of.map((i) => i.owedKgPerDay * i.days));
    const mBase = sum(measured.map((i) => i.baselineKgPerDay * i.observedKg.length));
    const mOwed = sum(measured.map((i) => i.owedKgPerDay * i.observedKg.length));
    const achieved = sum(measured.map((i) => sum(i.observedKg.map((o) => i.baselineKgPerDay - o))));
    return {
      pollutant,
      owedKg: r1(owed),
      measuredEnterprises: new Set(measured.map((i) => i.enterpriseId)).size,
      measuredBaselineKg: r1(mBase),
      measuredOwedKg: r1(mOwed),
      achievedKg: r1(achieved),
      achievedPctOfOwed: mOwed > 0 ? r1((achieved / mOwed) * 100) : null,
      achievedPctOfBaseline: mBase > 0 ? r1((achieved / mBase) * 100) : null,
    };
  }).filter((p) => p.owedKg > 0 || p.measuredEnterprises > 0);
}

/** The totals of each level's days, in the order given (`levels`: level, days, listed). */
export function reductionsByLevel(
  levels: readonly { level: ColouredLevel; days: number; enterprisesListed: number }[],
  items: readonly EnterpriseReduction[],
): LevelReduction[] {
  return levels.map((l) => ({
    ...l,
    reductions: reductionTotals(items.filter((i) => i.level === l.level)),
  }));
}
