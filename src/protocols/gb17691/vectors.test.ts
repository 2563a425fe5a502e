// The vectors of docs/standards/gb17691.md §10.4 (test-vectors.ts):
// each frame is accepted with its size and BCC, decodes to the documented values, and the
// builder makes the identical bytes from the decoded message.

import { describe, expect, it } from 'vitest';
import { readBlock, type DataStreamBlock } from './blocks.ts';
import { decodeFrame, Gb17691Decoder, type DecodedMessage } from './decoder.ts';
import type { FrameEvent, Gb17691Frame } from './frame-event.ts';
import { Gb17691Framer } from './framer.ts';
import type { RealtimeMessage } from './message.ts';
import { readScaled } from './scaled-field.ts';
import { DATA_STREAM } from './body-specs.ts';
import { encodeMessage } from './serializer.ts';
import { signatureDer } from './signature.ts';
import {
  FRAME_VECTORS,
  STREAM_BODY_HEX,
  STREAM_BODY_VALUES,
  T1_10_SUPPLEMENT,
  T1_11_TWC,
  T1_12_HYBRID,
  T1_13_NOX,
  T1_1_LOGIN,
  T1_2_GB_SERIAL_FIRST,
  T1_3_GB_SERIAL_PER_BLOCK,
  T1_4_HJ,
  T1_5_HJ_SIGNED,
  T1_6_ANTI_TAMPER,
  T1_7_ACTIVATION_REPLY,
  T1_8_TIME_REPLY,
  T1_8_TIME_REQUEST,
  T1_9_LOGOUT,
  VECTOR_VIN,
} from './test-vectors.ts';

const bytes = (hex: string) => Buffer.from(hex, 'hex');

function decodeOne(hex: string): DecodedMessage {
  const d = new Gb17691Decoder();
  const events = [...d.push(bytes(hex)), ...d.flush()];
  expect(events).toHaveLength(1);
  expect(events[0]!.ok).toBe(true);
  return events[0] as DecodedMessage;
}

const stripWarnings = <T extends { warnings: unknown }>(m: T) => ({ ...m, warnings: [] });

describe('GB 17691 vectors: framing', () => {
  it.each(FRAME_VECTORS)('$name: one frame of $bytes bytes with BCC $bcc', (v) => {
    const events: FrameEvent[] = [...new Gb17691Framer().push(bytes(v.hex))];
    expect(events).toHaveLength(1);
    const f = events[0] as Gb17691Frame;
    expect(f.ok).toBe(true);
    expect(f.raw.length).toBe(v.bytes);
    expect(f.raw[f.raw.length - 1]).toBe(v.bcc);
    expect(f.vin).toBe(VECTOR_VIN);
    expect(f.softwareVersion).toBe(1);
    expect(f.encryption).toBe(1);
  });

  it.each(FRAME_VECTORS)(
    '$name: the builder makes the same bytes from the decoded message',
    (v) => {
      const { message } = decodeOne(v.hex);
      expect(encodeMessage(message).toString('hex').toUpperCase()).toBe(v.hex);
    },
  );

  it('warns, and does not refuse, that the vectors VIN fails the GB 16735 check digit', () => {
    const { message } = decodeOne(T1_1_LOGIN.hex);
    expect(message.warnings.map((w) => w.code)).toEqual(['vin_check_digit']);
  });
});

describe('GB 17691 vectors: data units', () => {
  it('T1.1 login: time, serial 1, ICCID', () => {
    expect(stripWarnings(decodeOne(T1_1_LOGIN.hex).message)).toMatchObject({
      kind: 'login',
      command: 1,
      time: '2024-05-01T08:30:00+08:00',
      serial: 1,
      iccid: '89860000000000000001',
    });
  });

  it('T1.2 is read as layout A, T1.3 as layout B, with the same block', () => {
    const a = decodeOne(T1_2_GB_SERIAL_FIRST.hex).message as RealtimeMessage;
    const b = decodeOne(T1_3_GB_SERIAL_PER_BLOCK.hex).message as RealtimeMessage;
    expect(a.layout).toBe('gb-serial-first');
    expect(a.serial).toBe(1);
    expect(b.layout).toBe('gb-serial-per-block');
    expect(b.serial).toBeNull();
    expect(a.blocks[0]).toEqual({ ...b.blocks[0], serial: null });
    expect(b.blocks[0]!.serial).toBe(1);
    for (const m of [a, b]) {
      expect(m.sendTime).toBe('2024-05-01T08:30:00+08:00');
      expect(m.blocks).toHaveLength(1);
      expect(m.blocks[0]).toMatchObject({ type: 2, time: m.sendTime, ...STREAM_BODY_VALUES });
      expect(m.warnings.map((w) => w.code)).toEqual(['vin_check_digit']);
    }
  });

  it('T1.4 HJ 1239: send time, serial and the block with its own collection time', () => {
    const m = decodeOne(T1_4_HJ.hex).message as RealtimeMessage;
    expect(m).toMatchObject({ layout: 'hj1239', sendTime: '2024-05-01T08:30:09+08:00', serial: 1 });
    expect(m.signature).toBeNull();
    expect(m.blocks[0]).toEqual({
      type: 2,
      time: '2024-05-01T08:30:00+08:00',
      serial: null,
      ...STREAM_BODY_VALUES,
    });
  });

  it('T1.5 HJ 1239 with a signature: one block, rLen 32, sLen 32, the DER form', () => {
    const m = decodeOne(T1_5_HJ_SIGNED.hex).message as RealtimeMessage;
    expect(m.blocks).toHaveLength(1);
    expect(m.signature).toEqual({
      r: '0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20',
      s: '2122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F40',
    });
    expect(signatureDer(m.signature!).toString('hex').toUpperCase()).toBe(
      '30440220' + m.signature!.r + '0220' + m.signature!.s,
    );
  });

  it('T1.6 anti-tamper: serial and a Handan position', () => {
    expect(decodeOne(T1_6_ANTI_TAMPER.hex).message).toMatchObject({
      kind: 'anti-tamper',
      time: '2024-05-01T08:30:00+08:00',
      serial: 1,
      fixValid: true,
      lon: 114.538962,
      lat: 36.625657,
    });
  });

  it('T1.7 activation reply success; 02 01 means already activated', () => {
    expect(decodeOne(T1_7_ACTIVATION_REPLY.hex).message).toMatchObject({
      kind: 'activation-reply',
      status: 1,
      info: 0,
      result: 'success',
    });
  });

  it('T1.8 time calibration: an empty request and a reply with a time', () => {
    const req = decodeOne(T1_8_TIME_REQUEST.hex).message;
    expect(req.kind).toBe('time-calibration');
    expect('time' in req).toBe(false);
    expect(decodeOne(T1_8_TIME_REPLY.hex).message).toMatchObject({
      time: '2024-05-01T08:30:05+08:00',
    });
  });

  it('T1.9 logout: time and the login serial', () => {
    expect(decodeOne(T1_9_LOGOUT.hex).message).toMatchObject({
      kind: 'logout',
      time: '2024-05-01T18:00:00+08:00',
      serial: 1,
    });
  });

  it('§10.4 data-stream body decodes on its own', () => {
    const block = readBlock(2, null, null, bytes(STREAM_BODY_HEX), 0, 37) as DataStreamBlock;
    expect(block).toEqual({ type: 2, time: null, serial: null, ...STREAM_BODY_VALUES });
  });

  it('T1.10 supplement 0x80', () => {
    const block = readBlock(0x80, null, null, bytes(T1_10_SUPPLEMENT.hex), 0, 17);
    expect(block).toEqual({ type: 0x80, time: null, serial: null, ...T1_10_SUPPLEMENT.values });
  });

  it('T1.11 TWC 0x03', () => {
    const block = readBlock(0x03, null, null, bytes(T1_11_TWC.hex), 0, 30);
    expect(block).toEqual({ type: 0x03, time: null, serial: null, ...T1_11_TWC.values });
  });

  it('T1.12 hybrid 0x04 (current 0x2904 = +50.0 A)', () => {
    const block = readBlock(0x04, null, null, bytes(T1_12_HYBRID.hex), 0, 8);
    expect(block).toEqual({ type: 0x04, time: null, serial: null, ...T1_12_HYBRID.values });
  });

  it.each(T1_13_NOX)('T1.13 SCR downstream NOx raw %s → %s ppm', (raw, ppm) => {
    const nox = DATA_STREAM.items.find((i) => i.key === 'noxDownstream')!;
    const b = Buffer.alloc(2);
    b.writeUInt16BE(raw);
    expect(readScaled(nox as never, b, 0)).toBe(ppm);
  });

  it('decodeFrame works on a frame from the framer without a decoder', () => {
    const [frame] = new Gb17691Framer().push(bytes(T1_4_HJ.hex)) as Gb17691Frame[];
    const e = decodeFrame(frame!);
    expect(e.ok && e.message.kind).toBe('realtime');
  });
});
