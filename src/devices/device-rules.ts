/**
 * Rules for a device registration (pure): MN, kind and target, password, edition, CRC variant,
 * reporting interval and aliases. Returns the first problem with a stable catalogue code.
 */
import type { ErrorCode } from '../errors.ts';
import { DEFAULT_MN_LENGTH, isCrcVariant, type CrcVariant } from '../protocols/hj212/index.ts';
import { aliasProblem, type AliasMap, type DeviceKind } from './aliases.ts';

/** Protocol editions a device may be pinned to; `auto` follows the Flag version bits. */
export const DEVICE_EDITIONS = ['2005', '2017', '2025', 'auto'] as const;
/** A device's edition setting. */
export type DeviceEdition = (typeof DEVICE_EDITIONS)[number];
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
}

/** The outcome of the checks. */
export type DeviceCheck =
  { ok: true; device: ValidDevice } | { ok: false; code: ErrorCode; field: string; detail: string };

// HJ 212-2017 Table 3: MN is 24 hex characters; real devices send 13–24 of [0-9A-Za-z-_]
// (docs/standards/hj212.md §1.3), the same range the codec accepts by default (segment.ts).
const MN_RE = new RegExp(`^[0-9A-Za-z_-]{${DEFAULT_MN_LENGTH.min},${DEFAULT_MN_LENGTH.max}}$`);

/** True when `mn` is an MN the codec accepts by default. */
export function isValidMn(mn: string): boolean {
  return MN_RE.test(mn);
}

function bad(code: ErrorCode, field: string, detail: string): DeviceCheck {
  return { ok: false, code, field, detail };
}

/** Checks one registration. */
export function checkDevice(d: DeviceInput): DeviceCheck {
  const mn = d.mn.trim();
  if (!isValidMn(mn)) return bad('LT_ERR_BAD_MN', 'mn', `"${d.mn}"`);
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
  // Table 3: PW is 6 characters; the codec accepts 0–16 printable ASCII (segment.ts).
  if (!/^[\x21-\x7e]{0,16}$/.test(d.password)) {
    return bad('LT_ERR_BAD_DEVICE', 'password', '访问密码应为 0–16 个可打印 ASCII 字符');
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
  const aliases = d.aliases ?? {};
  const problem = aliasProblem(d.kind as DeviceKind, aliases);
  if (problem) return bad('LT_ERR_BAD_DEVICE', 'aliases', problem);
  return {
    ok: true,
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
    },
  };
}
