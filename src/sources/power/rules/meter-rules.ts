/**
 * Checks of a meter registration (docs/sources.md, Sub-metering): a production meter names its
 * line, a treatment meter its control facility; the running threshold and the factor to kW are
 * positive numbers; an HJ 212 mapping names both the logger (MN) and the code it sends power
 * under. Pure: the line and facility are resolved by the service.
 */

/** A registration as given. */
export interface MeterInput {
  code: string;
  name: string;
  /** 'production' | 'treatment'. */
  role: string;
  /** Line code (production meters). */
  line?: string | null | undefined;
  /** Control facility code (treatment meters). */
  facility?: string | null | undefined;
  deviceMn?: string | null | undefined;
  deviceCode?: string | null | undefined;
  /** Sent value × factor = kW (default 1). */
  factor?: number | undefined;
  runningKw: number;
}

/** A checked registration. */
export interface ValidMeter {
  code: string;
  name: string;
  role: 'production' | 'treatment';
  line: string | null;
  facility: string | null;
  deviceMn: string | null;
  deviceCode: string | null;
  factor: number;
  runningKw: number;
}

/** The outcome of the check: the meter, or the field at fault. */
export type MeterCheck =
  | { ok: true; meter: ValidMeter }
  | { ok: false; code: 'LT_ERR_BAD_POWER_METER'; field: string; detail: string };

const CODE = /^[A-Za-z0-9_.-]{1,32}$/;

function blank(v: string | null | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
}

/** Checks a registration; the first problem is returned with its field. */
export function checkMeter(input: MeterInput): MeterCheck {
  const bad = (field: string, detail: string): MeterCheck => ({
    ok: false,
    code: 'LT_ERR_BAD_POWER_METER',
    field,
    detail,
  });
  const code = input.code.trim();
  if (!CODE.test(code)) return bad('code', '电表编号为 1–32 位字母、数字、_ . -');
  const name = input.name.trim();
  if (name === '' || [...name].length > 64) return bad('name', '名称不能为空，不超过 64 字');
  if (input.role !== 'production' && input.role !== 'treatment')
    return bad('role', '用途应为 production（生产设施）或 treatment（治污设施）');
  const line = blank(input.line);
  const facility = blank(input.facility);
  if (input.role === 'production' && (line === null || facility !== null))
    return bad('line', '生产设施电表须指明生产线（不指明治污设施）');
  if (input.role === 'treatment' && (facility === null || line !== null))
    return bad('facility', '治污设施电表须指明治污设施（不指明生产线）');
  const deviceMn = blank(input.deviceMn);
  const deviceCode = blank(input.deviceCode);
  if ((deviceMn === null) !== (deviceCode === null))
    return bad('deviceCode', '数采仪 MN 与功率因子编码须同时给出或同时不填');
  const factor = input.factor ?? 1;
  if (!Number.isFinite(factor) || factor <= 0) return bad('factor', '换算系数须为正数');
  if (!Number.isFinite(input.runningKw) || input.runningKw <= 0)
    return bad('runningKw', '运行判定功率须为正数（kW）');
  return {
    ok: true,
    meter: {
      code,
      name,
      role: input.role,
      line,
      facility,
      deviceMn,
      deviceCode,
      factor,
      runningKw: input.runningKw,
    },
  };
}
