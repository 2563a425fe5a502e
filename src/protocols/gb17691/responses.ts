// Replies of the platform to terminal frames (docs/standards/gb17691.md §5; docs/trucks.md).
// - HJ 1239 mode: the platform answers every uplink with a frame carrying the same start, command
//   and VIN (the terminal checks BCC and length, and treats a login as done only when the reply
//   arrives; after 3 unanswered sends it reconnects). The body of these replies is UNVERIFIED;
//   the implementation read parses none, so they carry an empty data unit.
// - GB 17691 mode: no reply is expected ("17691无需应答"), except to time calibration, which is a
//   request for the time: terminals in GB mode send it too and set their clock from the reply
//   (31-byte frame with a 6-byte time). `gbTimeCalibration: false` turns that off.
// - "~~" platform frames (UNVERIFIED): a command (reply flag 0xFE) is answered with reply flag
//   0x01 ("success", by analogy with GB/T 32960, which this family of protocols follows).

import { COMMAND } from './commands.ts';
import type { Gb17691Message } from './message.ts';
import { encodeFrame, type FrameHeaderInput } from './serializer.ts';
import { encodeActivationReply, encodeTimeCalibration } from './simple-units.ts';
import { beijingIso } from './time.ts';

/** Which standard a terminal follows: HJ 1239 (answered) or GB 17691 (not answered). */
export type ReplyMode = 'hj' | 'gb';

/** Reply settings. */
export interface ReplyOptions {
  readonly mode: ReplyMode;
  /** The platform's clock, for time-calibration replies. */
  readonly now: Date;
  /** Answer time calibration in GB mode too; default true. */
  readonly gbTimeCalibration?: boolean;
}

/** Reply flag of a "~~" command frame. */
export const REPLY_FLAG_COMMAND = 0xfe;
/** Reply flag of a successful "~~" reply (UNVERIFIED). */
export const REPLY_FLAG_SUCCESS = 0x01;

const ANSWERED_IN_HJ_MODE: ReadonlySet<number> = new Set([
  COMMAND.login,
  COMMAND.realtime,
  COMMAND.reissue,
  COMMAND.logout,
  COMMAND.timeCalibration,
  COMMAND.antiTamper,
]);

/** The reply frame for a decoded frame from a terminal, or null when none is due. */
export function replyFor(m: Gb17691Message, options: ReplyOptions): Buffer | null {
  if (m.start === '~~') {
    if (m.replyFlag !== REPLY_FLAG_COMMAND) return null;
    const data =
      m.kind === 'time-calibration' && m.time === undefined
        ? timeData(options.now)
        : Buffer.alloc(0);
    return encodeFrame({ ...replyHeader(m), replyFlag: REPLY_FLAG_SUCCESS }, data);
  }
  if (m.kind === 'time-calibration') {
    if (m.time !== undefined) return null; // already a reply
    if (options.mode === 'gb' && options.gbTimeCalibration === false) return null;
    return timeCalibrationReply(m, options.now);
  }
  if (options.mode !== 'hj' || !ANSWERED_IN_HJ_MODE.has(m.command)) return null;
  return encodeFrame(replyHeader(m), Buffer.alloc(0));
}

/** The time-calibration reply: the request's header with the platform's Beijing time (31 B). */
export function timeCalibrationReply(request: FrameHeaderInput, now: Date): Buffer {
  return encodeFrame({ ...replyHeader(request), command: COMMAND.timeCalibration }, timeData(now));
}

/**
 * An activation reply (0x08) to a terminal: status/info 01 00 success, 02 01 already activated,
 * 02 02 VIN error, 02 03 unknown error.
 */
export function activationReply(
  vin: string,
  result: 'success' | 'already-activated' | 'vin-error' | 'unknown-error',
  softwareVersion = 1,
): Buffer {
  const codes = {
    success: [1, 0],
    'already-activated': [2, 1],
    'vin-error': [2, 2],
    'unknown-error': [2, 3],
  } as const;
  const [status, info] = codes[result];
  const data = encodeActivationReply({ status, info });
  return encodeFrame({ command: COMMAND.activationReply, vin, softwareVersion }, data);
}

function replyHeader(m: FrameHeaderInput): FrameHeaderInput {
  return {
    start: m.start ?? '##',
    command: m.command,
    vin: m.vin,
    softwareVersion: m.softwareVersion ?? 1,
    replyFlag: m.replyFlag ?? null,
    encryption: 0x01,
  };
}

function timeData(now: Date): Buffer {
  return encodeTimeCalibration({ time: beijingIso(now) });
}
