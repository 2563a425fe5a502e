/**
 * What a progress report may say (pure). Values are cumulative and belong to the row's targets;
 * none may be negative or above the target's ceiling (a fixed population such as "全市 223 台燃气
 * 锅炉", or 100 %); on county rows of a city-wide target the counties' latest values together may
 * not exceed that ceiling either. Checklist items must be the row's own.
 */
import { LantianError } from '../../errors.ts';
import type { RowPlan } from './row-plan.ts';
import type { ReviewDecision } from './status-rules.ts';

/** What a reporter supplies. */
export interface ReportInput {
  values: Readonly<Record<string, number>>;
  checklist: readonly string[];
  narrative: string;
}

/** Longest narrative (characters). */
export const MAX_NARRATIVE = 4000;
/** Most attachments a report may carry. */
export const MAX_ATTACHMENTS = 20;

/**
 * Checks the upload ids a report names: at most MAX_ATTACHMENTS, each once. A repeated id is
 * refused (LT_ERR_ATTACHMENT_DUPLICATE), not silently merged: the reporter meant two files.
 */
export function checkAttachmentIds(ids: readonly number[]): void {
  const seen = new Set<number>();
  const repeated = [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
  if (repeated.length > 0)
    throw new LantianError(
      'LT_ERR_ATTACHMENT_DUPLICATE',
      `附件 ${repeated.map((id) => `#${id}`).join('、')} 重复`,
      { ids: repeated },
    );
  if (ids.length > MAX_ATTACHMENTS)
    throw new LantianError('LT_ERR_BAD_REQUEST', `附件不超过 ${MAX_ATTACHMENTS} 个`);
}

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/**
 * Checks a report against its row; `othersTotal` gives, per city-wide target, the sum of the other
 * counties' latest values. Throws LT_ERR_VALUE_OUT_OF_SCOPE or LT_ERR_BAD_REQUEST.
 */
export function checkReportInput(
  row: RowPlan,
  input: ReportInput,
  othersTotal: ReadonlyMap<string, number> = new Map(),
): void {
  const keys = Object.keys(input.values);
  if (keys.length === 0 && input.checklist.length === 0 && !input.narrative.trim())
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      '进展报告不能为空（填报完成值、完成节点或进展情况）',
    );
  if ([...input.narrative].length > MAX_NARRATIVE)
    throw new LantianError('LT_ERR_BAD_REQUEST', `进展情况不超过 ${MAX_NARRATIVE} 字`);
  for (const id of keys) {
    const t = row.reportable.find((x) => x.id === id);
    if (!t) {
      const ok =
        row.reportable.map((x) => `${x.id} ${x.metric}`).join('；') || '无（本行为节点清单）';
      throw new LantianError(
        'LT_ERR_BAD_REQUEST',
        `指标 ${id} 不属于 ${row.measure.number} 本行，可填：${ok}`,
      );
    }
    const v = input.values[id]!;
    if (!Number.isFinite(v) || v < 0)
      throw new LantianError('LT_ERR_VALUE_OUT_OF_SCOPE', `${t.metric}：${v} 不是非负数`, {
        target: id,
        value: v,
      });
    if (t.max !== null && v > t.max)
      throw new LantianError(
        'LT_ERR_VALUE_OUT_OF_SCOPE',
        `${t.metric}：${fmt(v)}${t.unit} 超过上限 ${fmt(t.max)}${t.unit}（${t.scope === 'city' ? '全市' : '每个县（市、区）'}）`,
        { target: id, value: v, max: t.max },
      );
    if (t.scope === 'city' && !row.isCity && t.max !== null) {
      const others = othersTotal.get(id) ?? 0;
      if (others + v > t.max)
        throw new LantianError(
          'LT_ERR_VALUE_OUT_OF_SCOPE',
          `${t.metric}：其他县已报 ${fmt(others)}${t.unit}，加上本次 ${fmt(v)}${t.unit} 超过全市 ${fmt(t.max)}${t.unit}`,
          { target: id, value: v, max: t.max, othersTotal: others },
        );
    }
  }
  for (const id of input.checklist)
    if (!row.checklist.some((m) => m.id === id)) {
      const ok = row.checklist.map((m) => `${m.id}（${m.date} ${m.label}）`).join('；') || '无';
      throw new LantianError('LT_ERR_BAD_REQUEST', `节点 ${id} 不是本行的清单节点，可勾选：${ok}`);
    }
}

/** Chinese names of the review decisions. */
export const DECISION_NAMES: Readonly<Record<ReviewDecision, string>> = {
  accept: '采纳',
  return: '退回',
  request_evidence: '要求补充材料',
};

/** The review decisions. */
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['accept', 'return', 'request_evidence'];
