/**
 * Chinese names of the windowed judgement rules (src/trucks/rules/windowed-rules.ts), typed by the
 * server's code union so that a new rule without a name fails vue-tsc (pure).
 */
import type { WindowRuleCode } from '../../../../src/trucks/rules/windowed-rules.ts';

const RULE_LABELS: Readonly<Record<WindowRuleCode, string>> = {
  nox_high_load: '负荷工况 NOx 持续偏高',
  reagent_empty: '行驶中尿素耗尽',
  reagent_flat: '尿素液位不变',
  scr_temp_range: 'SCR 温度超出合理范围',
  scr_temp_stuck: 'SCR 温度固定不变',
  mil_nox_dtc: '故障灯亮且有 NOx 相关故障码',
  terminal_removal: '终端拆除报警',
  position_jump: '行驶中断传（位置跳变）',
};

/** The judgements by rule as one line of Chinese labels with counts ('无' when none). */
export function judgementsText(byRule: Readonly<Record<string, number>>): string {
  const labels: Readonly<Record<string, string>> = RULE_LABELS;
  const parts = Object.entries(byRule).map(([k, n]) => `${labels[k] ?? '其他判定'} ${n}`);
  return parts.length === 0 ? '无' : parts.join('、');
}
