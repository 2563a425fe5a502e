// Chinese explanations of why a candidate frame was rejected, for installers. Only called on the
// failure path, so it may do extra work.

import { startAt } from './frame-header.ts';
import type { RejectReason } from './reason-codes.ts';

const hex2 = (b: number) => '0x' + b.toString(16).padStart(2, '0').toUpperCase();

/**
 * Why the BCC at the declared end (h + 24 + len) does not match, judged on data[h, limit): when
 * the running XOR matches a byte elsewhere and that byte ends the buffered data or is followed by
 * a frame start, the length lies and the frame really ends there (`bad_length`); otherwise the
 * data or the BCC was corrupted (`bcc_mismatch`). `limit` may be below the declared end (a
 * length that claims more bytes than the frame has).
 */
export function diagnoseBcc(
  data: Uint8Array,
  h: number,
  len: number,
  limit: number,
): { reason: RejectReason; detail: string } {
  const declaredEnd = h + 24 + len;
  let x = 0;
  for (let i = h + 2; i < h + 24; i++) x ^= data[i]!;
  let computedAtDeclared = -1;
  for (let e = h + 24; e < limit; e++) {
    if (e === declaredEnd) computedAtDeclared = x;
    else if (data[e] === x && (e + 1 === limit || startAt(data, e + 1) !== null)) {
      const actual = e - h - 24;
      return {
        reason: 'bad_length',
        detail: `声明数据单元长度 ${len} 字节，按 BCC 校验位置实际为 ${actual} 字节`,
      };
    }
    x ^= data[e]!;
  }
  if (computedAtDeclared < 0) {
    return {
      reason: 'bad_length',
      detail: `声明数据单元长度 ${len} 字节，但其后已出现下一帧，本帧不足该长度`,
    };
  }
  return {
    reason: 'bcc_mismatch',
    detail: `BCC 校验不符：收到 ${hex2(data[declaredEnd]!)}，计算应为 ${hex2(computedAtDeclared)}`,
  };
}
