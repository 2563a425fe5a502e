// What the framer yields: a complete, CRC-valid frame or a rejected run of bytes.

import type { RejectedBytes } from '../rejected-run.ts';
import type { CrcVariant } from './crc.ts';
import type { RejectReason } from './reason-codes.ts';

/** A complete frame whose structure and CRC are valid (HJ 212-2017 §6.3.1 Table 2). */
export interface Hj212Frame {
  readonly ok: true;
  /** The whole frame from "##" to LF as received (a view into the pushed bytes, not a copy). */
  readonly raw: Buffer;
  /** The data segment bytes (a view into raw). */
  readonly segment: Buffer;
  /** The 4 CRC hex digits exactly as received (either case). */
  readonly crcReceived: string;
  /** The CRC variant the frame was verified with. */
  readonly crcVariant: CrcVariant;
}

/** A run of bytes that is not a valid frame, with the reason and a Chinese detail. */
export type FrameRejection = RejectedBytes<RejectReason>;

/** What the framer yields for each part of the stream. */
export type FrameEvent = Hj212Frame | FrameRejection;
