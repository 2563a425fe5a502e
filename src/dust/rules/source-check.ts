/**
 * Checks of a dust-source registration beyond its schema (pure): a construction site names its
 * type and other kinds do not, checklist keys are items of the 8 standards
 * (docs/standards/dust-fall.md §3), the polygon is a closed ring, dates exist and are in order.
 */
import type { z } from 'zod';
import type { DustSourceInput } from '../schema.ts';

/** A registration after its schema. */
export type ValidSourceInput = z.output<typeof DustSourceInput>;

const realDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/** What is wrong with a registration, or null. */
export function sourceProblem(s: ValidSourceInput, itemKeys: readonly string[]): string | null {
  if (s.kind === 'construction' && !s.constructionType)
    return '施工工地须填写工程类型（constructionType）';
  if (s.kind !== 'construction' && s.constructionType) return '只有施工工地有工程类型';
  const bad = Object.keys(s.checklist).filter((k) => !itemKeys.includes(k));
  if (bad.length) return `检查项 ${bad.join('、')} 不在“8 条标准”中`;
  if (s.polygon) {
    const a = s.polygon[0]!;
    const b = s.polygon[s.polygon.length - 1]!;
    if (a[0] !== b[0] || a[1] !== b[1]) return '外轮廓须闭合（首尾坐标相同）';
  }
  for (const d of [s.startDate, s.endDate]) if (d && !realDay(d)) return `日期 ${d} 不存在`;
  if (s.startDate && s.endDate && s.endDate < s.startDate) return '结束日期早于开始日期';
  return null;
}
