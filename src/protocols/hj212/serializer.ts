// Builds HJ 212 frames (HJ 212-2017 §6.3.1 Table 2, §6.3.2 Table 3).

import { type CrcVariant, crc16, formatCrc } from './crc.ts';
import { formatCpArea } from './cp.ts';
import type { Hj212PacketInput } from './packet.ts';

/** Serializer settings. */
export interface SerializeOptions {
  /** CRC variant of the receiving device; default 'standard' (Appendix A). */
  readonly crc?: CrcVariant;
}

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * Data segment text of a packet, fields in Table 3 order: QN;ST;CN;PW;MN;Flag;PNUM;PNO;CP=&&…&&
 * (absent optional fields are left out). Throws TypeError when a value would break the framing;
 * formats (lengths, digits) are not checked, so test tools can build deliberately odd packets.
 */
export function serializeSegment(p: Hj212PacketInput): string {
  let s = '';
  if (p.qn !== undefined) s += 'QN=' + headerValue('QN', p.qn) + ';';
  s += 'ST=' + headerValue('ST', p.st) + ';';
  s += 'CN=' + headerValue('CN', p.cn) + ';';
  s += 'PW=' + headerValue('PW', p.pw) + ';';
  s += 'MN=' + headerValue('MN', p.mn) + ';';
  if (p.flag !== undefined) s += 'Flag=' + p.flag + ';';
  if (p.pnum !== undefined) s += 'PNUM=' + p.pnum + ';';
  if (p.pno !== undefined) s += 'PNO=' + p.pno + ';';
  return s + 'CP=&&' + formatCpArea(p.cp) + '&&';
}

/**
 * Frames a data segment: "##" + 4-digit byte length + segment + CRC (4 upper-case hex digits) +
 * CR LF. Throws RangeError when the segment is longer than 9999 bytes (4 length digits).
 */
export function encodeFrame(segment: string | Uint8Array, options: SerializeOptions = {}): Buffer {
  const seg = typeof segment === 'string' ? Buffer.from(segment, 'utf8') : segment;
  if (seg.length > 9999) {
    throw new RangeError(`HJ 212 data segment of ${seg.length} bytes exceeds the 4-digit length`);
  }
  const out = Buffer.allocUnsafe(seg.length + 12);
  out.write('##' + String(seg.length).padStart(4, '0'), 0, 'latin1');
  out.set(seg, 6);
  out.write(formatCrc(crc16(options.crc ?? 'standard', seg)), seg.length + 6, 'latin1');
  out.set(CRLF, seg.length + 10);
  return out;
}

/** Serializes a packet into a complete frame (fields in Table 3 order, CRC, CR LF). */
export function serialize(p: Hj212PacketInput, options: SerializeOptions = {}): Buffer {
  return encodeFrame(serializeSegment(p), options);
}

function headerValue(name: string, value: string): string {
  if (/[;\r\n]/.test(value)) {
    throw new TypeError(`HJ 212 field ${name} contains ; CR or LF: ${JSON.stringify(value)}`);
  }
  return value;
}
