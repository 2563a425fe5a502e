/**
 * Expected daily reductions of an enterprise from its measures, pure (docs/warnings.md,
 * Emergency-reduction lists). The arithmetic, per pollutant:
 *   expected = baseline (kg/day) × f, where f is the largest fraction any one measure gives:
 *   - `stop` → 1 (100 %);
 *   - `limit-output` pct → pct / 100 of the limit baseline (限产基准, §2.4: the daily emission is
 *     taken as proportional to output);
 *   - `stop-lines` pct → pct / 100; with named `lines` and no pct → named / all lines;
 *   - `stop-kilns` → named kiln lines / all lines, or 1 when no line is named;
 *   - self-determined, transport bans, VOC staggering and measures in words → 0.
 * Fractions are not added: the measures of one enterprise overlap (a stop includes a limit).
 * Results are kg/day rounded to 0.1.
 */
import {
  REDUCTION_POLLUTANTS,
  type ItemBaseline,
  type ItemExpected,
  type Measure,
} from '../../measures.ts';

/** Edition of this arithmetic, named in every list's totals. */
export const REDUCTION_EDITION = 'lantian-reduction-1';

function fractionOf(m: Measure, lineCount: number): number {
  const named = (m.lines?.length ?? 0) / Math.max(lineCount, 1);
  switch (m.kind) {
    case 'stop':
      return 1;
    case 'limit-output':
      return (m.pct ?? 0) / 100;
    case 'stop-lines':
      return m.pct !== undefined ? m.pct / 100 : Math.min(named, 1);
    case 'stop-kilns':
      return m.lines?.length ? Math.min(named, 1) : 1;
    default:
      return 0;
  }
}

/** The fraction of the enterprise's emissions its measures cut (0–1). */
export function reductionFraction(measures: readonly Measure[], lineCount: number): number {
  return Math.min(1, Math.max(0, ...measures.map((m) => fractionOf(m, lineCount))));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Expected daily reduction per pollutant of the baseline. */
export function expectedReductions(
  baseline: ItemBaseline,
  measures: readonly Measure[],
  lineCount: number,
): ItemExpected {
  const f = reductionFraction(measures, lineCount);
  const out: ItemExpected = {};
  for (const p of REDUCTION_POLLUTANTS) {
    const b = baseline[p];
    if (b) out[p] = round1(b.kgPerDay * f);
  }
  return out;
}
