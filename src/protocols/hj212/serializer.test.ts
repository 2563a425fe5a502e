import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFrame, serialize, serializeSegment } from './serializer.ts';
import { Hj212Decoder } from './decoder.ts';
import { parseSegment } from './segment.ts';
import { type Hj212Packet, versionFromFlag } from './packet.ts';
import { VALID_VECTORS } from './test-vectors.ts';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const chars = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PRINTABLE = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== ';')
  .join('');
// CP keys and values: any Unicode text without the separators of Table 4 (keys also without '=').
const cpText = (minLength: number, forbidden: RegExp) =>
  fc.string({ unit: 'grapheme', minLength, maxLength: 12 }).filter((s) => !forbidden.test(s));

/** Any packet the parser accepts (default options), with its edition derived from Flag. */
const validPacket: fc.Arbitrary<Hj212Packet> = fc
  .record({
    qn: fc.option(digits(1, 20), { nil: undefined }),
    st: chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 2, 2),
    cn: digits(4, 4),
    pw: chars(PRINTABLE, 0, 16),
    mn: chars(ALNUM + '-_', 13, 24),
    flagBits: fc.option(
      fc.record({ v: fc.integer({ min: 0, max: 2 }), a: fc.boolean(), d: fc.boolean() }),
      {
        nil: undefined,
      },
    ),
    split: fc.integer({ min: 1, max: 9999 }).chain((pnum) =>
      fc.record({
        pnum: fc.constant(pnum),
        pno: fc.integer({ min: 1, max: pnum }),
        used: fc.boolean(),
      }),
    ),
    cp: fc.array(fc.tuple(cpText(1, /[=;,\r\n]/), cpText(0, /[;,\r\n]/)), { maxLength: 30 }),
  })
  .map(({ qn, st, cn, pw, mn, flagBits, split, cp }) => {
    const flag = flagBits && (flagBits.v << 2) | (flagBits.a ? 1 : 0) | (flagBits.d ? 2 : 0);
    const withSplit = flag === undefined ? split.used : (flag & 2) !== 0;
    const p: Hj212Packet = {
      qn,
      st,
      cn,
      pw,
      mn,
      flag,
      version: versionFromFlag(flag)!,
      pnum: withSplit ? split.pnum : undefined,
      pno: withSplit ? split.pno : undefined,
      cp,
    };
    return p;
  });

describe('serializer', () => {
  it('writes fields in Table 3 order with a 4-digit byte length, upper-case CRC and CR LF', () => {
    const frame = serialize({
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      flag: 5,
      cp: [['RtdInterval', '30']],
    });
    expect(frame.toString('latin1')).toBe(VALID_VECTORS[0]!.frame);
  });

  it.each(VALID_VECTORS)('re-serializes vector $name to the same bytes (CRC upper-cased)', (v) => {
    const [e] = new Hj212Decoder().push(Buffer.from(v.frame, 'latin1'));
    if (!e?.ok) throw new Error('vector rejected');
    const expected = v.frame.slice(0, -6) + v.crc + '\r\n';
    expect(serialize(e.packet).toString('latin1')).toBe(expected);
  });

  it('joins pairs of one code with "," and different items with ";" (Table 4)', () => {
    const seg = serializeSegment({
      st: '22',
      cn: '2011',
      pw: '123456',
      mn: 'Y80110010000010',
      cp: [
        ['DataTime', '20191012133710'],
        ['a21005-Rtd', '0.00'],
        ['a21005-Flag', 'N'],
        ['a21004-Rtd', '0.00'],
      ],
    });
    expect(seg).toBe(
      'ST=22;CN=2011;PW=123456;MN=Y80110010000010;CP=&&DataTime=20191012133710;a21005-Rtd=0.00,a21005-Flag=N;a21004-Rtd=0.00&&',
    );
  });

  it('writes PNUM and PNO after Flag', () => {
    const seg = serializeSegment({
      st: '31',
      cn: '2051',
      pw: '1',
      mn: 'M',
      flag: 6,
      pnum: 2,
      pno: 1,
      cp: [],
    });
    expect(seg).toBe('ST=31;CN=2051;PW=1;MN=M;Flag=6;PNUM=2;PNO=1;CP=&&&&');
  });

  it('refuses values that would break the framing', () => {
    const base = {
      st: '22',
      cn: '2011',
      pw: '123456',
      mn: 'Y80110010000010',
      cp: [] as Array<[string, string]>,
    };
    expect(() => serializeSegment({ ...base, pw: 'a;b' })).toThrow(TypeError);
    expect(() => serializeSegment({ ...base, cp: [['a=b', '1']] })).toThrow(TypeError);
    expect(() => serializeSegment({ ...base, cp: [['a', '1,2']] })).toThrow(TypeError);
    expect(() => serializeSegment({ ...base, cp: [['', '1']] })).toThrow(TypeError);
    expect(() => encodeFrame('x'.repeat(10000))).toThrow(RangeError);
  });

  it('writes the CRC variant of the receiving device', () => {
    const seg = '123456789';
    expect(encodeFrame(seg).toString('latin1')).toBe('##0009123456789' + '2F80\r\n');
    expect(encodeFrame(seg, { crc: 'modbus' }).toString('latin1')).toBe(
      '##0009123456789' + '4B37\r\n',
    );
    expect(encodeFrame(seg, { crc: 'modbus-le' }).toString('latin1')).toBe(
      '##0009123456789' + '374B\r\n',
    );
  });
});

describe('round trip (fast-check)', () => {
  it('parseSegment(serializeSegment(p)) equals p', () => {
    fc.assert(
      fc.property(validPacket, (p) => {
        const r = parseSegment(serializeSegment(p));
        expect(r.ok ? r.packet : r.detail).toEqual(p);
      }),
      { numRuns: 1000 },
    );
  });

  it('decoding serialize(p) through the framer gives p back, for every CRC variant', () => {
    fc.assert(
      fc.property(
        validPacket,
        fc.constantFrom('standard', 'modbus', 'modbus-le' as const),
        (p, crc) => {
          const frame = serialize(p, { crc });
          const events = new Hj212Decoder({ crc, maxFrameLength: 9999 }).push(frame);
          expect(events).toHaveLength(1);
          const e = events[0]!;
          expect(e.ok ? e.packet : e.detail).toEqual(p);
        },
      ),
      { numRuns: 500 },
    );
  });
});
