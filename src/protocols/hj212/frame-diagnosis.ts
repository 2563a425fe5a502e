// Chinese explanations of why a candidate frame was rejected, for installers. Only called on
// the failure path, so they may do extra work (e.g. try the other CRC variants).

import { type CrcVariant, CRC_VARIANTS, crc16, formatCrc } from './crc.ts';
import type { RejectReason } from './reason-codes.ts';

const CR = 0x0d;
const AMP = 0x26;

/** Whether data[at, at+4) are 4 hex digits (either case). */
export function isHex4(data: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 4; i++) {
    const c = data[i]!;
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex) return false;
  }
  return true;
}

/**
 * Why the line end is not where the declared length puts it (HJ 212-2017 Table 2). An LF before
 * it, or one after it while the span does not end like a data segment ("&&" + 4 hex digits),
 * means the length is wrong and the LF tells the real one; otherwise CR LF is missing.
 * `lf` is the first LF after the length digits, or -1.
 */
export function diagnoseLineEnd(
  data: Uint8Array,
  segStart: number,
  len: number,
  lf: number,
): { reason: RejectReason; detail: string } {
  const segEnd = segStart + len;
  const endsLikeSegment =
    (lf < 0 || lf > segEnd + 4) &&
    len >= 2 &&
    data[segEnd - 1] === AMP &&
    data[segEnd - 2] === AMP &&
    isHex4(data, segEnd);
  if (endsLikeSegment) {
    return { reason: 'bad_trailer', detail: `CRC 之后缺少回车换行（声明长度 ${len}）` };
  }
  if (lf < 0) {
    const detail = `声明长度 ${len} 处不是数据段结尾（应为 &&、CRC 和回车换行）`;
    return { reason: 'bad_length', detail };
  }
  const actual = lf - segStart - 4 - (data[lf - 1] === CR ? 1 : 0);
  const detail =
    actual >= 0
      ? `声明长度 ${len}，按换行位置实际数据段为 ${actual} 字节`
      : `声明长度 ${len}，但数据段中出现换行`;
  return { reason: 'bad_length', detail };
}

/** Explains a CRC mismatch, naming the computed CRC and any other variant that matches. */
export function describeCrcMismatch(
  data: Uint8Array,
  start: number,
  end: number,
  received: number,
  variant: CrcVariant,
  computed: number,
): string {
  let detail = `CRC 校验不符：收到 ${formatCrc(received)}，按 ${variant} 算法应为 ${formatCrc(computed)}`;
  // Installers mostly meet devices configured with another variant: say which one matches.
  for (const other of CRC_VARIANTS) {
    if (other !== variant && crc16(other, data, start, end) === received) {
      detail += `；该 CRC 与 ${other} 算法一致，请检查设备的 CRC 设置`;
      break;
    }
  }
  return detail;
}
