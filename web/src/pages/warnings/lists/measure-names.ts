/** Chinese names of measures, levels and bases of the emergency-reduction lists. */
import type { EmergencyMatrixCell } from '../../../api/types.ts';

/** One measure as the API carries it. */
export type Measure = EmergencyMatrixCell['measures'][number];

export const LEVELS = [
  { value: 'yellow', label: '黄色' },
  { value: 'orange', label: '橙色' },
  { value: 'red', label: '红色' },
] as const;

export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};

export const GRADE_NAMES: Readonly<Record<string, string>> = {
  'A+': 'A+',
  A: 'A',
  lead: '引领性',
  B: 'B',
  'B-': 'B-',
  C: 'C',
  D: 'D',
  ungraded: '未分级',
};

export const MEASURE_KINDS = [
  { value: 'limit-output', label: '限产（%）' },
  { value: 'stop-lines', label: '停产部分生产线（%）' },
  { value: 'stop', label: '全厂停产' },
  { value: 'stop-kilns', label: '停窑' },
  { value: 'truck-ban', label: '禁国四及以下重型货车' },
  { value: 'road-transport-stop', label: '停止公路运输' },
  { value: 'nonroad-ban', label: '禁国二及以下非道路机械' },
  { value: 'voc-stagger', label: 'VOCs 错峰生产' },
  { value: 'self-determined', label: '自主减排' },
  { value: 'other', label: '其他（文字）' },
] as const;

export const BASIS_NAMES: Readonly<Record<string, string>> = {
  matrix: '绩效分级',
  override: '一企一策',
  'positive-list': '正面清单',
  guarantee: '保障类',
  'self-determined': '自主减排',
};

/** One measure in words. */
export function measureName(m: Measure): string {
  const lines = m.lines?.length ? `（${m.lines.join('、')}）` : '';
  switch (m.kind) {
    case 'limit-output':
      return `限产 ${m.pct ?? 0}%`;
    case 'stop-lines':
      return m.pct !== undefined ? `停产 ${m.pct}% 生产线${lines}` : `停产生产线${lines}`;
    case 'stop-kilns':
      return `停窑${lines}`;
    case 'voc-stagger':
      return `错峰：${m.hours ?? ''}`;
    case 'other':
    case 'self-determined':
      return m.text ?? (m.kind === 'other' ? '' : '自主减排');
    default:
      return MEASURE_KINDS.find((k) => k.value === m.kind)?.label ?? m.kind;
  }
}

/** The measures in words, separated by 「；」. */
export function measuresName(ms: readonly Measure[]): string {
  return ms.length ? ms.map(measureName).join('；') : '—';
}
