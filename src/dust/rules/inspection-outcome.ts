/**
 * The outcome of an inspection against the 8 standards (pure; docs/standards/dust-fall.md §3):
 * every item must be recorded; the site passes when every item is met (the plan's 100 %), else
 * it fails with a rectification deadline (the given one, else the inspection day plus the
 * configured days).
 */
import { addDays } from '../../standards/index.ts';

/** The edition of the outcome rule. */
export const INSPECTION_EDITION = 'lantian-8std-inspection-1';

/** An inspection's outcome, or a message saying what is missing. */
export function inspectionOutcome(
  findings: Readonly<Record<string, boolean>>,
  itemKeys: readonly string[],
  inspectedOn: string,
  deadline: string | null,
  rectifyDays: number,
): { passed: boolean; failed: string[]; deadline: string | null } | string {
  const missing = itemKeys.filter((k) => typeof findings[k] !== 'boolean');
  if (missing.length) return `检查项 ${missing.join('、')} 未填写`;
  const extra = Object.keys(findings).filter((k) => !itemKeys.includes(k));
  if (extra.length) return `检查项 ${extra.join('、')} 不在“8 条标准”中`;
  const failed = itemKeys.filter((k) => !findings[k]);
  if (failed.length === 0) return { passed: true, failed, deadline: null };
  const due = deadline ?? addDays(inspectedOn, rectifyDays);
  if (due < inspectedOn) return '整改期限早于检查日期';
  return { passed: false, failed, deadline: due };
}
