// Value model of a stack CEMS (ST=31): ultra-low-emission concentrations at reference O2,
// measured O2, flue-gas flow and temperature following the plant's load, occasional upsets
// (e.g. an SCR trip raising NOx), and the faults of cems-faults.ts when a setup names them.
// Concentrations are dry, standard state, mg/m³. Profiles' reference O2 are those of their
// sectors' ultra-low limits (docs/standards/ultra-low.md §1); the kiln figures are demo values.

import { beijingHour } from './beijing-time.ts';
import { applyFaults, type CemsFault, frozenValue } from './cems-faults.ts';
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

/** Profiles a random fleet draws from. */
const PROFILES: readonly SourceProfile[] = [
  { name: '燃煤电厂', o2Ref: 6, o2Mean: 6.6, flow: 350, temp: 50, zs: [3, 20, 35] },
  { name: '燃煤锅炉', o2Ref: 9, o2Mean: 10.2, flow: 40, temp: 60, zs: [5, 25, 40] },
  { name: '烧结机头', o2Ref: 16, o2Mean: 15.4, flow: 250, temp: 110, zs: [6, 20, 40] },
];

/** Further profiles a setup may name (the demo's industries). */
const NAMED_PROFILES: readonly SourceProfile[] = [
  ...PROFILES,
  { name: '焦炉烟囱', o2Ref: 8, o2Mean: 9.5, flow: 70, temp: 130, zs: [5, 15, 90] },
  { name: '水泥窑尾', o2Ref: 10, o2Mean: 11, flow: 160, temp: 100, zs: [5, 15, 35] },
  { name: '玻璃熔窑', o2Ref: 8, o2Mean: 10, flow: 35, temp: 140, zs: [5, 25, 120] },
  { name: '陶瓷窑炉', o2Ref: 18, o2Mean: 17.6, flow: 25, temp: 80, zs: [12, 25, 70] },
  { name: '工业炉窑', o2Ref: 18, o2Mean: 17.8, flow: 20, temp: 90, zs: [12, 60, 120] },
];

/** How a planned outlet (the demo's) is simulated instead of drawing a random profile. */
export interface CemsSetup {
  /** Name of one of the profiles (e.g. 焦炉烟囱). */
  readonly profile: string;
  /** Whether the logger sends -ZsAvg (false: raw -Avg and O2 only, Lantian corrects). */
  readonly zsSent: boolean;
  /** Size of the plant relative to the profile's flow (default drawn in 0.6–1.4). */
  readonly size?: number;
  readonly faults?: readonly CemsFault[];
}

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
  private readonly zsSent: boolean;
  private readonly faults: readonly CemsFault[];

  constructor(rng: Prng, setup?: CemsSetup) {
    this.rng = rng;
    const named = setup && NAMED_PROFILES.find((p) => p.name === setup.profile);
    if (setup && !named) throw new RangeError(`unknown CEMS profile ${setup.profile}`);
    this.profile = named ?? rng.pick(PROFILES);
    this.profileName = this.profile.name;
    this.o2Ref = this.profile.o2Ref;
    this.size = setup?.size ?? rng.uniform(0.6, 1.4);
    this.zsSent = setup?.zsSent ?? true;
    this.faults = setup?.faults ?? [];
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
      const code = CEMS_CODES[i]!;
      // The analyser measures C (or repeats a frozen value); the logger reports C and, unless it
      // sends raw values only, its O2-corrected value.
      const treated = applyFaults(this.faults, code, ms, zs[i]!);
      const c = round(
        frozenValue(this.faults, code, ms) ?? (treated * (21 - o2)) / (21 - p.o2Ref),
        2,
      );
      const cou = (c * flow * intervalS) / 1e6; // mg/m³ × m³/s × s → kg
      const zsValue = round(o2Corrected(c, round(o2, 1), p.o2Ref), 2);
      items.push({
        code,
        values: [
          { suffix: 'Avg', value: c, decimals: 2, agg: 'mean' },
          ...(this.zsSent
            ? [{ suffix: 'ZsAvg', value: zsValue, decimals: 2, agg: 'mean' as const }]
            : []),
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
