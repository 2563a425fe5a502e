/**
 * Checks of a vehicle registration (pure): VIN syntax per GB 16735, plate, plate colour (GA 36),
 * emission stage, fuel, reply mode and layout, each normalised to one stored spelling. Failures
 * carry a stable code, the field and a Chinese detail.
 */
import type { ErrorCode } from '../../errors.ts';
import { isVinSyntax, LAYOUTS, type Layout } from '../../protocols/gb17691/index.ts';

/** A registration as typed or imported (strings as given). */
export interface VehicleInput {
  vin: string;
  plate: string;
  plateColour: string;
  emissionStage: string;
  fuel: string;
  owner?: string | null | undefined;
  fleet?: string | null | undefined;
  /** County adcode (6 digits). */
  county: string;
  iccid?: string | null | undefined;
  chipId?: string | null | undefined;
  replyMode?: string | undefined;
  layout?: string | null | undefined;
  /** SM2 public key of the security chip: 128 hex digits X‖Y (or 130 with a leading 04). */
  signKey?: string | null | undefined;
}

/** A registration that passed the checks, in stored spellings. */
export interface ValidVehicle {
  vin: string;
  plate: string;
  plateColour: string;
  emissionStage: string;
  fuel: string;
  owner: string | null;
  fleet: string | null;
  county: string;
  iccid: string | null;
  chipId: string | null;
  replyMode: 'hj' | 'gb';
  layout: Layout | null;
  /** 128 upper-case hex digits, or null. */
  signKey: string | null;
}

/** The result of checking a registration. */
export type VehicleCheck =
  | { ok: true; vehicle: ValidVehicle }
  | { ok: false; code: ErrorCode; field: string; detail: string };

/** Plate colours of GA 36 (stored as the Chinese name), with accepted spellings. */
const PLATE_COLOURS: Record<string, string> = {
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

/** Emission stages (stored as 国三 … 国六), with accepted spellings. */
const STAGES: Record<string, string> = {
  国三: '国三',
  iii: '国三',
  '3': '国三',
  国四: '国四',
  iv: '国四',
  '4': '国四',
  国五: '国五',
  v: '国五',
  '5': '国五',
  国六: '国六',
  vi: '国六',
  '6': '国六',
  国六a: '国六a',
  'vi-a': '国六a',
  '6a': '国六a',
  国六b: '国六b',
  'vi-b': '国六b',
  '6b': '国六b',
};

const FUELS: Record<string, string> = {
  柴油: '柴油',
  diesel: '柴油',
  天然气: '天然气',
  gas: '天然气',
  lng: '天然气',
  cng: '天然气',
  汽油: '汽油',
  gasoline: '汽油',
  混合动力: '混合动力',
  hybrid: '混合动力',
  其他: '其他',
  other: '其他',
};

const fail = (field: string, detail: string): VehicleCheck => ({
  ok: false,
  code: 'LT_ERR_BAD_VEHICLE',
  field,
  detail,
});

const optional = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** Checks and normalises a registration. */
export function checkVehicle(input: VehicleInput): VehicleCheck {
  const vin = input.vin.trim().toUpperCase();
  if (!isVinSyntax(vin))
    return fail('vin', `"${input.vin}" 不是 17 位 VIN（GB 16735：0-9、A-Z，不含 I、O、Q）`);
  const plate = input.plate.trim();
  if (plate === '' || plate.length > 16) return fail('plate', '车牌号不能为空，且不超过 16 个字符');
  const plateColour = PLATE_COLOURS[input.plateColour.trim().toLowerCase()];
  if (!plateColour)
    return fail('plateColour', `"${input.plateColour}" 不是车牌颜色（黄、蓝、绿、黄绿、白、黑）`);
  const emissionStage = STAGES[input.emissionStage.trim().toLowerCase()];
  if (!emissionStage)
    return fail(
      'emissionStage',
      `"${input.emissionStage}" 不是排放阶段（国三、国四、国五、国六、国六a、国六b）`,
    );
  const fuel = FUELS[input.fuel.trim().toLowerCase()];
  if (!fuel)
    return fail('fuel', `"${input.fuel}" 不是燃料类型（柴油、天然气、汽油、混合动力、其他）`);
  const county = input.county.trim();
  if (!/^\d{6}$/.test(county)) return fail('county', `"${input.county}" 不是 6 位行政区划代码`);
  const iccid = optional(input.iccid);
  if (iccid !== null && !/^[0-9A-Za-z]{19,20}$/.test(iccid))
    return fail('iccid', `"${iccid}" 不是 19–20 位 ICCID`);
  const chipId = optional(input.chipId);
  if (chipId !== null && !/^[\x21-\x7e]{1,16}$/.test(chipId))
    return fail('chipId', `"${chipId}" 不是 16 位以内的芯片 ID`);
  const mode = (input.replyMode ?? '').trim().toLowerCase() || 'hj';
  if (mode !== 'hj' && mode !== 'gb')
    return fail('replyMode', `"${input.replyMode}" 应为 hj 或 gb`);
  const layoutText = optional(input.layout);
  if (layoutText !== null && !(LAYOUTS as readonly string[]).includes(layoutText))
    return fail('layout', `"${layoutText}" 应为 ${LAYOUTS.join('、')} 之一`);
  const keyText = optional(input.signKey)?.replace(/\s+/g, '').toUpperCase() ?? null;
  const signKey =
    keyText !== null && /^04[0-9A-F]{128}$/.test(keyText) ? keyText.slice(2) : keyText;
  if (signKey !== null && !/^[0-9A-F]{128}$/.test(signKey))
    return fail('signKey', 'SM2 公钥应为 128 位十六进制（X‖Y，可带前缀 04）');
  return {
    ok: true,
    vehicle: {
      vin,
      plate,
      plateColour,
      emissionStage,
      fuel,
      owner: optional(input.owner),
      fleet: optional(input.fleet),
      county,
      iccid,
      chipId,
      replyMode: mode,
      layout: layoutText as Layout | null,
      signKey,
    },
  };
}
