import { describe, expect, it } from 'vitest';
import { bcc } from './bcc.ts';
import { encodeFrame } from './serializer.ts';
import type { FrameEvent, FrameRejection, Gb17691Frame } from './frame-event.ts';
import { DEFAULT_MAX_DATA_LENGTH, Gb17691Framer } from './framer.ts';
import { realtimeFrame, VALID_VIN } from './test-frames.ts';
import { FRAME_VECTORS, T1_2_GB_SERIAL_FIRST, T1_4_HJ, T1_9_LOGOUT } from './test-vectors.ts';

const hex = (h: string) => Buffer.from(h, 'hex');
const latin1 = (s: string) => Buffer.from(s, 'latin1');

function feed(framer: Gb17691Framer, chunks: Uint8Array[]): FrameEvent[] {
  const out: FrameEvent[] = [];
  for (const c of chunks) out.push(...framer.push(c));
  out.push(...framer.flush());
  return out;
}
const kinds = (events: FrameEvent[]) => events.map((e) => (e.ok ? 'frame' : e.reason));
const rawHex = (e: FrameEvent) => e.raw.toString('hex').toUpperCase();
const frames = (events: FrameEvent[]) => events.filter((e): e is Gb17691Frame => e.ok);

/** A frame whose length WORD lies, with the BCC a terminal would compute over what it sent. */
function withLength(frame: Buffer, len: number): Buffer {
  const liar = Buffer.from(frame);
  liar.writeUInt16BE(len, 22);
  liar[liar.length - 1] = bcc(liar, 2, liar.length - 1);
  return liar;
}

const PLATFORM = encodeFrame(
  { start: '~~', command: 0x02, vin: VALID_VIN, replyFlag: 0xfe },
  hex(T1_4_HJ.hex.slice(48, -2)),
);
const VECTORS = FRAME_VECTORS.map((v) => hex(v.hex));
const ALL = [
  ...VECTORS,
  PLATFORM,
  realtimeFrame('hj1239'),
  realtimeFrame('gb-serial-per-block', 10),
];
const STREAM = Buffer.concat(ALL);
const ALL_HEX = ALL.map((b) => b.toString('hex').toUpperCase());

describe('Gb17691Framer: TCP splits and glue', () => {
  it('recovers every frame exactly once when the stream is split at any byte offset', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const events = feed(new Gb17691Framer(), [STREAM.subarray(0, cut), STREAM.subarray(cut)]);
      expect(events.map(rawHex)).toEqual(ALL_HEX);
    }
  });

  it('recovers every frame when split at every pair of offsets of a shorter stream', () => {
    const s = Buffer.concat([hex(T1_2_GB_SERIAL_FIRST.hex), hex(T1_9_LOGOUT.hex), PLATFORM]);
    const expected = [
      T1_2_GB_SERIAL_FIRST.hex,
      T1_9_LOGOUT.hex,
      PLATFORM.toString('hex').toUpperCase(),
    ];
    for (let a = 0; a <= s.length; a += 3) {
      for (let b = a; b <= s.length; b += 5) {
        const events = feed(new Gb17691Framer(), [
          s.subarray(0, a),
          s.subarray(a, b),
          s.subarray(b),
        ]);
        expect(events.map(rawHex)).toEqual(expected);
      }
    }
  });

  it('recovers every frame when fed one byte at a time', () => {
    const chunks = Array.from(STREAM, (b) => Uint8Array.of(b));
    expect(feed(new Gb17691Framer(), chunks).map(rawHex)).toEqual(ALL_HEX);
  });

  it('splits many frames glued in one chunk, as views without copies', () => {
    const glued = Buffer.concat(Array.from({ length: 300 }, (_, i) => ALL[i % ALL.length]!));
    const events = new Gb17691Framer().push(glued);
    expect(events).toHaveLength(300);
    expect(events.every((e) => e.ok && e.raw.buffer === glued.buffer)).toBe(true);
  });

  it('accepts plain Uint8Array views', () => {
    const b = Buffer.concat([latin1('xx'), VECTORS[0]!]);
    const view = new Uint8Array(b.buffer, b.byteOffset + 2, b.length - 2);
    expect(frames(feed(new Gb17691Framer(), [view]))).toHaveLength(1);
  });

  it('reads the header fields of "##" and "~~" frames', () => {
    const [f] = frames(feed(new Gb17691Framer(), [PLATFORM]));
    expect(f).toMatchObject({
      start: '~~',
      command: 2,
      vin: VALID_VIN,
      softwareVersion: null,
      replyFlag: 0xfe,
      encryption: 1,
    });
    expect(f!.data.length).toBe(52);
    const [g] = frames(feed(new Gb17691Framer(), [VECTORS[0]!]));
    expect(g).toMatchObject({ start: '##', command: 1, softwareVersion: 1, replyFlag: null });
  });

  it('treats "~~" as garbage when platform frames are switched off', () => {
    const events = feed(new Gb17691Framer({ platformFrames: false }), [PLATFORM, VECTORS[0]!]);
    expect(kinds(events)).toEqual(['bad_header', 'frame']);
  });
});

describe('Gb17691Framer: resynchronisation', () => {
  it('reports leading garbage once as bad_header and still finds the frame', () => {
    const events = feed(new Gb17691Framer(), [
      latin1('hello, world'),
      Buffer.concat([latin1('#x#'), VECTORS[0]!]),
    ]);
    expect(kinds(events)).toEqual(['bad_header', 'frame']);
    expect(events[0]!.raw.toString('latin1')).toBe('hello, world#x#');
  });

  it('finds a start right after stray "#" and "~" bytes', () => {
    const events = feed(new Gb17691Framer(), [
      Buffer.concat([latin1('#~#'), VECTORS[1]!, latin1('~'), PLATFORM]),
    ]);
    expect(kinds(events)).toEqual(['bad_header', 'frame', 'bad_header', 'frame']);
  });

  it('skips a "##" whose VIN bytes are not printable without waiting for its length', () => {
    const fake = Buffer.concat([
      latin1('##'),
      Buffer.from([0x02, 0x01, 0x02, 0x03]),
      Buffer.alloc(30, 0xff),
    ]);
    const framer = new Gb17691Framer();
    const events = framer.push(Buffer.concat([fake, VECTORS[0]!]));
    expect(kinds(events)).toEqual(['bad_header', 'frame']);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('rejects a wrong BCC as bcc_mismatch naming both values, and finds the next frame', () => {
    const bad = Buffer.from(VECTORS[0]!);
    bad[bad.length - 1] = 0x1b; // the right BCC is 0x41
    const events = feed(new Gb17691Framer(), [Buffer.concat([bad, VECTORS[1]!])]);
    expect(kinds(events)).toEqual(['bcc_mismatch', 'frame']);
    const r = events[0] as FrameRejection;
    expect(r.detail).toContain('0x1B');
    expect(r.detail).toContain('0x41');
    expect(r.raw.equals(bad)).toBe(true);
  });

  it('rejects a length corrupted in transit (BCC matching nowhere) and keeps the next frame', () => {
    const liar = Buffer.from(VECTORS[1]!);
    liar.writeUInt16BE(1000, 22);
    const events = feed(new Gb17691Framer(), [liar, VECTORS[2]!]);
    expect(kinds(events)).toEqual(['bad_length', 'frame']);
    expect((events[0] as FrameRejection).detail).toContain('其后已出现下一帧');
  });

  it('rejects a corrupted data byte as bcc_mismatch', () => {
    const bad = Buffer.from(VECTORS[1]!);
    bad.writeUInt8(bad.readUInt8(40) ^ 0x01, 40);
    expect(kinds(feed(new Gb17691Framer(), [bad, VECTORS[2]!]))).toEqual(['bcc_mismatch', 'frame']);
  });

  it('rejects a length that claims too many bytes as bad_length as soon as the next frame arrives', () => {
    const liar = withLength(VECTORS[1]!, 1000); // really 46
    const framer = new Gb17691Framer();
    expect(framer.push(liar)).toEqual([]); // waiting: it may be a long frame
    const events = framer.push(VECTORS[2]!);
    expect(kinds(events)).toEqual(['bad_length', 'frame']);
    expect((events[0] as FrameRejection).detail).toContain('实际为 46 字节');
    expect(rawHex(events[1]!)).toBe(VECTORS[2]!.toString('hex').toUpperCase());
  });

  it('rejects a length that claims too few bytes as bad_length and recovers what follows', () => {
    const liar = withLength(VECTORS[1]!, 40); // really 46
    const events = feed(new Gb17691Framer(), [Buffer.concat([liar, VECTORS[3]!])]);
    expect(kinds(events)).toEqual(['bad_length', 'frame']);
    expect((events[0] as FrameRejection).detail).toContain('实际为 46 字节');
  });

  it('rejects a length above the limit at once, buffering nothing of it', () => {
    const framer = new Gb17691Framer({ maxDataLength: 100 });
    const big = encodeFrame({ command: 2, vin: VALID_VIN }, Buffer.alloc(101));
    const events = framer.push(big.subarray(0, 30));
    expect(framer.bufferedBytes).toBeLessThan(30);
    events.push(...framer.push(Buffer.concat([big.subarray(30), VECTORS[0]!])), ...framer.flush());
    expect(kinds(events)).toEqual(['bad_length', 'frame']);
    expect((events[0] as FrameRejection).detail).toContain('超过上限 100');
  });

  it('reports a frame cut off by the end of the stream as truncated', () => {
    const events = feed(new Gb17691Framer(), [VECTORS[0]!, VECTORS[1]!.subarray(0, 30)]);
    expect(kinds(events)).toEqual(['frame', 'truncated']);
    expect((events[1] as FrameRejection).length).toBe(30);
  });

  it('at the end of the stream, still finds frames inside a truncated lying frame', () => {
    const liar = withLength(VECTORS[1]!, 2000);
    // The inner frame is followed by garbage, so nothing proves the lie before the end.
    const events = feed(new Gb17691Framer(), [Buffer.concat([liar, VECTORS[3]!, latin1('tail')])]);
    expect(kinds(events)).toEqual(['truncated', 'frame', 'bad_header']);
    expect(rawHex(events[1]!)).toBe(VECTORS[3]!.toString('hex').toUpperCase());
  });

  it('refuses a fragment whose BCC matches by chance when a genuine frame begins inside it', () => {
    // A frame cut after 30 bytes whose length claims 46: the next frame fills the claimed span,
    // and the byte where the fragment's BCC should be happens to match (once in 256 fragments).
    const fragment = VECTORS[1]!.subarray(0, 30);
    const next = Buffer.from(VECTORS[3]!);
    const claimedBcc = 24 + 46 - fragment.length; // index inside `next`
    next[claimedBcc] = bcc(Buffer.concat([fragment, next]), 2, 24 + 46);
    next[next.length - 1] = bcc(next, 2, next.length - 1); // `next` stays a valid frame
    const events = feed(new Gb17691Framer(), [Buffer.concat([fragment, next, VECTORS[4]!])]);
    expect(kinds(events)).toEqual(['bad_length', 'frame', 'frame']);
    expect(events[1]!.raw.equals(next)).toBe(true);
  });

  it('holds a frame whose last bytes could begin another until the next bytes settle it', () => {
    const tail = encodeFrame(
      { start: '~~', command: 0x07, vin: 'PLATFORM01' },
      Buffer.from('01022323', 'hex'),
    );
    const framer = new Gb17691Framer();
    expect(framer.push(tail)).toEqual([]); // "##" + BCC could still begin a header
    const events = framer.push(VECTORS[0]!);
    expect(events.map(rawHex)).toEqual(
      [tail, VECTORS[0]!].map((b) => b.toString('hex').toUpperCase()),
    );
  });

  it('does not hold a frame that ends a chunk when nothing inside it could begin a frame', () => {
    expect(kinds(new Gb17691Framer().push(VECTORS[1]!))).toEqual(['frame']);
  });

  it('caps the copy of a long rejected run but reports its full length', () => {
    const garbage = Buffer.alloc(10_000, 0x41);
    const [r] = feed(new Gb17691Framer({ maxRejectedBytes: 100 }), [garbage]) as FrameRejection[];
    expect(r!.raw.length).toBe(100);
    expect(r!.length).toBe(10_000);
  });

  it('never holds more than one incomplete frame (maxDataLength + 25 bytes) of garbage', () => {
    const framer = new Gb17691Framer();
    const header = encodeFrame(
      { command: 2, vin: VALID_VIN },
      Buffer.alloc(DEFAULT_MAX_DATA_LENGTH),
    ).subarray(0, -1);
    framer.push(header);
    expect(framer.bufferedBytes).toBeLessThanOrEqual(DEFAULT_MAX_DATA_LENGTH + 25);
    for (let i = 0; i < 50; i++) {
      framer.push(Buffer.alloc(1000, 0x41));
      expect(framer.bufferedBytes).toBeLessThanOrEqual(DEFAULT_MAX_DATA_LENGTH + 25);
    }
  });

  it('refuses a maximum above the standard length WORD', () => {
    expect(() => new Gb17691Framer({ maxDataLength: 65532 })).toThrow(RangeError);
  });
});
