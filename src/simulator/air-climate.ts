// The air climate of a simulated region: what the monthly mean of each pollutant is, how the
// shared weather (regional-weather.ts) moves each pollutant around that mean, and the daily cycle.
// The regional factor of a pollutant is normalised month by month so that, over the hour starts
// of a month, level × weather × daily cycle averages exactly to the month's level: a station with
// factor 1 and mean-one local noise then has the month's level as its expected monthly mean.

import { beijingHour, BEIJING_OFFSET_MS, dayOfYear } from './beijing-time.ts';
import { weatherAt, type WeatherState } from './regional-weather.ts';
import { coDiurnal, no2Diurnal, o3Diurnal, pmDiurnal, so2Diurnal, winterIndex } from './shapes.ts';
import { HOUR_MS } from '../standards/local-date.ts';

/** Pollutants of the air model, in the order of its values (HJ 212 codes in air-model.ts). */
export const AIR_POLLUTANTS = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'] as const;

/** One of AIR_POLLUTANTS. */
export type AirPollutant = (typeof AIR_POLLUTANTS)[number];

/** Monthly mean of the hourly values per pollutant (µg/m³; CO mg/m³). */
export type AirLevels = Readonly<Record<AirPollutant, number>>;

/** Monthly levels by Beijing-time year and month (1–12). */
export type LevelsOf = (year: number, month: number) => AirLevels;

// How strongly each pollutant follows stagnation, relative to PM2.5 (secondary PM accumulates
// most; NO2 and SO2 are emitted locally and vary less from day to day).
const STAGNATION_SHARE: Readonly<Record<AirPollutant, number>> = {
  SO2: 0.6,
  NO2: 0.55,
  CO: 0.8,
  O3: 0,
  PM10: 0.85,
  'PM2.5': 1,
};

/** Spread (log-space standard deviation) of the shared weather's effect in a month. */
export interface Variability {
  /** Of stagnation on PM2.5 (others by STAGNATION_SHARE). */
  stagnation: number;
  /** Of dust on PM10. */
  dust: number;
  /** Of photochemistry on O3. */
  ozone: number;
  /** Correlation of O3 with stagnation: negative in winter (haze dims the sun), positive in summer. */
  ozoneStagnation: number;
}

/**
 * Variability of north-China-plain weather in a month: day-to-day PM swings are widest in the
 * heating season (stagnant inversions, then clean northerly fronts), dust peaks in spring.
 * Tuned so that Handan's published good-day and heavy-day counts come out of the calibrated
 * levels (test/demo.test.ts).
 */
export function northChinaVariability(month: number): Variability {
  const w = winterIndex((month - 1) * 30.4 + 15);
  const spring = Math.exp(-((month - 4) ** 2) / 2);
  return {
    stagnation: 0.56 + 0.3 * w,
    dust: 0.1 + 0.22 * spring,
    ozone: 0.28,
    ozoneStagnation: -0.5 * w,
  };
}

/**
 * Levels of a generic north-China city, the same every year: PM2.5 ~50, NO2 ~36, SO2 ~14,
 * O3 ~55 µg/m³ and CO ~0.95 mg/m³ as annual means, highest in winter except O3.
 */
export function genericCityLevels(_year: number, month: number): AirLevels {
  const w = winterIndex((month - 1) * 30.4 + 15);
  const pm25 = 50 * (1 + 0.6 * w);
  return {
    SO2: 14 * (1 + 0.6 * w),
    NO2: 36 * (1 + 0.3 * w),
    CO: 0.95 * (1 + 0.5 * w),
    O3: 55 * (1 - 0.5 * w),
    PM10: pm25 / (0.55 + 0.12 * w),
    'PM2.5': pm25,
  };
}

/** Daily cycle of each pollutant at local hour `h` with winter index `w`. */
function diurnal(p: AirPollutant, h: number, w: number): number {
  switch (p) {
    case 'SO2':
      return so2Diurnal(h);
    case 'NO2':
      return no2Diurnal(h);
    case 'CO':
      return coDiurnal(h);
    case 'O3':
      return o3Diurnal(h, w);
    default:
      return pmDiurnal(h);
  }
}

/** Log of the weather's multiplier for pollutant `p`. */
function weatherLog(p: AirPollutant, s: WeatherState, v: Variability): number {
  if (p === 'O3') {
    const r = v.ozoneStagnation;
    return v.ozone * (r * s.stagnation + Math.sqrt(1 - r * r) * s.photo);
  }
  const stag = v.stagnation * STAGNATION_SHARE[p] * s.stagnation;
  return p === 'PM10' ? stag + v.dust * s.dust : stag;
}

/** Beijing-time year and month (1–12) of an instant. */
export function beijingYearMonth(ms: number): { year: number; month: number } {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** Share of stagnation a pollutant follows (for local weather, which acts the same way). */
export function stagnationShare(p: AirPollutant): number {
  return STAGNATION_SHARE[p];
}

/** The region's air climate for a run: shared weather, monthly levels, daily cycles. */
export class AirClimate {
  readonly seed: number;
  private readonly levelsOf: LevelsOf;
  private readonly variabilityOf: (month: number) => Variability;
  private readonly norm = new Map<number, Float64Array>();
  private readonly recent = new Map<number, Float64Array>();

  /** `levels` gives the monthly means; `variability` the weather's spread per month. */
  constructor(
    seed: number,
    levels: LevelsOf = genericCityLevels,
    variability: (month: number) => Variability = northChinaVariability,
  ) {
    this.seed = seed;
    this.levelsOf = levels;
    this.variabilityOf = variability;
  }

  /** The region's value of each pollutant (AIR_POLLUTANTS order) at `ms`, before local effects. */
  regional(ms: number): Float64Array {
    const hit = this.recent.get(ms);
    if (hit) return hit;
    const { year, month } = beijingYearMonth(ms);
    const k = this.normalisation(year, month);
    const raw = this.raw(ms, month);
    const lv = this.levelsOf(year, month);
    const out = new Float64Array(AIR_POLLUTANTS.length);
    AIR_POLLUTANTS.forEach((p, i) => (out[i] = lv[p] * k[i]! * raw[i]!));
    if (this.recent.size >= 64) this.recent.clear();
    this.recent.set(ms, out);
    return out;
  }

  /** The weather's spread in a month (for local noise of the same kind). */
  variability(month: number): Variability {
    return this.variabilityOf(month);
  }

  /** Weather × daily cycle per pollutant, before normalisation. */
  private raw(ms: number, month: number): Float64Array {
    const s = weatherAt(this.seed, ms);
    const v = this.variabilityOf(month);
    const h = beijingHour(ms);
    const w = winterIndex(dayOfYear(ms));
    const out = new Float64Array(AIR_POLLUTANTS.length);
    AIR_POLLUTANTS.forEach((p, i) => (out[i] = Math.exp(weatherLog(p, s, v)) * diurnal(p, h, w)));
    return out;
  }

  /** 1 ÷ the month's mean of `raw` over its hours, per pollutant (cached). */
  private normalisation(year: number, month: number): Float64Array {
    const key = year * 12 + month;
    const hit = this.norm.get(key);
    if (hit) return hit;
    const start = Date.UTC(year, month - 1, 1) - BEIJING_OFFSET_MS;
    const end = Date.UTC(year, month, 1) - BEIJING_OFFSET_MS;
    const sum = new Float64Array(AIR_POLLUTANTS.length);
    let n = 0;
    for (let t = start; t < end; t += HOUR_MS) {
      const r = this.raw(t, month);
      for (let i = 0; i < sum.length; i++) sum[i]! += r[i]!;
      n++;
    }
    const k = sum.map((x) => n / x);
    this.norm.set(key, k);
    return k;
  }
}

const generic = new Map<number, AirClimate>();

/** The generic north-China climate of a run seed (shared by the stations of a fleet). */
export function genericClimate(seed: number): AirClimate {
  let c = generic.get(seed);
  if (!c) {
    if (generic.size >= 16) generic.clear();
    c = new AirClimate(seed);
    generic.set(seed, c);
  }
  return c;
}
