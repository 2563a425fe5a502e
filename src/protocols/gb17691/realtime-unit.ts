// Decoding and encoding of real-time (0x02) and reissue (0x03) data units in the three layouts
// (layout.ts). The layout is chosen by evidence and reported; every block gets its collection
// time (its own in hj1239, the frame's time in the GB layouts) and its serial where it has one.

import { encodedBodySize, readBlock, writeBlock, type Block } from './blocks.ts';
import { isVinSyntax } from './vin.ts';
import { chooseLayout, type Layout, type LayoutFit } from './layout.ts';
import { readRaw, writeRaw } from './scaled-field.ts';
import { readSignature, signatureBytes, type Signature } from './signature.ts';
import { SM2_DEFAULT_USER_ID, sm2Verify } from './sm2.ts';
import { readTime, TIME_BYTES, writeTime } from './time.ts';
import { fail, type UnitContext, type UnitResult, warn } from './unit-context.ts';

/** The decoded data unit of a real-time or reissue message. */
export interface RealtimeUnit {
  layout: Layout;
  sendTime: string | null;
  serial: number | null;
  blocks: Block[];
  signature: Signature | null;
}

/** Decodes a real-time / reissue data unit. */
export function decodeRealtimeUnit(data: Buffer, ctx: UnitContext): UnitResult<RealtimeUnit> {
  const choice = chooseLayout(
    data,
    data.length,
    ctx.preferredLayouts,
    ctx.extraSizes,
    ctx.configuredLayout,
  );
  if ('misses' in choice) {
    const detail = choice.misses.map((m) => `${m.layout}：${m.detail}`).join('；');
    const truncated = choice.misses.some((m) => m.kind === 'truncated');
    return fail(
      truncated ? 'truncated_block' : 'bad_data_unit',
      `没有一种布局能完整解析数据单元（${detail}）`,
    );
  }
  const { fit, alsoFits } = choice;
  if (alsoFits.length > 0) {
    warn(
      ctx,
      'layout_ambiguous',
      `数据单元也可按 ${alsoFits.join('、')} 解析，已按 ${fit.layout} 解析`,
    );
  }
  const unit = readUnit(data, fit);
  const badTimes =
    (unit.sendTime === null ? 1 : 0) + unit.blocks.filter((b) => b.time === null).length;
  if (badTimes > 0) warn(ctx, 'bad_time', `${badTimes} 个时间字段不是有效的日期时间`);
  const last = fit.blocks[fit.blocks.length - 1];
  if (last?.unknown) {
    warn(
      ctx,
      'unknown_block',
      `信息类型 0x${last.type.toString(16).toUpperCase()} 的长度未知，其后 ${last.size} 字节原样保留`,
    );
  }
  checkObdVins(unit.blocks, ctx);
  if (unit.signature !== null) {
    const checked = verifySignature(data, fit.signatureAt, unit.signature, ctx);
    if (checked !== undefined) return checked;
  }
  return { ok: true, value: unit };
}

function readUnit(data: Buffer, fit: LayoutFit): RealtimeUnit {
  const sendTime = readTime(data, 0);
  const serial = fit.layout === 'gb-serial-per-block' ? null : readRaw(data, TIME_BYTES, 2);
  const blocks: Block[] = new Array(fit.blocks.length);
  for (let i = 0; i < fit.blocks.length; i++) {
    const s = fit.blocks[i]!;
    const time = s.timeAt >= 0 ? readTime(data, s.timeAt) : sendTime;
    const blockSerial = s.serialAt >= 0 ? readRaw(data, s.serialAt, 2) : null;
    blocks[i] = readBlock(s.type, time, blockSerial, data, s.bodyAt, s.size);
  }
  const signature = fit.signatureAt >= 0 ? readSignature(data, fit.signatureAt) : null;
  return { layout: fit.layout, sendTime, serial, blocks, signature };
}

/** Checks the signature with the vehicle's configured key: undefined = fine, else a failure. */
function verifySignature(
  data: Buffer,
  signatureAt: number,
  signature: Signature,
  ctx: UnitContext,
): UnitResult<RealtimeUnit> | undefined {
  const key = ctx.keys?.signer?.(ctx.vin);
  if (key === undefined) return undefined;
  const ok = sm2Verify(
    key.publicKey,
    key.userId ?? SM2_DEFAULT_USER_ID,
    data.subarray(0, signatureAt),
    Buffer.from(signature.r, 'hex'),
    Buffer.from(signature.s, 'hex'),
  );
  if (!ok) return fail('bad_signature', '实时信息的 SM2 签名与该车辆已配置的公钥不符');
  signature.verified = true;
  return undefined;
}

/** Warns when an OBD block reports another VIN than the frame (a terminal moved to another truck). */
function checkObdVins(blocks: Block[], ctx: UnitContext): void {
  for (const b of blocks) {
    if (b.type !== 0x01) continue;
    const vin = (b as { vin: string }).vin;
    // A filler such as 00000000000000000 (ECU VIN not read yet) is not another vehicle.
    if (isVinSyntax(vin) && !/^(.)\1*$/.test(vin) && vin !== ctx.vin) {
      warn(ctx, 'obd_vin_mismatch', `OBD 信息中的 VIN 为 ${vin}，报文头为 ${ctx.vin}`);
      return;
    }
  }
}

/**
 * Encodes a real-time / reissue data unit in the given layout. GB layouts take every block's
 * collection time from sendTime; hj1239 needs each block's time; gb-serial-per-block needs each
 * block's serial. Throws RangeError naming what is missing or out of range.
 */
export function encodeRealtimeUnit(unit: RealtimeUnit): Buffer {
  const hj = unit.layout === 'hj1239';
  const perBlock = unit.layout === 'gb-serial-per-block';
  const before = 1 + (hj ? TIME_BYTES : 0) + (perBlock ? 2 : 0);
  let size = perBlock ? TIME_BYTES : TIME_BYTES + 2;
  for (const b of unit.blocks) size += before + encodedBodySize(b);
  const sig = unit.signature === null ? null : signatureBytes(unit.signature);
  if (sig !== null && !hj) throw new RangeError('只有 hj1239 布局的实时信息可以带签名');
  const out = Buffer.alloc(size + (sig?.length ?? 0));
  writeTime(out, 0, unit.sendTime);
  if (!perBlock) writeRaw(out, TIME_BYTES, 2, serialValue('serial', unit.serial));
  let p = perBlock ? TIME_BYTES : TIME_BYTES + 2;
  unit.blocks.forEach((b, i) => {
    out[p] = typeValue(b.type, i);
    if (hj) writeTime(out, p + 1, b.time);
    if (perBlock) writeRaw(out, p + 1, 2, serialValue(`blocks[${i}].serial`, b.serial));
    writeBlock(b, out, p + before);
    p += before + encodedBodySize(b);
  });
  sig?.copy(out, p);
  return out;
}

function serialValue(key: string, v: number | null): number {
  if (v === null || !Number.isInteger(v) || v < 0 || v > 0xffff) {
    throw new RangeError(`${key} 应为 0–65535 的整数（该布局需要流水号）`);
  }
  return v;
}

function typeValue(type: number, i: number): number {
  if (!Number.isInteger(type) || type < 0 || type > 0xff) {
    throw new RangeError(`blocks[${i}].type 应为 0–255 的整数`);
  }
  return type;
}
