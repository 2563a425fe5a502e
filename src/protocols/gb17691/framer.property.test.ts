import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cutAt, pieceStreams } from '../test-streams.ts';
import type { FrameEvent } from './frame-event.ts';
import { Gb17691Framer } from './framer.ts';
import { encodeFrame } from './serializer.ts';
import { realtimeFrame, VALID_VIN } from './test-frames.ts';
import { FRAME_VECTORS } from './test-vectors.ts';

const VALID: Buffer[] = [
  ...FRAME_VECTORS.map((v) => Buffer.from(v.hex, 'hex')),
  realtimeFrame('hj1239', 10, { withObd: true }),
  realtimeFrame('gb-serial-first', 10),
  realtimeFrame('gb-serial-per-block', 1),
  encodeFrame(
    { start: '~~', command: 0x07, vin: 'PLATFORM01', replyFlag: 0xfe },
    Buffer.from('0102', 'hex'),
  ),
];

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const printable = fc.string({
  minLength: 17,
  maxLength: 17,
  unit: fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789 #~'),
});

// Garbage that looks like frames as often as possible: random bytes; starts followed by a
// printable VIN and a random rest (headers whose length lies); runs of "#", "~" and printable
// text; fragments of valid frames (cut anywhere, so their declared length swallows what follows).
const garbage: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a)),
  fc
    .tuple(
      fc.constantFrom('##', '~~'),
      fc.integer({ min: 0, max: 255 }),
      printable,
      fc.uint8Array({ maxLength: 40 }),
    )
    .map(([s, c, vin, rest]) =>
      Buffer.concat([latin1(s), Buffer.of(c), latin1(vin), Buffer.from(rest)]),
    ),
  fc
    .array(fc.constantFrom(...'##~~#~ LSV0123'.split('')), { maxLength: 30 })
    .map((cs) => latin1(cs.join(''))),
  fc.tuple(fc.constantFrom(...VALID), fc.nat()).map(([f, n]) => f.subarray(0, n % f.length)),
);

const stream = pieceStreams(VALID, garbage);

describe('Gb17691Framer properties', () => {
  it('recovers every valid frame among garbage at random split points, and covers every byte once', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (pieces, cuts) => {
        const data = Buffer.concat(pieces.map((p) => p.bytes));
        const framer = new Gb17691Framer({ maxRejectedBytes: 1 << 20 });
        const events: FrameEvent[] = [];
        for (const chunk of cutAt(data, cuts)) {
          events.push(...framer.push(chunk));
          expect(framer.bufferedBytes).toBeLessThanOrEqual(2 * (framer.maxDataLength + 25));
        }
        events.push(...framer.flush());

        const accepted = events.filter((e) => e.ok).map((e) => e.raw.toString('hex'));
        const expected = pieces.filter((p) => p.valid).map((p) => p.bytes.toString('hex'));
        // Garbage may by chance contain a whole valid frame (a fragment that is complete); every
        // valid piece must be among the accepted frames, in order.
        let i = 0;
        for (const a of accepted) if (a === expected[i]) i++;
        expect(i).toBe(expected.length);

        // Every byte belongs to exactly one event, in stream order.
        expect(Buffer.concat(events.map((e) => e.raw)).equals(data)).toBe(true);
        expect(events.reduce((s, e) => s + (e.ok ? e.raw.length : e.length), 0)).toBe(data.length);
      }),
      { numRuns: Number(process.env.GB17691_RUNS ?? 3000) },
    );
  });

  it('never accepts random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const framer = new Gb17691Framer();
        const events = [...framer.push(bytes), ...framer.flush()];
        expect(events.filter((e) => e.ok)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
