// Data units of the commands other than real-time / reissue (docs/standards/gb17691.md §1;
// docs/trucks.md):
//   0x01 login        time(6) | login serial WORD | ICCID(20 ASCII)                      28 B
//   0x04 logout       time(6) | serial WORD (the login's)                                 8 B
//   0x05 time calib.  empty from the terminal; the platform's reply carries time(6)      0 / 6 B
//   0x06 anti-tamper  time(6) | serial WORD | position status(1) | lon(4) | lat(4)       17 B
//   0x07 activation   time(6) | chip ID(16 ASCII) | SM2 public key(64) | VIN(17) | signature
//   0x08 act. reply   status(1) | info(1): 01 00 success; 02 01 already activated; 02 02 VIN
//                     error; 02 03 unknown error                                         2 B

import { readText, writeText } from './fixed-text.ts';
import { toHex } from './hex.ts';
import type { ActivationResult } from './message.ts';
import { POSITION_BYTES, readPosition, writePosition, type Position } from './position.ts';
import { readRaw, writeRaw } from './scaled-field.ts';
import { readSignature, signatureBytes, signatureLength, type Signature } from './signature.ts';
import { sm2Verify } from './sm2.ts';
import { readTime, TIME_BYTES, writeTime } from './time.ts';
import { fail, type UnitContext, type UnitResult, warn } from './unit-context.ts';

/** Login data unit. */
export interface LoginUnit {
  time: string | null;
  serial: number;
  iccid: string;
}

/** Logout data unit. */
export interface LogoutUnit {
  time: string | null;
  serial: number;
}

/** Anti-tamper data unit. */
export interface AntiTamperUnit extends Position {
  time: string | null;
  serial: number;
}

/** Activation data unit. */
export interface ActivationUnit {
  time: string | null;
  chipId: string;
  publicKey: string;
  activationVin: string;
  signature: Signature | null;
}

/** Activation reply data unit. */
export interface ActivationReplyUnit {
  status: number;
  info: number;
  result: ActivationResult | null;
}

const LOGIN_BYTES = 28;
const LOGOUT_BYTES = 8;
const ANTI_TAMPER_BYTES = 17;
const ACTIVATION_BYTES = 103;

/** Decodes a login data unit. */
export function decodeLogin(data: Buffer, ctx: UnitContext): UnitResult<LoginUnit> {
  if (data.length !== LOGIN_BYTES) return wrongSize('车辆登入', LOGIN_BYTES, data.length);
  const time = timeOf(data, 0, ctx);
  return { ok: true, value: { time, serial: readRaw(data, 6, 2), iccid: readText(data, 8, 20) } };
}

/** Encodes a login data unit. */
export function encodeLogin(u: LoginUnit): Buffer {
  const out = Buffer.alloc(LOGIN_BYTES);
  writeTime(out, 0, u.time);
  writeRaw(out, 6, 2, word('serial', u.serial));
  writeText('iccid', u.iccid, 20, out, 8);
  return out;
}

/** Decodes a logout data unit. */
export function decodeLogout(data: Buffer, ctx: UnitContext): UnitResult<LogoutUnit> {
  if (data.length !== LOGOUT_BYTES) return wrongSize('车辆登出', LOGOUT_BYTES, data.length);
  return { ok: true, value: { time: timeOf(data, 0, ctx), serial: readRaw(data, 6, 2) } };
}

/** Encodes a logout data unit. */
export function encodeLogout(u: LogoutUnit): Buffer {
  const out = Buffer.alloc(LOGOUT_BYTES);
  writeTime(out, 0, u.time);
  writeRaw(out, 6, 2, word('serial', u.serial));
  return out;
}

/** Decodes a time-calibration data unit: empty (request) or a time (the platform's reply). */
export function decodeTimeCalibration(
  data: Buffer,
  ctx: UnitContext,
): UnitResult<{ time?: string | null }> {
  if (data.length === 0) return { ok: true, value: {} };
  if (data.length !== TIME_BYTES) {
    return fail(
      'bad_data_unit',
      `终端校时的数据单元应为 0 字节（请求）或 6 字节（应答），收到 ${data.length} 字节`,
    );
  }
  return { ok: true, value: { time: timeOf(data, 0, ctx) } };
}

/** Encodes a time-calibration data unit (no time → the terminal's empty request). */
export function encodeTimeCalibration(u: { time?: string | null }): Buffer {
  if (u.time === undefined) return Buffer.alloc(0);
  const out = Buffer.alloc(TIME_BYTES);
  writeTime(out, 0, u.time);
  return out;
}

/** Decodes an anti-tamper alarm data unit. */
export function decodeAntiTamper(data: Buffer, ctx: UnitContext): UnitResult<AntiTamperUnit> {
  if (data.length !== ANTI_TAMPER_BYTES)
    return wrongSize('防拆报警', ANTI_TAMPER_BYTES, data.length);
  const time = timeOf(data, 0, ctx);
  return { ok: true, value: { time, serial: readRaw(data, 6, 2), ...readPosition(data, 8) } };
}

/** Encodes an anti-tamper alarm data unit. */
export function encodeAntiTamper(u: AntiTamperUnit): Buffer {
  const out = Buffer.alloc(8 + POSITION_BYTES);
  writeTime(out, 0, u.time);
  writeRaw(out, 6, 2, word('serial', u.serial));
  writePosition(u, out, 8);
  return out;
}

/**
 * Decodes an activation data unit. The signature covers time to VIN with user ID = chip ID; it is
 * checked only when a key is configured for the vehicle (the frame's own public key proves
 * nothing on its own). HJ 1239.1 §5.2 says the activation is signed with the chip's private key.
 */
export function decodeActivation(data: Buffer, ctx: UnitContext): UnitResult<ActivationUnit> {
  const rest = data.length - ACTIVATION_BYTES;
  if (rest < 0 || (rest > 0 && signatureLength(data, ACTIVATION_BYTES, data.length) < 0)) {
    return fail(
      'bad_data_unit',
      `激活的数据单元应为 ${ACTIVATION_BYTES} 字节加签名（0x20 R 0x20 S），收到 ${data.length} 字节`,
    );
  }
  const value: ActivationUnit = {
    time: timeOf(data, 0, ctx),
    chipId: readText(data, 6, 16),
    publicKey: toHex(data.subarray(22, 86)),
    activationVin: readText(data, 86, 17),
    signature: rest > 0 ? readSignature(data, ACTIVATION_BYTES) : null,
  };
  const key = ctx.keys?.signer?.(ctx.vin);
  // With a key configured the activation must be signed (HJ 1239.1 §5.2): an unsigned one could
  // be sent by anybody.
  if (key !== undefined && value.signature === null)
    return fail('bad_signature', '该车辆已配置公钥，但激活信息没有签名');
  if (key !== undefined && value.signature !== null) {
    const ok = sm2Verify(
      key.publicKey,
      key.userId ?? value.chipId,
      data.subarray(0, ACTIVATION_BYTES),
      Buffer.from(value.signature.r, 'hex'),
      Buffer.from(value.signature.s, 'hex'),
    );
    if (!ok) return fail('bad_signature', '激活信息的 SM2 签名与该车辆已配置的公钥不符');
    value.signature.verified = true;
  }
  return { ok: true, value };
}

/** Encodes an activation data unit. */
export function encodeActivation(u: ActivationUnit): Buffer {
  const out = Buffer.alloc(ACTIVATION_BYTES);
  writeTime(out, 0, u.time);
  writeText('chipId', u.chipId, 16, out, 6);
  if (!/^[0-9A-Fa-f]{128}$/.test(u.publicKey))
    throw new RangeError('publicKey 应为 128 位十六进制（X‖Y）');
  out.write(u.publicKey, 22, 'hex');
  writeText('activationVin', u.activationVin, 17, out, 86);
  return u.signature === null ? out : Buffer.concat([out, signatureBytes(u.signature)]);
}

/** Decodes an activation reply data unit. */
export function decodeActivationReply(data: Buffer): UnitResult<ActivationReplyUnit> {
  if (data.length !== 2) return wrongSize('激活应答', 2, data.length);
  const status = data[0]!;
  const info = data[1]!;
  return { ok: true, value: { status, info, result: activationResult(status, info) } };
}

/** Encodes an activation reply data unit. */
export function encodeActivationReply(u: { status: number; info: number }): Buffer {
  return Buffer.of(byte('status', u.status), byte('info', u.info));
}

/** Meaning of an activation reply's status and info bytes (docs/standards/gb17691.md §1). */
export function activationResult(status: number, info: number): ActivationResult | null {
  if (status === 0x01) return 'success';
  if (status !== 0x02) return null;
  if (info === 0x01) return 'already-activated';
  if (info === 0x02) return 'vin-error';
  if (info === 0x03) return 'unknown-error';
  return null;
}

function timeOf(data: Buffer, at: number, ctx: UnitContext): string | null {
  const t = readTime(data, at);
  if (t === null)
    warn(ctx, 'bad_time', `时间字段 ${toHex(data.subarray(at, at + 6))} 不是有效的日期时间`);
  return t;
}

function wrongSize(name: string, expected: number, actual: number): UnitResult<never> {
  return fail('bad_data_unit', `${name}的数据单元应为 ${expected} 字节，收到 ${actual} 字节`);
}

function word(key: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff)
    throw new RangeError(`${key} 应为 0–65535 的整数`);
  return v;
}

function byte(key: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${key} 应为 0–255 的整数`);
  return v;
}
