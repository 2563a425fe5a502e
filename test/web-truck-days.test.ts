/** The daily tables' pure rule: every windowed rule the server raises has a Chinese name. */
import { describe, expect, it } from 'vitest';
import type { WindowRuleCode } from '../src/trucks/rules/windowed-rules.ts';
import { judgementsText } from '../web/src/pages/trucks/judgement-names.ts';

const CODES: Record<WindowRuleCode, true> = {
  nox_high_load: true,
  reagent_empty: true,
  reagent_flat: true,
  scr_temp_range: true,
  scr_temp_stuck: true,
  mil_nox_dtc: true,
  terminal_removal: true,
  position_jump: true,
};

describe('judgement names', () => {
  it('name every rule in Chinese, with its count', () => {
    for (const code of Object.keys(CODES)) {
      const text = judgementsText({ [code]: 2 });
      expect(text).toMatch(/[\u4e00-\u9fff].* 2$/);
      expect(text).not.toContain('其他判定');
    }
    expect(judgementsText({})).toBe('无');
    expect(judgementsText({ nox_high_load: 1, terminal_removal: 3 })).toBe(
      '负荷工况 NOx 持续偏高 1、终端拆除报警 3',
    );
  });
});
