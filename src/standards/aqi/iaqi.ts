// Individual air quality index (IAQI, 空气质量分指数): HJ 633-2012 §5.2 formula (1) and Table 1;
// HJ 633-2026 formula and Table 3 (docs/standards/aqi.md §2.1–§2.2).
import type { AqiEdition } from '../editions.ts';
import { atScale, ceilDiv, toExactDecimal } from '../decimal.ts';
import { roundConcentration } from '../rounding.ts';
import { IAQI_LEVELS, iaqiTable, pollutantOfColumn, type IaqiColumn } from './iaqi-tables.ts';

/**
 * Why an IAQI is special: `above_scale` = above the column's last breakpoint, value set by an
 * HJ 633-2026 note (SO2 1 h → 200, O3 8 h → 300); `not_computed` = HJ 633-2012 notes: no IAQI,
 * report the fallback indicator; `capped` = above IAQI 500, capped at 500; `invalid` = negative
 * or non-finite concentration (no IAQI).
 */
export type IaqiNote = 'above_scale' | 'not_computed' | 'capped' | 'invalid';

/** An IAQI: `value` is the ceiled integer, `raw` the exact interpolation before the ceiling. */
export interface IaqiResult {
  value: number | null;
  raw: number | null;
  note?: IaqiNote;
  /** The concentration that was indexed (after GB/T 8170 rounding when it applied). */
  concentration?: number;
}

/** Options of `iaqi`. */
export interface IaqiOptions {
  /**
   * Round the concentration per GB/T 8170 (integers; CO 1 dp) before indexing. HJ 633-2026 §5
   * requires it (default true); HJ 633-2012 does not say (UNVERIFIED practice, default false).
   */
  roundInputs?: boolean;
}

/** Default of `roundInputs` per edition: HJ 633-2026 rounds first, HJ 633-2012 does not. */
export function defaultRoundInputs(edition: AqiEdition): boolean {
  return edition === 'HJ633-2026';
}

/**
 * IAQI of one concentration in one column: exact linear interpolation between the bracketing
 * breakpoints, ceiled to an integer ("全部进位取整数", HJ 633 §5.2), computed in rational
 * arithmetic so 62.5 → 63, 100 → 100 exactly, 106.25 → 107.
 */
export function iaqi(
  column: IaqiColumn,
  concentration: number,
  edition: AqiEdition,
  options: IaqiOptions = {},
): IaqiResult {
  if (!Number.isFinite(concentration) || concentration < 0) {
    return { value: null, raw: null, note: 'invalid' };
  }
  const roundInputs = options.roundInputs ?? defaultRoundInputs(edition);
  const c = roundInputs
    ? roundConcentration(pollutantOfColumn(column), concentration)
    : concentration;
  const table = iaqiTable(column, edition);
  const bps = table.breakpoints;
  const top = bps[bps.length - 1] ?? 0;
  if (c > top) {
    const rule = table.aboveTop;
    if (rule.kind === 'not_computed') {
      return { value: null, raw: null, note: 'not_computed', concentration: c };
    }
    if (rule.kind === 'fixed') {
      return { value: rule.iaqi, raw: rule.iaqi, note: 'above_scale', concentration: c };
    }
    return { value: 500, raw: 500, note: 'capped', concentration: c };
  }
  // The first segment [BP_Lo, BP_Hi] containing c; at a breakpoint both neighbours agree.
  let i = 0;
  while (i < bps.length - 2 && c > (bps[i + 1] ?? 0)) i++;
  const bpLo = toExactDecimal(bps[i] ?? 0);
  const bpHi = toExactDecimal(bps[i + 1] ?? 0);
  const cd = toExactDecimal(c);
  const scale = Math.max(bpLo.scale, bpHi.scale, cd.scale);
  const lo = atScale(bpLo, scale);
  const hi = atScale(bpHi, scale);
  const cc = atScale(cd, scale);
  const iaqiLo = BigInt(IAQI_LEVELS[i] ?? 0);
  const iaqiHi = BigInt(IAQI_LEVELS[i + 1] ?? 0);
  // IAQI = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo) × (C − BP_Lo) + IAQI_Lo, as num/den.
  const den = hi - lo;
  const num = iaqiLo * den + (iaqiHi - iaqiLo) * (cc - lo);
  // `raw` is for display: exact when integral, else the float formula (BigInt ratios of tiny or
  // many-digit concentrations overflow a double).
  const loC = bps[i] ?? 0;
  const hiC = bps[i + 1] ?? 0;
  const lvLo = IAQI_LEVELS[i] ?? 0;
  const lvHi = IAQI_LEVELS[i + 1] ?? 0;
  const raw =
    num % den === 0n ? Number(num / den) : ((lvHi - lvLo) / (hiC - loC)) * (c - loC) + lvLo;
  return { value: Number(ceilDiv(num, den)), raw, concentration: c };
}
