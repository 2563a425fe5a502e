// Value model of an ambient air-quality station (ST=22): the six pollutants of GB 3095. A station
// reads its region's air (air-climate.ts: monthly levels, shared weather, daily cycles) times its
// own character (a county's level, a roadside or industrial site), with local weather shared by
// the stations of one place and autocorrelated hourly noise of its own. Units as stations send
// them: µg/m³, CO mg/m³.

import {
  AIR_POLLUTANTS,
  type AirClimate,
  beijingYearMonth,
  genericClimate,
  stagnationShare,
} from './air-climate.ts';
import { localNoise } from './regional-weather.ts';
import { Prng } from './prng.ts';
import { drawFlag, type SampleItem } from './sample.ts';

export { AIR_POLLUTANTS } from './air-climate.ts';

/** HJ 212 codes of an air station (docs/standards/hj212.md §1.10): SO2, NO2, CO, O3, PM10, PM2.5. */
export const AIR_CODES = ['a21026', 'a21004', 'a21005', 'a05024', 'a34002', 'a34004'] as const;

// Hourly noise: AR(1) in log space with a 2-hour memory, plus a little white instrument noise.
// Series SO2, NO2, CO, O3 and PM (PM10 and PM2.5 share theirs); O3 is the smoothest.
const NOISE_TAU_S = 7200;
const NOISE_SIGMA = [0.22, 0.15, 0.15, 0.1, 0.15];
const INSTRUMENT_SIGMA = 0.03;
const N_SERIES = 5;
const SERIES_OF = [0, 1, 2, 3, 4, 4];
// Local weather (a county's own day-to-day deviation from the region), log-space spread for PM2.5.
const LOCAL_SIGMA = 0.1;
// A site's own persistent character, log-space spread per series.
const SITE_SIGMA = [0.12, 0.06, 0.06, 0.03, 0.04];
// PM2.5 is at most this share of PM10 (fine particles are part of PM10).
const MAX_PM_RATIO = 0.92;

/** One air-station sample: value per code in AIR_CODES order, with flags. */
export interface AirSample {
  readonly values: readonly number[];
  readonly flags: readonly string[];
}

/** What makes a station differ from its region. */
export interface StationCharacter {
  /** Multipliers of the region's level per pollutant, AIR_POLLUTANTS order (default all 1). */
  readonly factors?: readonly number[];
  /**
   * Stations with the same key share local weather, e.g. the stations of one county; `null`:
   * none (the stations that define the region's level, e.g. a city's national-control points).
   */
  readonly localKey?: number | null;
}

/** Options of a station model. */
export interface AirStationOptions {
  /** The region's climate (default: a generic north-China city for the run seed). */
  readonly climate?: AirClimate;
  readonly character?: StationCharacter;
}

/** Sample generator of one station; successive calls must move forward in time. */
export class AirStationModel {
  private readonly rng: Prng;
  private readonly climate: AirClimate;
  private readonly factors: Float64Array;
  private readonly localKey: number | null;
  private readonly noise = new Float64Array(N_SERIES);
  private lastMs: number | undefined;

  /** `citySeed` is shared by the stations of one run (weather), `rng` is the station's own. */
  constructor(citySeed: number, rng: Prng, opts: AirStationOptions = {}) {
    this.rng = rng;
    this.climate = opts.climate ?? genericClimate(citySeed);
    // Site character: a roadside site has more NO2 and CO together, an industrial one more SO2.
    const traffic = rng.normal();
    const site = [
      rng.normal(),
      0.8 * traffic + 0.6 * rng.normal(),
      0.8 * traffic + 0.6 * rng.normal(),
      rng.normal(),
      rng.normal(),
    ].map((z, i) => Math.exp(SITE_SIGMA[i]! * z - SITE_SIGMA[i]! ** 2 / 2));
    const given = opts.character?.factors;
    this.factors = Float64Array.from(
      AIR_POLLUTANTS,
      (_, i) => (given?.[i] ?? 1) * site[SERIES_OF[i]!]!,
    );
    const key = opts.character?.localKey;
    this.localKey = key === undefined ? Math.floor(rng.next() * 1e9) : key;
    for (let i = 0; i < N_SERIES; i++) this.noise[i] = rng.normal();
  }

  /** The sample at instant `ms` (epoch ms). */
  sample(ms: number): AirSample {
    const dt = this.lastMs === undefined ? 0 : Math.max(0, (ms - this.lastMs) / 1000);
    this.lastMs = ms;
    const rho = Math.exp(-dt / NOISE_TAU_S);
    const innov = Math.sqrt(1 - rho * rho);
    const n: number[] = new Array(N_SERIES);
    for (let i = 0; i < N_SERIES; i++) {
      this.noise[i] = rho * this.noise[i]! + innov * this.rng.normal();
      const s = NOISE_SIGMA[i]!;
      n[i] = Math.exp(s * this.noise[i]! - (s * s) / 2 + INSTRUMENT_SIGMA * this.rng.normal());
    }
    const regional = this.climate.regional(ms);
    const v = this.climate.variability(beijingYearMonth(ms).month);
    const local = this.localKey === null ? 0 : localNoise(this.climate.seed, this.localKey, ms);
    const raw = AIR_POLLUTANTS.map((p, i) => {
      // Local weather acts like the region's: most on PM, least on O3.
      const s = this.localKey === null ? 0 : LOCAL_SIGMA * localShare(p) * (v.stagnation / 0.5);
      const loc = Math.exp(s * local - (s * s) / 2);
      return regional[i]! * this.factors[i]! * loc * n[SERIES_OF[i]!]!;
    });
    const pm25 = raw[5]!;
    const pm10 = Math.max(raw[4]!, pm25 / MAX_PM_RATIO);
    const values = [
      round(Math.max(1, raw[0]!), 1),
      round(Math.max(1, raw[1]!), 1),
      round(Math.max(0.05, raw[2]!), 3),
      round(Math.max(1, raw[3]!), 1),
      round(Math.max(2, pm10), 1),
      round(Math.max(1, pm25), 1),
    ];
    // Rounding never lets PM2.5 exceed PM10.
    if (values[5]! > values[4]!) values[4] = values[5]!;
    const flags = AIR_CODES.map(() => drawFlag(this.rng.next()));
    return { values, flags };
  }
}

/** Decimal places of each air code on the wire (µg/m³ one decimal, CO mg/m³ three). */
export const AIR_DECIMALS: readonly number[] = [1, 1, 3, 1, 1, 1];

/** Real-time (2011) items of an air sample: `-Rtd` and `-Flag` per code. */
export function airRealtimeItems(s: AirSample): SampleItem[] {
  return AIR_CODES.map((code, i) => ({
    code,
    values: [{ suffix: 'Rtd', value: s.values[i]!, decimals: AIR_DECIMALS[i]!, agg: 'mean' }],
    flag: s.flags[i]!,
  }));
}

/** How much of the local weather a pollutant feels: like the region's stagnation, O3 a little. */
function localShare(p: (typeof AIR_POLLUTANTS)[number]): number {
  return p === 'O3' ? 0.3 : stagnationShare(p);
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}
