/**
 * HJ 212 data flags (`xxxxxx-Flag=N`) by their Chinese meaning (pure). Shared by the server and
 * the dashboard, so that the device drawer names a flag as the standard does.
 *
 * HJ 212-2017 数据标记 table (docs/standards/hj212.md §1.9): N 正常, F 停运, M 维护,
 * S 手工输入的设定值, D 故障, C 校准, T 超测上限, B 通讯异常. HJ/T 212-2005 loggers add P 电源故障
 * and, for ambient stations, 0 校准, 1 气象参数, 2 异常, 3 正常 (same section). Which flags
 * count in statistics is a separate rule (src/air/validity.ts).
 */

/** Flag → its meaning in Chinese. Flags are case-sensitive, as received. */
export const DATA_FLAG_NAMES: Readonly<Record<string, string>> = {
  N: '正常',
  F: '停运',
  M: '维护',
  S: '手工设定值',
  D: '故障',
  C: '校准',
  T: '超测上限',
  B: '通讯异常',
  P: '电源故障',
  '0': '校准（2005）',
  '1': '气象参数（2005）',
  '2': '异常（2005）',
  '3': '正常（2005）',
};

/**
 * A flag as people read it: the Chinese meaning, or 未知标记 with the flag when the standards
 * name no such flag; '' for no flag.
 */
export function dataFlagText(flag: string | null | undefined): string {
  if (flag === null || flag === undefined || flag === '') return '';
  return DATA_FLAG_NAMES[flag] ?? `未知标记（${flag}）`;
}
