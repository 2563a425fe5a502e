/**
 * Chinese names of the heavy-truck codes the API returns (pure): record flags
 * (src/trucks/rules/record-flags.ts), rejection reasons (the codec's, src/protocols/gb17691/
 * reason-codes.ts, plus the listener's own), commands (the codec's names, GB 17691-2018 Annex Q /
 * HJ 1239) and the information types of a record. The label tables are typed by the server's code
 * unions, so a new flag or reason without a label fails vue-tsc.
 */
import { commandName } from '../../../../src/protocols/gb17691/commands.ts';
import {
  REJECT_REASONS,
  type RejectReason,
} from '../../../../src/protocols/gb17691/reason-codes.ts';
import type { RecordFlagCode } from '../../../../src/trucks/rules/record-flags.ts';

/** Reasons the listener adds to the codec's (src/trucks/listener/terminal-connection.ts). */
type ListenerReason =
  | 'unknown_vin'
  | 'block_bad_time'
  | 'platform_auth_failed'
  | 'platform_disabled'
  | 'platform_not_logged_in'
  | 'platform_scope';

/** Short labels of the record flags (the detail with its values comes from the server). */
const FLAG_LABELS: Readonly<Record<RecordFlagCode, string>> = {
  nox_high: 'NOx 偏高',
  scr_no_conversion: 'SCR 无转化',
  reagent_empty: '尿素耗尽',
  nox_invalid: 'NOx 无效',
};

/** Short labels of the rejection reasons. */
const REASON_LABELS: Readonly<Record<RejectReason | ListenerReason, string>> = {
  bad_header: '帧头错误',
  bad_length: '长度错误',
  bcc_mismatch: 'BCC 校验不符',
  truncated: '报文不完整',
  unknown_command: '未知命令',
  bad_vin: 'VIN 错误',
  encrypted_no_key: '加密无密钥',
  bad_data_unit: '数据单元错误',
  truncated_block: '信息体不完整',
  bad_signature: '签名验证失败',
  bad_hex: '非十六进制',
  unknown_vin: '未登记车辆',
  block_bad_time: '采集时间无效',
  platform_auth_failed: '平台登入失败',
  platform_disabled: '平台已停用',
  platform_not_logged_in: '平台未登入',
  platform_scope: '超出平台范围',
};

/** Long descriptions of the rejection reasons. */
const REASON_TEXTS: Readonly<Record<RejectReason | ListenerReason, string>> = {
  ...REJECT_REASONS,
  unknown_vin: '未登记车辆：报文 VIN 不在车辆登记中，报文已隔离，未应答',
  block_bad_time: '采集时间无效：部分信息体的时间无效，未生成记录（原始帧已保存）',
  platform_auth_failed: '平台登入失败：转发平台的用户名未登记或密码错误，已回复错误并断开连接',
  platform_disabled: '平台已停用：该转发平台已被停用，已回复错误并断开连接',
  platform_not_logged_in: '平台未登入：转发帧（~~）须在平台登入（0x07）之后发送',
  platform_scope: '超出平台范围：车辆登记的区县不在该转发平台的范围内，未入库',
};

/** Information types of a record (Annex Q Table Q.6, HJ 1239 adds 0x04, 0x05). */
const RECORD_TYPES: Readonly<Record<number, string>> = {
  1: 'OBD 信息',
  2: '数据流',
  3: '三元催化器',
  4: '混合动力',
  5: '三元催化器',
  128: '补充数据流',
};

/** Short Chinese label of a rejection reason ("其他原因" for a code this page does not know). */
export function reasonLabel(code: string): string {
  return (REASON_LABELS as Readonly<Record<string, string>>)[code] ?? '其他原因';
}

/** Long Chinese description of a rejection reason. */
export function reasonText(code: string): string {
  return (REASON_TEXTS as Readonly<Record<string, string>>)[code] ?? '接入服务拒收了该报文';
}

/** A command by its name ('实时信息上报'); unknown ones as '未知命令 0x09'. */
export function commandLabel(command: number | null): string {
  if (command === null) return '—';
  const hex = command.toString(16).padStart(2, '0').toUpperCase();
  return commandName(command) ?? `未知命令 0x${hex}`;
}

/** An information type by its name. */
export function recordTypeLabel(type: number): string {
  return RECORD_TYPES[type] ?? `信息类型 ${type}`;
}

/** The flags of a record as one line of Chinese labels ('无' when none). */
export function flagsText(flags: ReadonlyArray<{ code: string }>): string {
  if (flags.length === 0) return '无';
  const labels: Readonly<Record<string, string>> = FLAG_LABELS;
  return flags.map((f) => labels[f.code] ?? '其他判定').join('、');
}
