/** Measures and labels in Chinese, for the 清单 sheet and the dashboard (pure). */
import type { Measure } from '../../measures.ts';

/** Chinese names of the levels. */
export const LEVEL_NAMES: Record<string, string> = { yellow: '黄色', orange: '橙色', red: '红色' };

/** Chinese names of the item bases. */
export const BASIS_NAMES: Record<string, string> = {
  matrix: '行业绩效分级措施',
  override: '一企一策',
  'positive-list': '正面清单',
  guarantee: '保障类',
  'self-determined': '自主减排（A/A+/引领性）',
};

function one(m: Measure): string {
  const lines = m.lines?.length ? `（${m.lines.join('、')}）` : '';
  switch (m.kind) {
    case 'self-determined':
      return m.text ?? '自主减排';
    case 'limit-output':
      return `限产 ${m.pct ?? 0}%（按限产基准）`;
    case 'stop-lines':
      return m.pct !== undefined ? `停产 ${m.pct}% 生产线${lines}` : `停产生产线${lines}`;
    case 'stop':
      return '全厂停产';
    case 'stop-kilns':
      return `停窑${lines}`;
    case 'truck-ban':
      return '禁止国四及以下重型货车（含燃气）运输';
    case 'road-transport-stop':
      return '停止公路运输';
    case 'nonroad-ban':
      return '禁止国二及以下非道路移动机械作业';
    case 'voc-stagger':
      return `涉 VOCs 工序错峰生产：${m.hours ?? ''}`;
    case 'other':
      return m.text ?? '';
  }
}

/** The measures as one line of Chinese text. */
export function measuresText(measures: readonly Measure[]): string {
  return measures
    .map((m) =>
      m.text && m.kind !== 'other' && m.kind !== 'self-determined'
        ? `${one(m)}（${m.text}）`
        : one(m),
    )
    .join('；');
}
