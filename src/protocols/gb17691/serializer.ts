// Builds GB 17691 / HJ 1239 frames: the header and BCC around a data unit (frame-header.ts), and
// the data unit of each message kind. Values are checked (RangeError naming the field) but
// combinations are not, so test tools can build deliberately odd frames; `length` and `bcc`
// overrides make frames whose length lies or whose BCC is wrong.

import { bcc } from './bcc.ts';
import type { FrameStart } from './frame-event.ts';
import { FRAME_OVERHEAD, HEADER_BYTES, MAX_DATA_LENGTH } from './frame-header.ts';
import { writeText } from './fixed-text.ts';
import type { Gb17691Message } from './message.ts';
import { encodeRealtimeUnit } from './realtime-unit.ts';
import {
  encodeActivation,
  encodeActivationReply,
  encodeAntiTamper,
  encodeLogin,
  encodeLogout,
  encodeTimeCalibration,
} from './simple-units.ts';

/** Header fields of a frame to build; defaults: "##", software version 1, encryption 0x01. */
export interface FrameHeaderInput {
  readonly start?: FrameStart;
  readonly command: number;
  readonly vin: string;
  readonly softwareVersion?: number | null;
  /** Reply flag of a "~~" frame; default 0xFE (command). */
  readonly replyFlag?: number | null;
  readonly encryption?: number;
}

/** Deliberate deviations for test frames. */
export interface FrameOverrides {
  /** Length WORD to write instead of the data unit's length. */
  readonly length?: number;
  /** BCC to write instead of the computed one. */
  readonly bcc?: number;
}

/**
 * A message to build: the decoded shape, with warnings and the header defaults optional and the
 * derived `result` of an activation reply left out (status and info are written).
 */
export type Gb17691MessageInput = Gb17691Message extends infer M
  ? M extends Gb17691Message
    ? Omit<M, 'warnings' | 'start' | 'softwareVersion' | 'replyFlag' | 'encryption' | 'result'> &
        Partial<Pick<M, 'start' | 'softwareVersion' | 'replyFlag' | 'encryption'>>
    : never
  : never;

/** Frames a data unit: header + data + BCC. Throws RangeError on values that do not fit. */
export function encodeFrame(
  header: FrameHeaderInput,
  data: Uint8Array,
  overrides: FrameOverrides = {},
): Buffer {
  if (data.length > MAX_DATA_LENGTH) {
    throw new RangeError(`数据单元 ${data.length} 字节超过上限 ${MAX_DATA_LENGTH}`);
  }
  const start = header.start ?? '##';
  const out = Buffer.alloc(data.length + FRAME_OVERHEAD);
  out.write(start, 0, 'latin1');
  out[2] = byte('command', header.command);
  if (start === '##') {
    writeText('vin', header.vin, 17, out, 3);
    out[20] = byte('softwareVersion', header.softwareVersion ?? 1);
  } else {
    out[3] = byte('replyFlag', header.replyFlag ?? 0xfe);
    writeText('vin', header.vin, 17, out, 4);
  }
  out[21] = byte('encryption', header.encryption ?? 1);
  out.writeUInt16BE(word('length', overrides.length ?? data.length), 22);
  out.set(data, HEADER_BYTES);
  const end = HEADER_BYTES + data.length;
  out[end] = overrides.bcc === undefined ? bcc(out, 2, end) : byte('bcc', overrides.bcc);
  return out;
}

/** The data unit of a message. Throws RangeError naming a field that is missing or out of range. */
export function encodeDataUnit(m: Gb17691MessageInput): Buffer {
  switch (m.kind) {
    case 'login':
      return encodeLogin(m);
    case 'realtime':
    case 'reissue':
      return encodeRealtimeUnit(m);
    case 'logout':
      return encodeLogout(m);
    case 'time-calibration':
      return encodeTimeCalibration(m);
    case 'anti-tamper':
      return encodeAntiTamper(m);
    case 'activation':
      return encodeActivation(m);
    case 'activation-reply':
      return encodeActivationReply(m);
    case 'platform':
      if (!/^(?:[0-9A-Fa-f]{2})*$/.test(m.data)) throw new RangeError('data 应为十六进制');
      return Buffer.from(m.data, 'hex');
  }
}

/** Builds the complete frame of a message. */
export function encodeMessage(m: Gb17691MessageInput, overrides: FrameOverrides = {}): Buffer {
  return encodeFrame(m, encodeDataUnit(m), overrides);
}

function byte(key: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${key} 应为 0–255 的整数`);
  return v;
}

function word(key: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff)
    throw new RangeError(`${key} 应为 0–65535 的整数`);
  return v;
}
