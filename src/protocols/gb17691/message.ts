// Decoded GB 17691 / HJ 1239 messages: the frame header fields plus the decoded data unit of each
// command. The shape is JSON-ready (times as "+08:00" strings, bytes as upper-case hex) and is
// the shape `lantian gb17691 parse` prints and `gb17691 build` reads (message-json.ts).

import type { Block } from './blocks.ts';
import type { FrameStart } from './frame-event.ts';
import type { Layout } from './layout.ts';
import type { Position } from './position.ts';
import type { Gb17691Warning } from './reason-codes.ts';
import type { Signature } from './signature.ts';

/** Header fields every message carries. */
export interface MessageHeader {
  start: FrameStart;
  command: number;
  vin: string;
  /** Terminal software version ("##" frames); null in "~~" frames. */
  softwareVersion: number | null;
  /** Reply flag of a "~~" frame (0xFE = command); null in "##" frames. */
  replyFlag: number | null;
  encryption: number;
  /** Oddities found while decoding (empty when none). */
  warnings: Gb17691Warning[];
}

/** 0x01 vehicle login: time, login serial (1.., daily), ICCID of the SIM. */
export interface LoginMessage extends MessageHeader {
  kind: 'login';
  time: string | null;
  serial: number;
  iccid: string;
}

/** 0x02 real-time or 0x03 reissue information. */
export interface RealtimeMessage extends MessageHeader {
  kind: 'realtime' | 'reissue';
  /** The layout the data unit was read in (chosen by evidence, layout.ts). */
  layout: Layout;
  /** Send time (hj1239) or the collection time of every block (GB layouts). */
  sendTime: string | null;
  /** Info serial after the time (hj1239, gb-serial-first); null in gb-serial-per-block. */
  serial: number | null;
  blocks: Block[];
  /** Trailing signature of a signed HJ 1239 data unit, or null. */
  signature: Signature | null;
}

/** 0x04 vehicle logout: time and the serial of the login it ends. */
export interface LogoutMessage extends MessageHeader {
  kind: 'logout';
  time: string | null;
  serial: number;
}

/** 0x05 terminal time calibration: empty from the terminal; the platform's reply has a time. */
export interface TimeCalibrationMessage extends MessageHeader {
  kind: 'time-calibration';
  /** Present only in the platform's reply. */
  time?: string | null;
}

/** 0x06 removal / anti-tamper alarm (HJ 1239): time, serial and position. */
export interface AntiTamperMessage extends MessageHeader, Position {
  kind: 'anti-tamper';
  time: string | null;
  serial: number;
}

/** 0x07 activation (HJ 1239): chip ID, chip public key and VIN, signed by the chip. */
export interface ActivationMessage extends MessageHeader {
  kind: 'activation';
  time: string | null;
  chipId: string;
  /** SM2 public key X‖Y, 128 hex digits. */
  publicKey: string;
  activationVin: string;
  signature: Signature | null;
}

/** Meaning of an activation reply (status, info): 01 00 success, 02 01/02/03 failures. */
export type ActivationResult = 'success' | 'already-activated' | 'vin-error' | 'unknown-error';

/** 0x08 activation reply (platform → terminal). */
export interface ActivationReplyMessage extends MessageHeader {
  kind: 'activation-reply';
  status: number;
  info: number;
  /** null when the pair is not one of the documented ones. */
  result: ActivationResult | null;
}

/** A "~~" platform command (0x07 login, 0x08 logout, 0x09 key exchange; bodies UNVERIFIED). */
export interface PlatformMessage extends MessageHeader {
  kind: 'platform';
  /** The data unit as upper-case hex. */
  data: string;
}

/** Any decoded message. */
export type Gb17691Message =
  | LoginMessage
  | RealtimeMessage
  | LogoutMessage
  | TimeCalibrationMessage
  | AntiTamperMessage
  | ActivationMessage
  | ActivationReplyMessage
  | PlatformMessage;
