// What the framer yields: a complete frame whose BCC matched, or a rejected run of bytes.

import type { RejectedBytes } from '../rejected-run.ts';
import type { RejectReason } from './reason-codes.ts';

/** Start of a terminal frame ("##") or of a platform-forwarding frame ("~~", UNVERIFIED). */
export type FrameStart = '##' | '~~';

/** A complete frame whose structure and BCC are valid (GB 17691-2018 Annex Q frame). */
export interface Gb17691Frame {
  readonly ok: true;
  /** The whole frame from the start bytes to the BCC (a view into the pushed bytes). */
  readonly raw: Buffer;
  readonly start: FrameStart;
  /** Command unit (0x01 login … 0x08 activation reply; others are decided by the decoder). */
  readonly command: number;
  /** The 17-byte VIN field as Latin-1 text, trailing NUL bytes removed. */
  readonly vin: string;
  /** Terminal software version ("##" frames); null in "~~" frames, which carry a reply flag. */
  readonly softwareVersion: number | null;
  /** Reply flag of a "~~" frame (0xFE = command); null in "##" frames. */
  readonly replyFlag: number | null;
  /** Encryption byte (0x01 = none). */
  readonly encryption: number;
  /** The data unit (a view into raw). */
  readonly data: Buffer;
}

/** A run of bytes that is not a valid frame, with the reason and a Chinese detail. */
export interface FrameRejection extends RejectedBytes<RejectReason> {
  /** Command of a well-formed frame rejected by the decoder (absent for framing errors). */
  readonly command?: number;
  /** VIN of a well-formed frame rejected by the decoder (absent for framing errors). */
  readonly vin?: string;
}

/** What the framer yields for each part of the stream. */
export type FrameEvent = Gb17691Frame | FrameRejection;
