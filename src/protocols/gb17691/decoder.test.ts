// Rejections and warnings of the decoder (docs/trucks.md "Reason codes").

import { describe, expect, it } from 'vitest';
import { Gb17691Decoder, type DecodedMessage, type DecodeEvent } from './decoder.ts';
import type { FrameRejection } from './frame-event.ts';
import type { RealtimeMessage } from './message.ts';
import { encodeFrame, encodeMessage } from './serializer.ts';
import { obdBlock, realtimeFrame, streamBlock, VALID_VIN } from './test-frames.ts';
import { T1_4_HJ } from './test-vectors.ts';

const hex = (h: string) => Buffer.from(h, 'hex');
const T0 = '2024-05-01T08:30:00+08:00';
const one = (frame: Buffer, d = new Gb17691Decoder()): DecodeEvent => {
  const events = [...d.push(frame), ...d.flush()];
  expect(events).toHaveLength(1);
  return events[0]!;
};
const rejection = (e: DecodeEvent) => {
  expect(e.ok).toBe(false);
  return e as FrameRejection;
};
const message = (e: DecodeEvent) => {
  expect(e.ok).toBe(true);
  return (e as DecodedMessage).message;
};
/** A one-second real-time message of the GB layout, at T0, carrying `blocks`. */
const realtimeOf = (blocks: RealtimeMessage['blocks']) =>
  encodeMessage({
    kind: 'realtime',
    command: 2,
    vin: VALID_VIN,
    layout: 'gb-serial-first',
    sendTime: T0,
    serial: 1,
    blocks,
    signature: null,
  });
const HJ_UNIT = hex(T1_4_HJ.hex.slice(48, -2));

describe('Gb17691Decoder rejections', () => {
  it('rejects an unknown command with the frame, its command and VIN', () => {
    const frame = encodeFrame({ command: 0x09, vin: VALID_VIN }, Buffer.alloc(0));
    const r = rejection(one(frame));
    expect(r).toMatchObject({ reason: 'unknown_command', command: 9, vin: VALID_VIN, length: 25 });
    expect(r.raw.equals(frame)).toBe(true);
  });

  it('rejects encrypted data without a key, and decodes it with the decryption hook', () => {
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const frame = encodeFrame({ command: 0x02, vin: VALID_VIN, encryption: 0x03 }, xor(HJ_UNIT));
    const r = rejection(one(frame));
    expect(r.reason).toBe('encrypted_no_key');
    expect(r.detail).toContain('0x03');
    const keys = {
      decrypt: (vin: string, enc: number, data: Buffer) =>
        vin === VALID_VIN && enc === 3 ? xor(data) : undefined,
    };
    const m = message(one(frame, new Gb17691Decoder({ keys }))) as RealtimeMessage;
    expect(m.layout).toBe('hj1239');
    expect(m.encryption).toBe(3);
  });

  it('reports a failing decryption as bad_data_unit', () => {
    const frame = encodeFrame({ command: 0x02, vin: VALID_VIN, encryption: 0x02 }, HJ_UNIT);
    const keys = {
      decrypt: () => {
        throw new Error('bad padding');
      },
    };
    expect(rejection(one(frame, new Gb17691Decoder({ keys })))).toMatchObject({
      reason: 'bad_data_unit',
    });
  });

  it('decodes an unusual encryption byte as plain data, with a warning', () => {
    const frame = encodeFrame({ command: 0x02, vin: VALID_VIN, encryption: 0xfe }, HJ_UNIT);
    expect(message(one(frame)).warnings.map((w) => w.code)).toEqual(['unusual_encryption']);
  });

  it.each([
    [0x01, 27, '车辆登入'],
    [0x04, 9, '车辆登出'],
    [0x05, 3, '终端校时'],
    [0x06, 16, '防拆报警'],
    [0x07, 104, '激活'],
    [0x08, 1, '激活应答'],
  ])('rejects command 0x0%s with a %s-byte data unit as bad_data_unit', (command, size, name) => {
    const r = rejection(one(encodeFrame({ command, vin: VALID_VIN }, Buffer.alloc(size, 0x01))));
    expect(r.reason).toBe('bad_data_unit');
    expect(r.detail).toContain(name);
  });

  it('rejects a real-time data unit shorter than its header', () => {
    expect(
      rejection(one(encodeFrame({ command: 0x02, vin: VALID_VIN }, hex('1805')))),
    ).toMatchObject({ reason: 'bad_data_unit' });
  });
});

describe('Gb17691Decoder warnings', () => {
  it('reports invalid times as null with a bad_time warning', () => {
    const unit = Buffer.from(HJ_UNIT);
    unit[10] = 13; // the block's month
    const m = message(one(encodeFrame({ command: 2, vin: VALID_VIN }, unit))) as RealtimeMessage;
    expect(m.blocks[0]!.time).toBeNull();
    expect(m.warnings.map((w) => w.code)).toEqual(['bad_time']);
  });

  it('warns when the OBD block names another vehicle', () => {
    const obd = { ...obdBlock(T0), vin: 'LFV2A21K6F4000001' };
    const f = realtimeOf([obd]);
    expect(message(one(f)).warnings.map((w) => w.code)).toEqual(['obd_vin_mismatch']);
  });

  it('does not warn about an OBD VIN filled with zeros', () => {
    const obd = { ...obdBlock(T0), vin: '00000000000000000' };
    const f = realtimeOf([obd, streamBlock(T0)]);
    expect(message(one(f)).warnings).toEqual([]);
  });
});

describe('"~~" platform frames (UNVERIFIED layout)', () => {
  it('decodes forwarded terminal data the same way, with the reply flag', () => {
    const f = encodeFrame({ start: '~~', command: 0x02, vin: VALID_VIN, replyFlag: 0xfe }, HJ_UNIT);
    expect(message(one(f))).toMatchObject({
      start: '~~',
      replyFlag: 0xfe,
      softwareVersion: null,
      kind: 'realtime',
      layout: 'hj1239',
    });
  });

  it('keeps platform login/logout/key exchange as bytes, without a VIN check', () => {
    const f = encodeFrame(
      { start: '~~', command: 0x07, vin: 'PLATFORM-01', replyFlag: 0xfe },
      hex('0102AB'),
    );
    expect(message(one(f))).toMatchObject({ kind: 'platform', vin: 'PLATFORM-01', data: '0102AB' });
  });

  it('rejects terminal-only commands above 0x09', () => {
    const f = encodeFrame({ start: '~~', command: 0x0a, vin: VALID_VIN }, Buffer.alloc(0));
    expect(rejection(one(f)).reason).toBe('unknown_command');
  });
});

describe('Gb17691Decoder stream', () => {
  it('decodes a stream of frames and rejections in order', () => {
    const d = new Gb17691Decoder();
    const events = [
      ...d.push(
        Buffer.concat([
          realtimeFrame('hj1239'),
          Buffer.from('junk'),
          realtimeFrame('gb-serial-first'),
        ]),
      ),
      ...d.flush(),
    ];
    expect(events.map((e) => (e.ok ? e.message.kind : e.reason))).toEqual([
      'realtime',
      'bad_header',
      'realtime',
    ]);
  });
});
