import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cutAt, pieceStreams } from '../test-streams.ts';
import type { FrameEvent } from './frame-event.ts';
import { Hj212Framer } from './framer.ts';
import { serialize } from './serializer.ts';
import { VALID_VECTORS } from './test-vectors.ts';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

const VALID: Buffer[] = [
  ...VALID_VECTORS.map((v) => latin1(v.frame)),
  serialize({
    qn: '20240101000000000',
    st: '31',
    cn: '2051',
    pw: '123456',
    mn: 'A1B2C3D4E5F6A7B8C9D0E1F2',
    flag: 5,
    cp: [
      ['DataTime', '20240101000000'],
      ['a21026-ZsAvg', '12.5'],
      ['a21026-Cou', '0.8'],
    ],
  }),
];

// Garbage that looks like HJ 212 as often as possible: headers with lying lengths, digits,
// hashes, line ends, separators, random bytes, and frames cut at least 7 bytes short (so the
// garbage that follows cannot complete them into a valid frame by chance).
const garbage: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
  fc
    .array(fc.constantFrom(...'##0123456789\r\n&&;=,CPQNMN'.split('')), { maxLength: 30 })
    .map((cs) => latin1(cs.join(''))),
  fc.integer({ min: 0, max: 9999 }).map((n) => latin1('##' + String(n).padStart(4, '0'))),
  fc.constantFrom(
    latin1('##0999'),
    latin1('##1024'),
    latin1('##0000'),
    latin1('#'),
    latin1('\r\n'),
  ),
  fc
    .tuple(fc.constantFrom(...VALID), fc.nat())
    .map(([f, n]) => f.subarray(0, n % Math.max(1, f.length - 7))),
);

const stream = pieceStreams(VALID, garbage);

const lineOf = (b: Buffer) => b.toString('latin1').replace(/\r?\n?$/, '');
const nonBlank = (b: Buffer) => Buffer.from(b.filter((x) => ![0x20, 0x09, 0x0d, 0x0a].includes(x)));

describe('Hj212Framer properties', () => {
  it('recovers every valid frame among random garbage at random split points, and only them', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (pieces, cuts) => {
        const data = Buffer.concat(pieces.map((p) => p.bytes));
        const framer = new Hj212Framer({ maxRejectedBytes: 1 << 20 });
        const events: FrameEvent[] = [];
        for (const chunk of cutAt(data, cuts)) {
          events.push(...framer.push(chunk));
          expect(framer.bufferedBytes).toBeLessThanOrEqual(framer.maxFrameLength + 12);
        }
        events.push(...framer.flush());

        // A frame is complete by length and CRC: its line end belongs to it only when it came
        // in the same chunk.
        const accepted = events.filter((e) => e.ok).map((e) => lineOf(e.raw));
        const expected = pieces.filter((p) => p.valid).map((p) => lineOf(p.bytes));
        expect(accepted).toEqual(expected);

        // Every byte that is not blank belongs to exactly one event, in stream order.
        const covered = Buffer.concat(events.map((e) => e.raw));
        expect(nonBlank(covered).equals(nonBlank(data))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const framer = new Hj212Framer();
        const events = [...framer.push(bytes), ...framer.flush()];
        expect(events.filter((e) => e.ok)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
