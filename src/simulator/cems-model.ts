// Value model of a stack CEMS (ST=31): ultra-low-emission concentrations at reference O2,
// measured O2, flue-gas flow and temperature following the plant's load, occasional upsets
// (e.g. an SCR trip raising NOx). Concentrations are dry, standard state, mg/m³.

import { beijingHour } from './beijing-time.ts';
import { Prng } from './prng.ts';
import { drawFlag, type SampleItem } from './sample.ts';
import { loadDiurnal } from './shapes.ts';

/** Codes a CEMS sends (docs/standards/hj212.md §1.10): 烟尘, SO2, NOx, O2, flow, temperature. */
export const CEMS_CODES = ['a34013', 'a21026', 'a21002', 'a19001', 'a00000', 'a01012'] as const;

/** Kind of source, with its reference O2 and typical figures. */
interface SourceProfile {
  readonly name: string;
  /** Reference O2 of the emission standard, % (e.g. 6 % coal power, 9 % boiler, 16 % sinter). */
  readonly o2Ref: number;
  readonly o2Mean: number;
  /** Flue-gas flow at full load, m³/s. */
  readonly flow: number;
  readonly temp: number;
  /** Corrected (Zs) concentrations at normal operation: dust, SO2, NOx. */
  readonly zs: readonly [number, number, number];
}

const PROFILES: readonly SourceProfile[] = [
  { name: '燃煤电厂', o2Ref: 6, o2Mean: 6.6, flow: 350, temp: 50, zs: [3, 20, 35] },
  { name: '燃煤锅炉', o2Ref: 9, o2Mean: 10.2, flow: 40, temp: 60, zs: [5, 25, 40] },
  { name: '烧结机头', o2Ref: 16, o2Mean: 15.4, flow: 250, temp: 110, zs: [6, 20, 40] },
];

const NOISE_TAU_S = 1800;

/**
 * O2 correction of HJ 212-2017 Appendix D.2 / docs/standards/hj212.md §1.11:
 * Czs = C × (21 − O2ref) / (21 − O2meas).
 */
export function o2Corrected(c: number, o2Measured: number, o2Ref: number): number {
  return (c * (21 - o2Ref)) / (21 - o2Measured);
}

/** Sample generator of one outlet; successive calls must move forward in time. */
export class CemsOutletModel {
  /** The outlet's source kind, e.g. 燃煤电厂. */
  readonly profileName: string;
  /** Reference O2 (%) the -ZsAvg values are corrected to. */
  readonly o2Ref: number;
  private readonly profile: SourceProfile;
  private readonly rng: Prng;
  private readonly size: number;
  private readonly noise = new Float64Array(5);
  private lastMs: number | undefined;
  private upsetUntil = -Infinity;
  private upsetFactor = 1;

  constructor(rng: Prng) {
    this.rng = rng;
    this.profile = rng.pick(PROFILES);
    this.profileName = this.profile.name;
    this.o2Ref = this.profile.o2Ref;
    this.size = rng.uniform(0.6, 1.4);
    for (let i = 0; i < this.noise.length; i++) this.noise[i] = rng.normal();
  }

  /** Items of the interval of `intervalS` seconds ending at `ms`: Avg, ZsAvg, Cou, Flag. */
  sample(ms: number, intervalS: number): SampleItem[] {
    const dt = this.lastMs === undefined ? 0 : Math.max(0, (ms - this.lastMs) / 1000);
    this.lastMs = ms;
    const rho = Math.exp(-dt / NOISE_TAU_S);
    const innov = Math.sqrt(1 - rho * rho);
    for (let i = 0; i < this.noise.length; i++) {
      this.noise[i] = rho * this.noise[i]! + innov * this.rng.normal();
    }
    const nz = this.noise;
    const p = this.profile;
    // Rare upsets lasting 10–60 minutes: NOx ×2–4 (denitrification trip).
    if (ms >= this.upsetUntil && this.rng.chance((0.0003 * Math.max(dt, 1)) / 60)) {
      this.upsetUntil = ms + this.rng.uniform(600, 3600) * 1000;
      this.upsetFactor = this.rng.uniform(2, 4);
    }
    const upset = ms < this.upsetUntil ? this.upsetFactor : 1;

    const load = loadDiurnal(beijingHour(ms)) * (1 + 0.05 * nz[0]!);
    const o2 = clamp(p.o2Mean + 0.5 * nz[1]! - 1.2 * (load - 0.92), 2, 20);
    const flow = p.flow * this.size * load * (1 + 0.02 * this.rng.normal());
    const temp = p.temp * (0.95 + 0.05 * load) + 1.5 * nz[2]!;
    const zs = [
      p.zs[0] * Math.exp(0.25 * nz[3]!),
      p.zs[1] * Math.exp(0.2 * nz[4]!),
      p.zs[2] * Math.exp(0.15 * nz[0]!) * upset,
    ];

    const items: SampleItem[] = [];
    for (let i = 0; i < 3; i++) {
      // The analyser measures C; the logger reports C and its O2-corrected value.
      const c = round((zs[i]! * (21 - o2)) / (21 - p.o2Ref), 2);
      const cou = (c * flow * intervalS) / 1e6; // mg/m³ × m³/s × s → kg
      items.push({
        code: CEMS_CODES[i]!,
        values: [
          { suffix: 'Avg', value: c, decimals: 2, agg: 'mean' },
          {
            suffix: 'ZsAvg',
            value: round(o2Corrected(c, round(o2, 1), p.o2Ref), 2),
            decimals: 2,
            agg: 'mean',
          },
          { suffix: 'Cou', value: round(cou, 4), decimals: 4, agg: 'sum' },
        ],
        flag: drawFlag(this.rng.next()),
      });
    }
    items.push({
      code: 'a19001',
      values: [{ suffix: 'Avg', value: round(o2, 1), decimals: 1, agg: 'mean' }],
      flag: 'N',
    });
    items.push({
      code: 'a00000',
      values: [
        { suffix: 'Avg', value: round(flow, 1), decimals: 1, agg: 'mean' },
        { suffix: 'Cou', value: round(flow * intervalS, 1), decimals: 1, agg: 'sum' },
      ],
      flag: 'N',
    });
    items.push({
      code: 'a01012',
      values: [{ suffix: 'Avg', value: round(temp, 1), decimals: 1, agg: 'mean' }],
      flag: 'N',
    });
    return items;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}
