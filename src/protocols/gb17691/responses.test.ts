import { describe, expect, it } from 'vitest';
import { Gb17691Decoder, type DecodedMessage } from './decoder.ts';
import type { Gb17691Frame } from './frame-event.ts';
import { Gb17691Framer } from './framer.ts';
import { activationReply, replyFor, timeCalibrationReply } from './responses.ts';
import { encodeFrame } from './serializer.ts';
import { realtimeFrame, VALID_VIN } from './test-frames.ts';
import {
  FRAME_VECTORS,
  T1_7_ACTIVATION_REPLY,
  T1_8_TIME_REPLY,
  T1_8_TIME_REQUEST,
} from './test-vectors.ts';

const NOW = new Date('2024-05-01T00:30:05.750Z'); // 08:30:05 Beijing time
const decode = (frame: Buffer) => (new Gb17691Decoder().push(frame)[0] as DecodedMessage).message;
/** Header of a reply frame (replies with an empty data unit are not terminal messages). */
const frameOf = (frame: Buffer) => {
  const events = new Gb17691Framer().push(frame);
  expect(events).toHaveLength(1);
  return events[0] as Gb17691Frame;
};
const hexOf = (b: Buffer | null) => b?.toString('hex').toUpperCase() ?? null;

describe('replies to terminals', () => {
  it('answers time calibration with the T1.8 reply (31 bytes) in both modes', () => {
    const request = decode(Buffer.from(T1_8_TIME_REQUEST.hex, 'hex'));
    expect(hexOf(replyFor(request, { mode: 'hj', now: NOW }))).toBe(T1_8_TIME_REPLY.hex);
    expect(hexOf(replyFor(request, { mode: 'gb', now: NOW }))).toBe(T1_8_TIME_REPLY.hex);
    expect(replyFor(request, { mode: 'gb', now: NOW, gbTimeCalibration: false })).toBeNull();
    expect(hexOf(timeCalibrationReply(request, NOW))).toBe(T1_8_TIME_REPLY.hex);
  });

  it('does not answer a time-calibration reply', () => {
    expect(
      replyFor(decode(Buffer.from(T1_8_TIME_REPLY.hex, 'hex')), { mode: 'hj', now: NOW }),
    ).toBeNull();
  });

  it('answers login, real-time, reissue, logout and anti-tamper in HJ mode with an empty data unit', () => {
    const uplinks = [
      ...FRAME_VECTORS.map((v) => Buffer.from(v.hex, 'hex')),
      realtimeFrame('hj1239', 2, { command: 0x03 }),
    ];
    for (const frame of uplinks) {
      const m = decode(frame);
      const reply = replyFor(m, { mode: 'hj', now: NOW });
      if ([1, 2, 3, 4, 6].includes(m.command)) {
        expect(reply).not.toBeNull();
        const r = frameOf(reply!);
        expect(r).toMatchObject({
          command: m.command,
          vin: m.vin,
          softwareVersion: 1,
          encryption: 1,
        });
        expect(r.data.length).toBe(0);
      } else if (m.command !== 5) {
        expect(reply).toBeNull();
      }
    }
  });

  it('answers nothing but time calibration in GB mode', () => {
    for (const frame of [
      realtimeFrame('gb-serial-first'),
      ...FRAME_VECTORS.map((v) => Buffer.from(v.hex, 'hex')),
    ]) {
      const m = decode(frame);
      if (m.command !== 5) expect(replyFor(m, { mode: 'gb', now: NOW })).toBeNull();
    }
  });

  it('answers a "~~" command with reply flag 0x01 and ignores "~~" replies', () => {
    const cmd = decode(
      encodeFrame(
        { start: '~~', command: 2, vin: VALID_VIN, replyFlag: 0xfe },
        Buffer.from(realtimeFrame('hj1239').subarray(24, -1)),
      ),
    );
    const reply = replyFor(cmd, { mode: 'gb', now: NOW })!;
    expect(frameOf(reply)).toMatchObject({ start: '~~', command: 2, replyFlag: 0x01 });
    expect(replyFor({ ...cmd, replyFlag: 0x01 }, { mode: 'hj', now: NOW })).toBeNull();
  });

  it('builds activation replies; "success" is vector T1.7', () => {
    expect(hexOf(activationReply('LSVAM41Z6F2000001', 'success'))).toBe(T1_7_ACTIVATION_REPLY.hex);
    expect(decode(activationReply(VALID_VIN, 'vin-error'))).toMatchObject({
      status: 2,
      info: 2,
      result: 'vin-error',
    });
  });
});
