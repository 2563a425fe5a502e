/**
 * Plate, plate colour and VIN of a roadside record or inspection, checked and normalised (pure).
 * The spellings follow those of the truck registry (GA 36 colours, src/trucks/rules/vehicle-rules.ts)
 * so that both domains store the same text; VIN syntax per GB 16735.
 */
import { isVinSyntax } from '../../protocols/gb17691/index.ts';

const PLATE_COLOURS: Readonly<Record<string, string>> = {
  黄: '黄',
  黄色: '黄',
  yellow: '黄',
  蓝: '蓝',
  蓝色: '蓝',
  blue: '蓝',
  绿: '绿',
  绿色: '绿',
  渐变绿: '绿',
  green: '绿',
  黄绿: '黄绿',
  黄绿色: '黄绿',
  'yellow-green': '黄绿',
  白: '白',
  白色: '白',
  white: '白',
  黑: '黑',
  黑色: '黑',
  black: '黑',
};

/** A field that failed its check: which one and why (Chinese). */
export interface FieldProblem {
  field: string;
  detail: string;
}

/** The stored plate: spaces, dots and dashes dropped, letters upper-case; null when not a plate. */
export function normalPlate(s: string): string | null {
  const p = s.replace(/[\s·.\-]/g, '').toUpperCase();
  return /^[\p{Script=Han}A-Z0-9]{5,10}$/u.test(p) ? p : null;
}

/** The stored plate colour (黄 蓝 绿 黄绿 白 黑), or null. */
export function normalPlateColour(s: string): string | null {
  return PLATE_COLOURS[s.trim().toLowerCase()] ?? null;
}

/** Checks plate, colour and optional VIN; returns the normal forms or the first problem. */
export function vehicleFields(
  plate: string,
  colour: string,
  vin: string | null | undefined,
): { plate: string; plateColour: string; vin: string | null } | FieldProblem {
  const p = normalPlate(plate);
  if (!p) return { field: 'plate', detail: `"${plate}" 不是车牌号` };
  const c = normalPlateColour(colour);
  if (!c)
    return { field: 'plateColour', detail: `"${colour}" 不是车牌颜色（黄、蓝、绿、黄绿、白、黑）` };
  const v = (vin ?? '').trim().toUpperCase();
  if (v !== '' && !isVinSyntax(v)) return { field: 'vin', detail: `"${vin}" 不是 17 位 VIN` };
  return { plate: p, plateColour: c, vin: v === '' ? null : v };
}
