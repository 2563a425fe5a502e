import { describe, expect, it } from 'vitest';
import type { FrameEvent, FrameRejection, Hj212Frame } from './frame-event.ts';
import { Hj212Framer } from './framer.ts';
import { peekMn } from './peek-mn.ts';
import { crcHex } from './crc.ts';
import { encodeFrame } from './serializer.ts';
import { BAD_CRC_VECTORS, VALID_VECTORS, segmentOf } from './test-vectors.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

function feed(framer: Hj212Framer, chunks: Uint8Array[]): FrameEvent[] {
  const out: FrameEvent[] = [];
  for (const c of chunks) out.push(...framer.push(c));
  out.push(...framer.flush());
  return out;
}
const frames = (events: FrameEvent[]) => events.filter((e): e is Hj212Frame => e.ok);
const rejections = (events: FrameEvent[]) => events.filter((e): e is FrameRejection => !e.ok);
const rawText = (e: FrameEvent) => e.raw.toString('latin1');
// A frame is complete by length and CRC; its CR LF is part of raw only when it came along.
const line = (s: string) => s.replace(/\r?\n?$/, '');
const lineText = (e: FrameEvent) => line(rawText(e));

const [V1, V2, V3, V4] = VALID_VECTORS.map((v) => v.frame) as [string, string, string, string];

describe('Hj212Framer: the §10.1 vectors', () => {
  it.each(VALID_VECTORS)('accepts vector $name', (v) => {
    const events = feed(new Hj212Framer(), [bytes(v.frame)]);
    expect(events).toHaveLength(1);
    const f = events[0] as Hj212Frame;
    expect(f.ok).toBe(true);
    expect(f.segment.toString('latin1')).toBe(segmentOf(v.frame));
    expect(f.segment.length).toBe(v.length);
    expect(f.crcReceived.toUpperCase()).toBe(v.crc);
    expect(rawText(f)).toBe(v.frame);
    expect(f.crcVariant).toBe('standard');
  });

  it.each(BAD_CRC_VECTORS)('rejects vector $name as crc_mismatch naming $computed', (v) => {
    const events = feed(new Hj212Framer(), [bytes(v.frame)]);
    expect(events).toHaveLength(1);
    const r = events[0] as FrameRejection;
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('crc_mismatch');
    expect(r.detail).toContain(v.computed);
    expect(rawText(r)).toBe(v.frame);
  });

  it('keeps the received CRC case (lower-case cc01 of vector 2)', () => {
    const [f] = frames(feed(new Hj212Framer(), [bytes(V2)]));
    expect(f!.crcReceived).toBe('cc01');
  });
});

describe('Hj212Framer: stream handling', () => {
  const stream = bytes(V1 + V2 + V3 + V4);

  it('recovers every frame exactly once when the stream is split at any byte offset', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const events = feed(new Hj212Framer(), [stream.subarray(0, cut), stream.subarray(cut)]);
      expect(events.map(lineText)).toEqual([V1, V2, V3, V4].map(line));
    }
  });

  it('recovers every frame when fed one byte at a time', () => {
    const chunks = Array.from(stream, (b) => Uint8Array.of(b));
    expect(feed(new Hj212Framer(), chunks).map(lineText)).toEqual([V1, V2, V3, V4].map(line));
  });

  it('splits many frames glued in one chunk', () => {
    const glued = Array.from({ length: 250 }, (_, i) => VALID_VECTORS[i % 4]!.frame).join('');
    const events = feed(new Hj212Framer(), [bytes(glued)]);
    expect(events).toHaveLength(250);
    expect(events.every((e) => e.ok)).toBe(true);
  });

  it('accepts a bare LF and tolerates the missing CR', () => {
    const bare = V1.replace('\r\n', '\n');
    const events = feed(new Hj212Framer(), [bytes(bare + V2)]);
    expect(events.map(rawText)).toEqual([bare, V2]);
  });

  it('accepts frames given as plain Uint8Array views', () => {
    const b = bytes('xx' + V1);
    const view = new Uint8Array(b.buffer, b.byteOffset + 2, b.length - 2);
    expect(frames(feed(new Hj212Framer(), [view]))).toHaveLength(1);
  });

  it('skips blank lines between frames silently', () => {
    const events = feed(new Hj212Framer(), [bytes('\r\n' + V1 + '\r\n\r\n \t' + V2 + '\n')]);
    expect(events.map(rawText)).toEqual([V1, V2]);
  });

  it('reports leading garbage once as bad_header and still finds the frame', () => {
    const events = feed(new Hj212Framer(), [bytes('hello, world'), bytes('#x#' + V1)]);
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['bad_header', 'frame']);
    expect(rawText(events[0]!)).toBe('hello, world#x#');
  });

  it('reports each rejected line on its own in line mode', () => {
    const bad = BAD_CRC_VECTORS[0]!.frame.replace('\r\n', '\n');
    const events = feed(new Hj212Framer(), [bytes(bad + 'hello\n\n' + V1 + 'bye')]);
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual([
      'crc_mismatch',
      'bad_header',
      'frame',
      'bad_header',
    ]);
    expect(events.map(rawText)).toEqual([bad, 'hello\n', V1, 'bye']);
  });

  it('finds a header right after a stray "#" ("###0101…")', () => {
    const events = feed(new Hj212Framer(), [bytes('#' + V1)]);
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['bad_header', 'frame']);
  });

  it('reports a frame cut off by the end of the stream as truncated', () => {
    const events = feed(new Hj212Framer(), [bytes(V1 + V2.slice(0, 100))]);
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['frame', 'truncated']);
    expect(rawText(events[1]!)).toBe(V2.slice(0, 100));
  });
});

describe('Hj212Framer: resynchronisation', () => {
  it('rejects an over-long declared length as bad_length without buffering it', () => {
    const framer = new Hj212Framer({ maxFrameLength: 1024 });
    const events = framer.push(bytes('##2000QN=123'));
    expect(framer.bufferedBytes).toBe(0);
    expect(events).toEqual([]); // the rejected run ends at the next frame
    const after = [...framer.push(bytes('x'.repeat(5000) + V1)), ...framer.flush()];
    expect(after.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['bad_length', 'frame']);
    const r = after[0] as FrameRejection;
    expect(r.detail).toContain('2000');
    expect(r.length).toBe(12 + 5000);
    expect(r.raw.length).toBe(4096); // copy capped at maxRejectedBytes
    expect(framer.bufferedBytes).toBe(0);
  });

  it('accepts the 1,025–1,623-byte frames of real loggers by default; a configured maximum refuses them', () => {
    const seg =
      'QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&DataTime=20160801085857;' +
      'a01001-Rtd=1.0,a01001-Flag=N;'.repeat(60) +
      'x=1&&';
    const frame = encodeFrame(seg);
    expect(seg.length).toBeGreaterThan(1024);
    expect(frames(feed(new Hj212Framer(), [frame]))).toHaveLength(1);
    expect(new Hj212Framer().maxFrameLength).toBe(9999);
    const strict = new Hj212Framer({ maxFrameLength: 1024 });
    expect(rejections(feed(strict, [frame]))[0]!.reason).toBe('bad_length');
    expect(() => new Hj212Framer({ maxFrameLength: 10000 })).toThrow(RangeError);
  });

  it('recovers a valid frame hidden behind a garbage "##0999" prefix as soon as it is complete', () => {
    const framer = new Hj212Framer();
    const events = framer.push(bytes('##0999' + V1));
    // No more bytes arrive, yet the frame is out: the LF inside the claimed span disproves it.
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['bad_length', 'frame']);
    expect(rawText(events[0]!)).toBe('##0999');
    expect(rawText(events[1]!)).toBe(V1);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('recovers a valid frame when a garbage header claims exactly up to its CRC', () => {
    // "##0123" + filler whose claimed end lands on V1's own CRC and CRLF: the outer candidate
    // fails its CRC, and scanning resumes inside it, finding V1.
    const filler = 'abc';
    const claimed = filler.length + V1.length - 6;
    const text = '##' + String(claimed).padStart(4, '0') + filler + V1;
    const events = feed(new Hj212Framer(), [bytes(text)]);
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['crc_mismatch', 'frame']);
    expect(rawText(events[1]!)).toBe(V1);
  });

  it('recovers after a declared length that is too short', () => {
    const short = V1.replace('##0101', '##0050');
    const events = feed(new Hj212Framer(), [bytes(short + V2)]);
    expect(events.map((e) => (e.ok ? 'frame' : e.reason))).toEqual(['bad_length', 'frame']);
    expect((events[0] as FrameRejection).detail).toContain('101');
    expect(rawText(events[0]!)).toBe(short);
  });

  it('rejects a non-hex CRC as bad_trailer, and a missing line end only when CR LF is demanded', () => {
    const nonHex = V1.replace('1C80', '1G80');
    const noEol = V1.replace('\r\n', 'XY');
    const kinds = (events: FrameEvent[]) => events.map((e) => (e.ok ? 'frame' : e.reason));
    const data = bytes(nonHex + noEol + V2);
    expect(kinds(feed(new Hj212Framer(), [data]))).toEqual([
      'bad_trailer',
      'frame',
      'bad_header',
      'frame',
    ]);
    expect(kinds(feed(new Hj212Framer({ requireCrLf: true }), [data]))).toEqual([
      'bad_trailer',
      'bad_trailer',
      'frame',
    ]);
    const perDevice = new Hj212Framer({ requireCrLf: (mn) => mn === '010000A8900016F000169DC0' });
    expect(kinds(feed(perDevice, [data]))).toEqual(['bad_trailer', 'bad_trailer', 'frame']);
  });

  it('completes a frame without CR LF at once, and two frames glued without it', () => {
    const bare = (v: string) => v.replace('\r\n', '');
    const framer = new Hj212Framer();
    expect(framer.push(bytes(bare(V1))).map(rawText)).toEqual([bare(V1)]);
    expect(framer.bufferedBytes).toBe(0);
    const glued = feed(new Hj212Framer(), [bytes(bare(V1) + bare(V2) + V3)]);
    expect(glued.map(rawText)).toEqual([bare(V1), bare(V2), V3]);
    // A lone CR after the CRC belongs to the frame; the LF that follows later is skipped.
    const cr = new Hj212Framer();
    expect(cr.push(bytes(V1.replace('\n', ''))).map(rawText)).toEqual([V1.replace('\n', '')]);
    expect([...cr.push(bytes('\n')), ...cr.flush()]).toEqual([]);
  });

  it('never holds more than one frame while waiting', () => {
    const framer = new Hj212Framer();
    framer.push(bytes('##1024' + 'a'.repeat(1020)));
    expect(framer.bufferedBytes).toBeLessThanOrEqual(1024 + 12);
    // The default accepts any declared length; a lying ##9999 without LF holds ≤ 9999 + 12.
    for (let i = 0; i < 20; i++) framer.push(bytes('b'.repeat(1000)));
    expect(framer.bufferedBytes).toBeLessThanOrEqual(9999 + 12);
  });
});

describe('Hj212Framer: CRC variants', () => {
  const seg = segmentOf(V1);
  const modbusFrame = (variant: 'modbus' | 'modbus-le') =>
    bytes(V1.replace('1C80', crcHex(variant, bytes(seg))));

  it('is strict by default and says which variant the device uses', () => {
    const [r] = feed(new Hj212Framer(), [modbusFrame('modbus')]) as FrameRejection[];
    expect(r!.reason).toBe('crc_mismatch');
    expect(r!.detail).toContain('1C80');
    expect(r!.detail).toContain('modbus');
  });

  it.each(['modbus', 'modbus-le'] as const)('accepts %s when configured', (variant) => {
    const [f] = feed(new Hj212Framer({ crc: variant }), [modbusFrame(variant)]) as Hj212Frame[];
    expect(f!.ok).toBe(true);
    expect(f!.crcVariant).toBe(variant);
  });

  it('looks the variant up by the MN peeked from the segment', () => {
    const seen: Array<string | undefined> = [];
    const framer = new Hj212Framer({
      crc: (mn) => {
        seen.push(mn);
        return mn === '010000A8900016F000169DC0' ? 'modbus' : 'standard';
      },
    });
    const events = feed(framer, [modbusFrame('modbus'), bytes(V2)]);
    expect(events.every((e) => e.ok)).toBe(true);
    expect(seen).toEqual(['010000A8900016F000169DC0', 'Y80110010000010']);
  });
});

describe('peekMn', () => {
  const seg = (s: string) => Buffer.from(s, 'latin1');
  it('finds MN only as a header field before the CP area', () => {
    const a = seg('QN=1;ST=22;MN=ABC123;CP=&&MN=X&&');
    expect(peekMn(a, 0, a.length)).toBe('ABC123');
    const b = seg('ST=22;XMN=1;CP=&&MN=X&&');
    expect(peekMn(b, 0, b.length)).toBeUndefined();
    const c = seg('MN=first;ST=22');
    expect(peekMn(c, 0, c.length)).toBe('first');
    expect(peekMn(c, 0, 5)).toBe('fi');
  });
});
