/**
 * Rules for a device registration (pure): MN, kind and target, password, edition, CRC variant,
 * reporting interval and aliases. Returns the first problem with a stable catalogue code.
 */
import type { ErrorCode } from '../errors.ts';
import {
  DEFAULT_ID_LIMITS,
  idStandardWarnings,
  isCrcVariant,
  isMnText,
  isPasswordText,
  type CrcVariant,
  type IdLimits,
} from '../protocols/hj212/index.ts';
import { aliasProblem, type AliasMap, type DeviceKind } from './aliases.ts';

/** Protocol editions a device may be pinned to; `auto` follows the Flag version bits. */
export const DEVICE_EDITIONS = ['2005', '2017', '2025', 'auto'] as const;
/** A device's edition setting. */
export type DeviceEdition = (typeof DEVICE_EDITIONS)[number];
/** Line-end settings: 'any' = a frame complete by length and CRC is complete; 'crlf' = Table 2. */
export const LINE_ENDS = ['any', 'crlf'] as const;
/** Clock settings: 'auto' sends CN 1012 when the logger's clock drifts. */
export const CLOCK_SYNCS = ['off', 'auto'] as const;
/** History requests after a gap: 'auto' sends CN 2061 for missing hours. */
export const BACKFILLS = ['auto', 'off'] as const;
/** Device kinds. */
export const DEVICE_KINDS: readonly DeviceKind[] = ['station', 'outlet'];

/** A registration as a person or a CSV row gives it. */
export interface DeviceInput {
  mn: string;
  kind: string;
  /** Station code (kind station) or outlet code (kind outlet). */
  target: string;
  password: string;
  edition: string;
  crc: string;
  intervalS: number;
  name?: string | null | undefined;
  aliases?: unknown;
  lineEnd?: string | undefined;
  clockSync?: string | undefined;
  backfill?: string | undefined;
}

/** A registration that passed the checks. */
export interface ValidDevice {
  mn: string;
  kind: DeviceKind;
  target: string;
  password: string;
  edition: DeviceEdition;
  crc: CrcVariant;
  intervalS: number;
  name: string | null;
  aliases: AliasMap;
  lineEnd: (typeof LINE_ENDS)[number];
  clockSync: (typeof CLOCK_SYNCS)[number];
  backfill: (typeof BACKFILLS)[number];
}

/** The outcome of the checks. */
export type DeviceCheck =
  | { ok: true; device: ValidDevice; warnings: string[] }
  | { ok: false; code: ErrorCode; field: string; detail: string };

/**
 * True when `mn` is an MN the codec accepts under `limits` (HJ 212-2017 Table 3 says 24 hex
 * characters; real devices send other lengths of [0-9A-Za-z-_], see protocols/hj212/id-limits.ts).
 */
export function isValidMn(mn: string, limits: IdLimits = DEFAULT_ID_LIMITS): boolean {
  return isMnText(mn, limits.mn);
}

function bad(code: ErrorCode, field: string, detail: string): DeviceCheck {
  return { ok: false, code, field, detail };
}

/**
 * Checks one registration against the configured MN/PW lengths; lengths the standard does not
 * name come back as warnings (HJ 212-2017 Table 3), not refusals.
 */
export function checkDevice(d: DeviceInput, limits: IdLimits = DEFAULT_ID_LIMITS): DeviceCheck {
  const mn = d.mn.trim();
  if (!isValidMn(mn, limits)) {
    return bad(
      'LT_ERR_BAD_MN',
      'mn',
      `"${d.mn}" 应为 ${limits.mn.min}–${limits.mn.max} 位字母、数字、- 或 _`,
    );
  }
  if (!(DEVICE_KINDS as readonly string[]).includes(d.kind)) {
    return bad(
      'LT_ERR_BAD_DEVICE',
      'kind',
      `类型 "${d.kind}" 应为 station（空气站）或 outlet（排放口）`,
    );
  }
  const target = d.target.trim();
  if (!/^[\w.-]{1,64}$/.test(target)) {
    return bad(
      'LT_ERR_BAD_DEVICE',
      'target',
      `站点或排放口编码 "${d.target}" 应为 1–64 位字母、数字、点、横线或下划线`,
    );
  }
  // Table 3: PW is 6 characters; the codec accepts 0–pwMax printable ASCII (id-limits.ts).
  if (!isPasswordText(d.password, limits.pwMax)) {
    return bad(
      'LT_ERR_BAD_DEVICE',
      'password',
      `访问密码应为 0–${limits.pwMax} 个可打印 ASCII 字符`,
    );
  }
  if (!(DEVICE_EDITIONS as readonly string[]).includes(d.edition)) {
    return bad(
      'LT_ERR_BAD_DEVICE',
      'edition',
      `标准版本 "${d.edition}" 应为 2005、2017、2025 或 auto`,
    );
  }
  if (!isCrcVariant(d.crc)) {
    return bad(
      'LT_ERR_BAD_DEVICE',
      'crc',
      `CRC 算法 "${d.crc}" 应为 standard、modbus 或 modbus-le`,
    );
  }
  if (!Number.isInteger(d.intervalS) || d.intervalS < 1 || d.intervalS > 86_400) {
    return bad(
      'LT_ERR_BAD_DEVICE',
      'interval_s',
      `上报间隔 "${d.intervalS}" 应为 1–86400 的整数秒`,
    );
  }
  const name = d.name?.trim() || null;
  if (name !== null && name.length > 100)
    return bad('LT_ERR_BAD_DEVICE', 'name', '名称最多 100 个字符');
  const lineEnd = d.lineEnd ?? 'any';
  if (!(LINE_ENDS as readonly string[]).includes(lineEnd)) {
    return bad('LT_ERR_BAD_DEVICE', 'line_end', `行尾 "${lineEnd}" 应为 any 或 crlf`);
  }
  const clockSync = d.clockSync ?? 'off';
  if (!(CLOCK_SYNCS as readonly string[]).includes(clockSync)) {
    return bad('LT_ERR_BAD_DEVICE', 'clock_sync', `校时 "${clockSync}" 应为 off 或 auto`);
  }
  const backfill = d.backfill ?? 'auto';
  if (!(BACKFILLS as readonly string[]).includes(backfill)) {
    return bad('LT_ERR_BAD_DEVICE', 'backfill', `补数 "${backfill}" 应为 auto 或 off`);
  }
  const aliases = d.aliases ?? {};
  const problem = aliasProblem(d.kind as DeviceKind, aliases);
  if (problem) return bad('LT_ERR_BAD_DEVICE', 'aliases', problem);
  return {
    ok: true,
    warnings: idStandardWarnings(mn, d.password),
    device: {
      mn,
      kind: d.kind as DeviceKind,
      target,
      password: d.password,
      edition: d.edition as DeviceEdition,
      crc: d.crc,
      intervalS: d.intervalS,
      name,
      aliases: aliases as AliasMap,
      lineEnd: lineEnd as ValidDevice['lineEnd'],
      clockSync: clockSync as ValidDevice['clockSync'],
      backfill: backfill as ValidDevice['backfill'],
    },
  };
}
