// The receive pipeline of one connection: framer (structure + BCC) then the command's data unit.
// Frames that pass the framer but fail here (unknown command, bad VIN, encrypted without a key,
// a data unit that no layout fits, a bad signature) are rejections with the frame's bytes, its
// command and its VIN, so the platform can quarantine them by vehicle.

import { COMMAND } from './commands.ts';
import { encryptionName, ENCRYPTION_NONE, isEncrypted } from './encryption.ts';
import type { FrameRejection, Gb17691Frame } from './frame-event.ts';
import { type FramerOptions, Gb17691Framer } from './framer.ts';
import type { Gb17691Keys } from './keys.ts';
import type { Layout } from './layout.ts';
import { LayoutMemory } from './layout-memory.ts';
import type { Gb17691Message, MessageHeader, RealtimeMessage } from './message.ts';
import { toHex } from './hex.ts';
import { decodeRealtimeUnit } from './realtime-unit.ts';
import type { RejectReason } from './reason-codes.ts';
import {
  decodeActivation,
  decodeActivationReply,
  decodeAntiTamper,
  decodeLogin,
  decodeLogout,
  decodeTimeCalibration,
} from './simple-units.ts';
import { type UnitContext, type UnitResult, warn } from './unit-context.ts';
import {
  DEFAULT_CHECK_DIGIT_PREFIXES,
  vinCheckDigit,
  type VinCheckDigitPolicy,
  vinProblem,
} from './vin.ts';

/** A frame decoded into a message. */
export interface DecodedMessage {
  readonly ok: true;
  readonly message: Gb17691Message;
  readonly frame: Gb17691Frame;
}

/** What the decoder yields: a message or a rejection (framing or data-unit error). */
export type DecodeEvent = DecodedMessage | FrameRejection;

/** Settings of decoding one frame. */
export interface DecodeOptions {
  /** A wrong GB 16735 check digit: 'warn' (default), 'reject' (bad_vin) or 'off'. */
  readonly vinCheckDigit?: VinCheckDigitPolicy;
  /** WMI prefixes whose VINs must carry the check digit; default ["L"] (China). */
  readonly checkDigitPrefixes?: readonly string[];
  /** The layout configured for a vehicle, tried first (see layout.ts). */
  readonly layoutFor?: (vin: string) => Layout | undefined;
  /** Signing and decryption keys by VIN. */
  readonly keys?: Gb17691Keys;
  /** Sizes of user-defined info types (0x81–0xFE) that the platform knows. */
  readonly blockSizes?: ReadonlyMap<number, number>;
}

/** Settings of a streaming decoder. */
export interface DecoderOptions extends FramerOptions, DecodeOptions {
  /** Vehicles whose last unambiguous layout is remembered; default 10,000. */
  readonly rememberLayouts?: number;
}

/**
 * Decodes a frame's data unit. `memory`, when given, supplies and learns each vehicle's layout.
 */
export function decodeFrame(
  frame: Gb17691Frame,
  options: DecodeOptions = {},
  memory?: LayoutMemory,
): DecodeEvent {
  const platformCommand = frame.start === '~~' && frame.command >= 0x07 && frame.command <= 0x09;
  const known =
    platformCommand ||
    (frame.command >= 0x01 && frame.command <= (frame.start === '##' ? 0x08 : 0x06));
  if (!known) {
    return reject(frame, 'unknown_command', `命令单元 0x${hex2(frame.command)} 不是已定义的命令`);
  }
  const header: MessageHeader = {
    start: frame.start,
    command: frame.command,
    vin: frame.vin,
    softwareVersion: frame.softwareVersion,
    replyFlag: frame.replyFlag,
    encryption: frame.encryption,
    warnings: [],
  };
  const preferred: Layout[] = [];
  const configured = options.layoutFor?.(frame.vin);
  if (configured !== undefined) preferred.push(configured);
  const learned = memory?.get(frame.vin);
  if (learned !== undefined && learned !== configured) preferred.push(learned);
  const ctx: UnitContext = {
    vin: frame.vin,
    preferredLayouts: preferred,
    configuredLayout: configured,
    extraSizes: options.blockSizes,
    keys: options.keys,
    warnings: header.warnings,
  };
  if (!platformCommand) {
    const vinFailure = checkVin(frame, options, ctx);
    if (vinFailure !== undefined) return vinFailure;
  }
  let data = frame.data;
  if (isEncrypted(frame.encryption)) {
    const clear = decrypt(frame, options.keys);
    if (!Buffer.isBuffer(clear)) return clear;
    data = clear;
  } else if (frame.encryption !== ENCRYPTION_NONE) {
    warn(
      ctx,
      'unusual_encryption',
      `加密方式 0x${hex2(frame.encryption)}（${encryptionName(frame.encryption)}），已按未加密解析`,
    );
  }
  if (platformCommand) {
    return { ok: true, message: { ...header, kind: 'platform', data: toHex(data) }, frame };
  }
  if (frame.command === COMMAND.realtime || frame.command === COMMAND.reissue) {
    return decodeRealtime(frame, header, data, ctx, memory);
  }
  const result = decodeUnit(frame.command, data, ctx);
  if (!result.ok) return reject(frame, result.reason, result.detail);
  return { ok: true, message: { ...header, ...result.value } as Gb17691Message, frame };
}

/** The 1-Hz path: real-time and reissue frames, built as one object literal (one hidden class). */
function decodeRealtime(
  frame: Gb17691Frame,
  h: MessageHeader,
  data: Buffer,
  ctx: UnitContext,
  memory: LayoutMemory | undefined,
): DecodeEvent {
  const result = decodeRealtimeUnit(data, ctx);
  if (!result.ok) return reject(frame, result.reason, result.detail);
  const u = result.value;
  const message: RealtimeMessage = {
    start: h.start,
    command: h.command,
    vin: h.vin,
    softwareVersion: h.softwareVersion,
    replyFlag: h.replyFlag,
    encryption: h.encryption,
    warnings: h.warnings,
    kind: frame.command === COMMAND.realtime ? 'realtime' : 'reissue',
    layout: u.layout,
    sendTime: u.sendTime,
    serial: u.serial,
    blocks: u.blocks,
    signature: u.signature,
  };
  if (memory !== undefined) {
    // Learn only from evidence: an exact fit that no other layout matched.
    const weak = h.warnings.some(
      (w) => w.code === 'layout_ambiguous' || w.code === 'unknown_block',
    );
    if (!weak) memory.set(frame.vin, u.layout);
  }
  return { ok: true, message, frame };
}

function decodeUnit(
  command: number,
  data: Buffer,
  ctx: UnitContext,
): UnitResult<{ kind: Gb17691Message['kind'] }> {
  const tag = <T extends object, K extends Gb17691Message['kind']>(r: UnitResult<T>, kind: K) =>
    r.ok ? { ok: true as const, value: { kind, ...r.value } } : r;
  switch (command) {
    case COMMAND.login:
      return tag(decodeLogin(data, ctx), 'login');
    case COMMAND.logout:
      return tag(decodeLogout(data, ctx), 'logout');
    case COMMAND.timeCalibration:
      return tag(decodeTimeCalibration(data, ctx), 'time-calibration');
    case COMMAND.antiTamper:
      return tag(decodeAntiTamper(data, ctx), 'anti-tamper');
    case COMMAND.activation:
      return tag(decodeActivation(data, ctx), 'activation');
    default:
      return tag(decodeActivationReply(data), 'activation-reply');
  }
}

/** GB 16735 VIN checks: syntax always; the check digit by policy where it applies. */
function checkVin(
  frame: Gb17691Frame,
  options: DecodeOptions,
  ctx: UnitContext,
): FrameRejection | undefined {
  const policy = options.vinCheckDigit ?? 'warn';
  const problem = vinProblem(frame.vin, options.checkDigitPrefixes ?? DEFAULT_CHECK_DIGIT_PREFIXES);
  if (problem === 'syntax') {
    return reject(
      frame,
      'bad_vin',
      `VIN "${printable(frame.vin)}" 不是 17 位 GB 16735 字符（0-9、A-Z，不含 I、O、Q）`,
    );
  }
  if (problem === 'check_digit' && policy !== 'off') {
    const detail = `VIN ${frame.vin} 第 9 位为 ${frame.vin[8]}，按 GB 16735 计算应为 ${vinCheckDigit(frame.vin)}`;
    if (policy === 'reject') return reject(frame, 'bad_vin', detail);
    warn(ctx, 'vin_check_digit', detail);
  }
  return undefined;
}

function decrypt(frame: Gb17691Frame, keys: Gb17691Keys | undefined): Buffer | FrameRejection {
  const name = encryptionName(frame.encryption);
  let clear: Buffer | undefined;
  try {
    clear = keys?.decrypt?.(frame.vin, frame.encryption, frame.data);
  } catch (e) {
    return reject(frame, 'bad_data_unit', `数据单元解密失败（${name}）：${(e as Error).message}`);
  }
  if (clear === undefined) {
    return reject(
      frame,
      'encrypted_no_key',
      `数据单元已加密（0x${hex2(frame.encryption)}：${name}），未配置该车辆的密钥`,
    );
  }
  return clear;
}

function reject(frame: Gb17691Frame, reason: RejectReason, detail: string): FrameRejection {
  return {
    ok: false,
    reason,
    detail,
    raw: frame.raw,
    length: frame.raw.length,
    command: frame.command,
    vin: frame.vin,
  };
}

/** Streaming decoder: push bytes, get decoded messages and rejections in stream order. */
export class Gb17691Decoder {
  private readonly framer: Gb17691Framer;
  private readonly options: DecoderOptions;
  private readonly memory: LayoutMemory;

  constructor(options: DecoderOptions = {}) {
    this.framer = new Gb17691Framer(options);
    this.options = options;
    this.memory = new LayoutMemory(options.rememberLayouts);
  }

  /** Bytes held back waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.framer.bufferedBytes;
  }

  /** The layout this decoder has learned for a vehicle. */
  learnedLayout(vin: string): Layout | undefined {
    return this.memory.get(vin);
  }

  /** Feeds the next chunk; returns the messages and rejections it completes. */
  push(chunk: Uint8Array): DecodeEvent[] {
    return this.decodeAll(this.framer.push(chunk));
  }

  /** Ends the stream (reports an incomplete frame as `truncated`); learned layouts are kept. */
  flush(): DecodeEvent[] {
    return this.decodeAll(this.framer.flush());
  }

  private decodeAll(events: Array<Gb17691Frame | FrameRejection>): DecodeEvent[] {
    const out: DecodeEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      out[i] = e.ok ? decodeFrame(e, this.options, this.memory) : e;
    }
    return out;
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (c) => `\\x${hex2(c.charCodeAt(0))}`);
}
