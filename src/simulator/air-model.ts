// Value model of an ambient air-quality station (ST=22): the six pollutants of GB 3095 with
// diurnal and seasonal patterns typical of a north-China city, station-to-station differences,
// autocorrelated noise and city-wide episodes. Units as stations send them: µg/m³, CO mg/m³.

import { beijingHour, dayOfYear } from './beijing-time.ts';
import { episodeFactors } from './episodes.ts';
import { Prng } from './prng.ts';
import { drawFlag, type SampleItem } from './sample.ts';
import { coDiurnal, no2Diurnal, o3Diurnal, pmDiurnal, so2Diurnal, winterIndex } from './shapes.ts';

/** HJ 212 codes an air station sends (standards.md §1.10): SO2, NO2, CO, O3, PM10, PM2.5. */
export const AIR_CODES = ['a21026', 'a21004', 'a21005', 'a05024', 'a34002', 'a34004'] as const;

/** Pollutant names Lantian stores for the air codes, in AIR_CODES order. */
export const AIR_POLLUTANTS = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'] as const;

// Annual-mean level and winter amplitude of each modelled series (PM10 follows PM2.5).
const SO2 = { mean: 14, winter: 0.6 };
const NO2 = { mean: 36, winter: 0.3 };
const CO = { mean: 0.95, winter: 0.5 };
const O3 = { mean: 62, winter: -0.55 };
const PM25 = { mean: 50, winter: 0.6 };

// Noise: AR(1) in log space with a 2-hour memory, plus a little white instrument noise.
const NOISE_TAU_S = 7200;
// Per series (SO2, NO2, CO, O3, PM2.5): O3 is the least noisy (photochemistry is smooth).
const NOISE_SIGMA = [0.25, 0.22, 0.22, 0.15, 0.22];
const INSTRUMENT_SIGMA = 0.03;
const N_SERIES = 5; // SO2, NO2, CO, O3, PM2.5

/** One air-station sample: value per code in AIR_CODES order, with flags. */
export interface AirSample {
  readonly values: readonly number[];
  readonly flags: readonly string[];
}

/** Sample generator of one station; successive calls must move forward in time. */
export class AirStationModel {
  private readonly rng: Prng;
  private readonly citySeed: number;
  private readonly scale: readonly number[];
  private readonly noise = new Float64Array(N_SERIES);
  private lastMs: number | undefined;

  /** `citySeed` is shared by the stations of one run (episodes), `rng` is the station's own. */
  constructor(citySeed: number, rng: Prng) {
    this.rng = rng;
    this.citySeed = citySeed;
    // Station character: a roadside station has more NO2/CO, an industrial one more SO2.
    const traffic = rng.uniform(0.8, 1.4);
    const lg = (s: number) => Math.exp(rng.normal() * s);
    this.scale = [lg(0.3), traffic * lg(0.1), traffic * lg(0.1), lg(0.1), lg(0.15)];
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
      n[i] = Math.exp(NOISE_SIGMA[i]! * this.noise[i]! + INSTRUMENT_SIGMA * this.rng.normal());
    }
    const h = beijingHour(ms);
    const w = winterIndex(dayOfYear(ms));
    const ep = episodeFactors(this.citySeed, ms);
    const hazeGas = (share: number) => 1 + (ep.haze - 1) * share;
    const season = (s: { mean: number; winter: number }) => s.mean * (1 + s.winter * w);
    const sc = this.scale;

    const so2 = season(SO2) * so2Diurnal(h) * sc[0]! * n[0]! * hazeGas(0.5);
    const no2 = season(NO2) * no2Diurnal(h) * sc[1]! * n[1]! * hazeGas(0.4);
    const co = season(CO) * coDiurnal(h) * sc[2]! * n[2]! * hazeGas(0.7);
    // Haze dims sunlight: less O3 during a winter haze episode.
    const o3 = (season(O3) * o3Diurnal(h, w) * sc[3]! * n[3]! * ep.ozone) / hazeGas(0.3);
    const pm25 = season(PM25) * pmDiurnal(h) * sc[4]! * n[4]! * ep.haze;
    // PM2.5/PM10 ratio: ~0.45 in dusty spring/summer air, ~0.7 in winter haze; PM2.5 ≤ PM10.
    const ratio = Math.min(0.85, 0.55 + 0.12 * w + 0.05 * (ep.haze - 1) + 0.04 * this.rng.normal());
    const pm10 = pm25 / Math.max(0.35, ratio);

    const values = [
      round(Math.max(1, so2), 1),
      round(Math.max(1, no2), 1),
      round(Math.max(0.05, co), 3),
      round(Math.max(1, o3), 1),
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

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}
