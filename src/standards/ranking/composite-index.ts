// City composite air-quality index (环境空气质量综合指数): 2018 城市环境空气质量排名技术规定
// (docs/standards/ranking.md §4): I_i = C_i / S_i, I_sum = Σ I_i over six pollutants, S_i = GB
// 3095-2012 Grade II (annual SO2 60, NO2 40, PM10 70, PM2.5 35; CO 24-h 4 for its p95; O3 8-h 160
// for its MDA8 p90). Rounding is UNVERIFIED (common practice: concentrations per GB/T 8170, index
// to 2 dp), and the weighted 2026 variant is UNVERIFIED: everything is configuration.
import { roundConcentration, roundHalfEven } from '../rounding.ts';
import type { Pollutant } from '../pollutants.ts';
import type { PeriodStatistics } from '../assessment/period-statistics.ts';

/** A component of the composite index (CO = p95 of daily means, O3_8h = p90 of MDA8). */
export type CompositeKey = 'SO2' | 'NO2' | 'PM10' | 'PM2.5' | 'CO' | 'O3_8h';

/** Components in the order of the ranking rule. */
export const COMPOSITE_KEYS: readonly CompositeKey[] = [
  'SO2',
  'NO2',
  'PM10',
  'PM2.5',
  'CO',
  'O3_8h',
];

/** Period concentrations: means for SO2, NO2, PM10, PM2.5; CO p95; O3 MDA8 p90. */
export type CompositeIndexInput = Readonly<Record<CompositeKey, number>>;

/** Configuration of the composite index. */
export interface CompositeIndexConfig {
  /** Name recorded with the result, e.g. '2018'. */
  name: string;
  /** S_i per component. */
  limits: Readonly<Record<CompositeKey, number>>;
  /** Weight per component (1 = unweighted). */
  weights: Readonly<Record<CompositeKey, number>>;
  /** Round concentrations per GB/T 8170 (integers; CO 1 dp) before dividing. */
  roundConcentrations: boolean;
  /** Decimals of the index (GB/T 8170 rounding). */
  decimals: number;
}

const UNWEIGHTED: Readonly<Record<CompositeKey, number>> = {
  SO2: 1,
  NO2: 1,
  PM10: 1,
  'PM2.5': 1,
  CO: 1,
  O3_8h: 1,
};

/** The 2018 rule: GB 3095-2012 Grade II limits, weights 1, rounded concentrations, 2 dp. */
export const COMPOSITE_INDEX_2018: Readonly<CompositeIndexConfig> = {
  name: '2018',
  limits: { SO2: 60, NO2: 40, PM10: 70, 'PM2.5': 35, CO: 4, O3_8h: 160 },
  weights: UNWEIGHTED,
  roundConcentrations: true,
  decimals: 2,
};

/**
 * UNVERIFIED preset: the weighted index seen in third-party code "per HJ 663-2026" (PM2.5 × 3,
 * NO2 × 2, O3 × 2, others × 1) with the 2018 limits (docs/standards/ranking.md §4). Confirm before
 * use.
 */
export const COMPOSITE_INDEX_WEIGHTED_UNVERIFIED: Readonly<CompositeIndexConfig> = {
  ...COMPOSITE_INDEX_2018,
  name: 'weighted-unverified',
  weights: { SO2: 1, NO2: 2, PM10: 1, 'PM2.5': 3, CO: 1, O3_8h: 2 },
};

/** Result of `compositeIndex`. */
export interface CompositeIndexResult {
  /** Index rounded to `config.decimals`. */
  value: number;
  /** Unrounded Σ w_i·C_i/S_i. */
  raw: number;
  /** w_i·C_i/S_i per component (unrounded). */
  parts: Record<CompositeKey, number>;
  config: CompositeIndexConfig;
}

function pollutantOf(key: CompositeKey): Pollutant {
  return key === 'O3_8h' ? 'O3' : key;
}

/** The composite index I_sum = Σ w_i·C_i/S_i (2018 ranking rule by default). */
export function compositeIndex(
  c: CompositeIndexInput,
  config: Partial<CompositeIndexConfig> = {},
): CompositeIndexResult {
  const cfg: CompositeIndexConfig = { ...COMPOSITE_INDEX_2018, ...config };
  const parts = {} as Record<CompositeKey, number>;
  let raw = 0;
  for (const key of COMPOSITE_KEYS) {
    const value = c[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`composite index: ${key} must be a concentration ≥ 0, got ${value}`);
    }
    const ci = cfg.roundConcentrations ? roundConcentration(pollutantOf(key), value) : value;
    const part = (cfg.weights[key] * ci) / cfg.limits[key];
    parts[key] = part;
    raw += part;
  }
  return { value: roundHalfEven(raw, cfg.decimals), raw, parts, config: cfg };
}

/**
 * The composite index of a period's statistics: means of SO2, NO2, PM10, PM2.5, the CO P95 and
 * the O3 MDA8 P90 (docs/standards/ranking.md §4); null unless all six exist.
 */
export function periodCompositeIndex(
  stats: PeriodStatistics,
  config: Partial<CompositeIndexConfig> = {},
): CompositeIndexResult | null {
  const p = stats.pollutants;
  const c = {
    SO2: p.SO2.mean,
    NO2: p.NO2.mean,
    PM10: p.PM10.mean,
    'PM2.5': p['PM2.5'].mean,
    CO: p.CO.p95 ?? null,
    O3_8h: p.O3_8h.p90 ?? null,
  };
  for (const key of COMPOSITE_KEYS) if (c[key] === null) return null;
  return compositeIndex(c as CompositeIndexInput, config);
}
