/**
 * Emission stages of non-road machinery (docs/standards/non-road-machinery.md §1): 国一–国四
 * (GB 20891-2007 stages I–II, GB 20891-2014 stages III–IV, HJ 1014-2020 stage IV requirements),
 * 'D' electric and 'X' none or unknown, as the ledger codes them (standards.md §7.2 Table 5:
 * 0–6, D, X; non-road machinery has no stage beyond IV).
 */

/** The stage codes in order of the menu. */
export const STAGES = ['1', '2', '3', '4', 'D', 'X'] as const;
export type Stage = (typeof STAGES)[number];

/** Chinese names of the stages. */
export const STAGE_NAMES: Readonly<Record<Stage, string>> = {
  '1': '国一',
  '2': '国二',
  '3': '国三',
  '4': '国四',
  D: '电动',
  X: '无/不明',
};

const ALIASES: Readonly<Record<string, Stage>> = {
  国一: '1',
  国1: '1',
  国i: '1',
  国二: '2',
  国2: '2',
  国ii: '2',
  国三: '3',
  国3: '3',
  国iii: '3',
  国四: '4',
  国4: '4',
  国iv: '4',
  电动: 'D',
  纯电动: 'D',
  无: 'X',
  不明: 'X',
  '无/不明': 'X',
  未知: 'X',
};

/** The stage a cell or field names (a code or a Chinese name), or undefined. */
export function stageOf(text: string): Stage | undefined {
  const t = text.trim();
  const up = t.toUpperCase();
  if ((STAGES as readonly string[]).includes(up)) return up as Stage;
  return ALIASES[t.toLowerCase().replace(/\s+/g, '')];
}

/** The numeric stage (1–4), or null for electric and unknown. */
export function stageNumber(s: Stage): number | null {
  return s === 'D' || s === 'X' ? null : Number(s);
}
