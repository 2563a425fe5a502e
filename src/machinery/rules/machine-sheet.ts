/**
 * The registration sheet (导入/导出 of 编码登记, docs/mobile-sources.md): one row per machine,
 * Chinese column titles in any order. 登记编码 empty = Lantian issues one; 场所编号 empty = the
 * machine's county is 区县代码. The header is the first of the first ten rows holding 所有人.
 */
import type { MachineInput } from './machine-input.ts';

/** Column titles and the field each fills. */
export const SHEET_COLUMNS: ReadonlyArray<readonly [string, keyof MachineInput]> = [
  ['登记编码', 'code'],
  ['所有人', 'ownerName'],
  ['所有人证件号', 'ownerIdNo'],
  ['联系电话', 'ownerPhone'],
  ['机械类型', 'machineType'],
  ['排放阶段', 'emissionStage'],
  ['发动机型号', 'engineModel'],
  ['发动机编号', 'engineNumber'],
  ['出厂年份', 'manufactureYear'],
  ['场所编号', 'siteId'],
  ['区县代码', 'regionAdcode'],
];

/** The anchor title that marks the header row. */
export const SHEET_ANCHOR = '所有人';

/** Titles every sheet must have (场所编号 and 登记编码 may be left out). */
export const SHEET_REQUIRED: readonly string[] = SHEET_COLUMNS.map(([t]) => t).filter(
  (t) => t !== '场所编号' && t !== '登记编码',
);

/** The column title of a field. */
export function columnOf(field: keyof MachineInput): string {
  return SHEET_COLUMNS.find(([, f]) => f === field)?.[0] ?? field;
}

/** A row's cells as a registration. */
export function inputOfCells(cells: Readonly<Record<string, string>>): MachineInput {
  const out = Object.fromEntries(SHEET_COLUMNS.map(([, f]) => [f, ''])) as unknown as MachineInput;
  for (const [title, field] of SHEET_COLUMNS) out[field] = (cells[title] ?? '').trim();
  return out;
}
