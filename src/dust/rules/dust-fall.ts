/**
 * The monthly dust fall of one sampling point (pure), HJ 1221-2021 gravimetric method
 * (docs/standards/dust-fall.md §1):
 *
 *   M [t/(km²·30 d)] = (W_sample − W_blank) [g] / (S [cm²] × n [d]) × 30 × 10⁴
 *
 * 1 g/cm² = 10⁴ t/km²; K = 30 / n normalises to 30 days. Inputs are kept with the result.
 */
import { roundHalfEven } from '../../standards/index.ts';

/** The edition of the rule a stored result was computed with. */
export const DUST_FALL_EDITION = 'HJ 1221-2021';

/** What a laboratory reports for one jar and month. */
export interface DustFallSample {
  /** Mass of the dried sample, g. */
  sampleG: number;
  /** Mass of the blank, g. */
  blankG: number;
  /** Jar opening area, cm². */
  areaCm2: number;
  /** Exposure (sampling) days. */
  days: number;
}

/** The computed value: exact and rounded to 2 decimals (GB/T 8170). */
export interface DustFallValue {
  exact: number;
  value: number;
}

/** Computes M; RangeError for impossible inputs (net mass below zero, area or days out of range). */
export function dustFall(s: DustFallSample): DustFallValue {
  const all = [s.sampleG, s.blankG, s.areaCm2, s.days];
  if (all.some((v) => !Number.isFinite(v))) throw new RangeError('数值不是有限数');
  if (s.sampleG < 0 || s.blankG < 0) throw new RangeError('质量不能为负');
  if (s.sampleG < s.blankG) throw new RangeError('样品质量小于空白质量');
  if (s.areaCm2 <= 0 || s.areaCm2 > 10_000)
    throw new RangeError('集尘缸口面积应在 0–10000 cm² 之间');
  if (s.days < 1 || s.days > 45) throw new RangeError('采样天数应在 1–45 天之间');
  const exact = ((s.sampleG - s.blankG) / (s.areaCm2 * s.days)) * 30 * 1e4;
  return { exact, value: roundHalfEven(exact, 2) };
}
