// Which layout a real-time data unit is read in (docs/standards/gb17691.md §4, the decision
// rule).

import { describe, expect, it } from 'vitest';
import { Gb17691Decoder, type DecodedMessage, type DecodeEvent } from './decoder.ts';
import type { FrameRejection } from './frame-event.ts';
import { chooseLayout, walkLayout, type Layout, LAYOUTS } from './layout.ts';
import type { RealtimeMessage } from './message.ts';
import { encodeFrame, encodeMessage } from './serializer.ts';
import { obdBlock, realtimeFrame, streamBlock, supplementBlock, VALID_VIN } from './test-frames.ts';
import { STREAM_BODY_HEX } from './test-vectors.ts';

const T0 = '2024-05-01T08:30:00+08:00';
const hex = (h: string) => Buffer.from(h, 'hex');

function decode(frames: Buffer[], d = new Gb17691Decoder()): DecodeEvent[] {
  return [...frames.flatMap((f) => d.push(f)), ...d.flush()];
}
const realtime = (e: DecodeEvent) => (e as DecodedMessage).message as RealtimeMessage;
const warningCodes = (m: RealtimeMessage) => m.warnings.map((w) => w.code);

describe('real-time layouts: each one is recognised', () => {
  it.each(LAYOUTS)('a 10-second frame with an OBD block in %s', (layout) => {
    const [e] = decode([realtimeFrame(layout, 10, { withObd: true })]);
    const m = realtime(e!);
    expect(m.layout).toBe(layout);
    expect(m.blocks.map((b) => b.type)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1]);
    expect(m.blocks[3]).toMatchObject({ speed: 23, mileage: 7688.3 });
    expect(warningCodes(m)).toEqual([]);
    if (layout === 'hj1239') {
      expect(m.blocks.map((b) => b.time!.slice(17, 19))).toEqual([
        '00',
        '01',
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '00',
      ]);
      expect(m.sendTime).toBe('2024-05-01T08:30:10+08:00');
    } else {
      expect(m.blocks.every((b) => b.time === T0)).toBe(true);
    }
    if (layout === 'gb-serial-per-block')
      expect(m.blocks.map((b) => b.serial)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 9]);
    else expect(m.serial).toBe(1);
  });

  it('reads a reissue (0x03) frame the same way', () => {
    const [e] = decode([realtimeFrame('gb-serial-per-block', 3, { command: 0x03 })]);
    expect(realtime(e!)).toMatchObject({
      kind: 'reissue',
      command: 3,
      layout: 'gb-serial-per-block',
    });
  });

  it('reads an HJ 1239 frame as XCMG sends it: stream then supplement, each with a time', () => {
    const f = encodeMessage({
      kind: 'realtime',
      command: 2,
      vin: VALID_VIN,
      layout: 'hj1239',
      sendTime: T0,
      serial: 7,
      blocks: [streamBlock(T0), supplementBlock(T0)],
      signature: null,
    });
    const m = realtime(decode([f])[0]!);
    expect(m.layout).toBe('hj1239');
    expect(m.blocks.map((b) => b.type)).toEqual([0x02, 0x80]);
  });

  // The by-hand frame of T1.3 with serial 0x0102: read as layout A it would start with type 0x02
  // (the serial's low byte) too — so both fit, and only the type-byte position differs.
  const ambiguousB = hex(
    '2323024C5356414D34315A3146323030303030310101002E180501081E00' +
      '020102' +
      STREAM_BODY_HEX +
      '00',
  );
  ambiguousB[ambiguousB.length - 1] = ambiguousB.subarray(2, -1).reduce((x, b) => x ^ b, 0);

  it('reports a tie between the GB layouts (one block whose serial low byte equals its type)', () => {
    const m = realtime(decode([ambiguousB])[0]!);
    expect(m.layout).toBe('gb-serial-first');
    expect(m.serial).toBe(0x0201);
    expect(warningCodes(m)).toEqual(['layout_ambiguous']);
    expect(m.warnings[0]!.detail).toContain('gb-serial-per-block');
  });

  it('breaks the tie with the layout configured for the vehicle, without a warning', () => {
    const d = new Gb17691Decoder({
      layoutFor: (vin) => (vin === VALID_VIN ? 'gb-serial-per-block' : undefined),
    });
    const m = realtime(decode([ambiguousB], d)[0]!);
    expect(m.layout).toBe('gb-serial-per-block');
    expect(m.blocks[0]!.serial).toBe(0x0102);
    expect(warningCodes(m)).toEqual([]);
  });

  it("breaks the tie with the layout learned from the vehicle's earlier unambiguous frame", () => {
    const d = new Gb17691Decoder();
    const events = decode([realtimeFrame('gb-serial-per-block', 1, { serial: 3 }), ambiguousB], d);
    expect(realtime(events[0]!).layout).toBe('gb-serial-per-block');
    expect(d.learnedLayout(VALID_VIN)).toBe('gb-serial-per-block');
    const m = realtime(events[1]!);
    expect(m.layout).toBe('gb-serial-per-block');
    expect(warningCodes(m)).toEqual([]);
  });

  it('does not let a learned layout that only fits with an unknown tail beat an exact fit', () => {
    // Serial 0x8105: read as gb-serial-per-block, the HJ frame starts with type 0x81 (a
    // user-defined type of unknown size), which "fits" by swallowing the rest.
    const d = new Gb17691Decoder();
    const events = decode(
      [realtimeFrame('gb-serial-per-block', 1), realtimeFrame('hj1239', 10, { serial: 0x8105 })],
      d,
    );
    expect(d.learnedLayout(VALID_VIN)).toBe('hj1239');
    const m = realtime(events[1]!);
    expect(m.layout).toBe('hj1239');
    expect(m.blocks).toHaveLength(10);
  });

  it('does not learn from an ambiguous frame', () => {
    const d = new Gb17691Decoder();
    decode([ambiguousB], d);
    expect(d.learnedLayout(VALID_VIN)).toBeUndefined();
  });

  it('keeps a block of a user-defined type at the end as bytes, with a warning', () => {
    const data = Buffer.concat([hex('180501081E000001' + '02' + STREAM_BODY_HEX), hex('81AABBCC')]);
    const m = realtime(decode([encodeFrame({ command: 2, vin: VALID_VIN }, data)])[0]!);
    expect(m.layout).toBe('gb-serial-first');
    expect(m.blocks[1]).toEqual({ type: 0x81, time: T0, serial: null, data: 'AABBCC' });
    expect(warningCodes(m)).toEqual(['unknown_block']);
  });

  it('decodes a user-defined type in the middle when the platform configures its size', () => {
    const data = hex('180501081E000001' + '81AABBCC' + '02' + STREAM_BODY_HEX);
    const d = new Gb17691Decoder({ blockSizes: new Map([[0x81, 3]]) });
    const m = realtime(decode([encodeFrame({ command: 2, vin: VALID_VIN }, data)], d)[0]!);
    expect(m.blocks.map((b) => b.type)).toEqual([0x81, 0x02]);
    expect(warningCodes(m)).toEqual([]);
  });

  it('rejects a data unit that ends inside a block as truncated_block, naming each layout', () => {
    const data = hex('180501081E000001' + '02' + STREAM_BODY_HEX.slice(0, 60));
    const [e] = decode([encodeFrame({ command: 2, vin: VALID_VIN }, data)]) as FrameRejection[];
    expect(e!.ok).toBe(false);
    expect(e!.reason).toBe('truncated_block');
    for (const l of LAYOUTS) expect(e!.detail).toContain(l);
    expect(e!.vin).toBe(VALID_VIN);
    expect(e!.command).toBe(2);
  });

  it('rejects reserved info types (0x06–0x7F) as bad_data_unit', () => {
    const data = hex('180501081E000001' + '10' + STREAM_BODY_HEX);
    const [e] = decode([encodeFrame({ command: 2, vin: VALID_VIN }, data)]) as FrameRejection[];
    expect(e!.reason).toBe('bad_data_unit');
  });

  it('walks each layout of T1.3 as the sheet describes: only B fits', () => {
    const data = hex('180501081E00' + '020001' + STREAM_BODY_HEX);
    const walks = LAYOUTS.map((l) => walkLayout(l, data, data.length));
    expect(walks.map((w) => w.ok)).toEqual([false, false, true]);
    // Reading B as A: serial 0x0200, type 0x01 (OBD needs ≥ 96 bytes, 37 left).
    expect(walks[1]).toMatchObject({ ok: false, kind: 'truncated' });
  });

  // Three HJ 1239 hybrid blocks (3 × 15 bytes) that also read as five layout-A hybrid blocks
  // (5 × 9 bytes): the bytes at every 9th position are 0x04 in both readings.
  const twoWays = (month2: string) =>
    hex(
      '180501081E000001' +
        '04' +
        '180501081E00' +
        '0BB8041770290450' +
        '04' +
        '18' +
        month2 +
        '04081E00' +
        '0BB82D1770040450' +
        '04' +
        '180501081E04' +
        '0BB82D1770290450',
    );

  it('breaks an HJ 1239 / GB tie by the order of layouts, with a warning', () => {
    const data = twoWays('05');
    const choice = chooseLayout(data, data.length, []);
    expect('fit' in choice && choice.fit.layout).toBe('hj1239');
    expect('fit' in choice && choice.alsoFits).toEqual(['gb-serial-first']);
  });

  it('drops an HJ 1239 reading whose block times are not dates', () => {
    const data = twoWays('0D'); // month 13
    const choice = chooseLayout(data, data.length, []);
    expect('fit' in choice && choice.fit.layout).toBe('gb-serial-first');
    expect('fit' in choice && choice.alsoFits).toEqual([]);
    expect('fit' in choice && choice.fit.blocks).toHaveLength(5);
  });

  it.each<Layout>(['hj1239', 'gb-serial-first'])(
    'a %s data unit with no blocks is valid',
    (layout) => {
      const m = encodeMessage({
        kind: 'realtime',
        command: 2,
        vin: VALID_VIN,
        layout,
        sendTime: T0,
        serial: 1,
        blocks: [],
        signature: null,
      });
      expect(decode([m])[0]!.ok).toBe(true);
    },
  );

  it('builds an OBD block with DTCs by hand and decodes it', () => {
    const obd =
      '02' +
      '01' +
      '0C00' +
      '0400' +
      Buffer.from(VALID_VIN).toString('hex') +
      Buffer.from('CAL0123456789ABCDE').toString('hex') +
      Buffer.from('1A2B3C4D0000000000').toString('hex') +
      Array.from({ length: 18 }, (_, i) => (i * 10).toString(16).padStart(4, '0')).join('') +
      '02' +
      '0001F203' +
      '00C2E901';
    const data = hex('180501081E000001' + '01' + obd);
    const m = realtime(decode([encodeFrame({ command: 2, vin: VALID_VIN }, data)])[0]!);
    expect(m.blocks[0]).toEqual({ ...obdBlock(T0, null, ['0001F203', '00C2E901']) });
  });
});
