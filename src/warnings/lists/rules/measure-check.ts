/**
 * Checks a list of measures beyond its shape (src/warnings/measures.ts): percentages belong to
 * limit-output and stop-lines and are required by limit-output; a measure in words needs words;
 * the same kind twice is refused.
 */
import { LantianError } from '../../../errors.ts';
import type { Measure } from '../../measures.ts';

function problem(m: Measure): string | undefined {
  const takesPct = m.kind === 'limit-output' || m.kind === 'stop-lines';
  if (m.pct !== undefined && !takesPct) return `措施 ${m.kind} 不带百分比`;
  if (m.kind === 'limit-output' && m.pct === undefined) return '限产措施须给出百分比';
  if (m.kind === 'stop-lines' && m.pct === undefined && !m.lines?.length)
    return '停产线措施须给出百分比或生产线';
  if (m.kind === 'other' && !m.text) return '文字措施须填写内容';
  return undefined;
}

/** Throws LT_ERR_BAD_MEASURES with the index and the reason of the first bad measure. */
export function checkMeasures(measures: readonly Measure[]): void {
  const seen = new Set<string>();
  measures.forEach((m, i) => {
    const bad = problem(m) ?? (seen.has(m.kind) ? `措施 ${m.kind} 重复` : undefined);
    if (bad) throw new LantianError('LT_ERR_BAD_MEASURES', bad, { index: i, reason: bad });
    seen.add(m.kind);
  });
}
