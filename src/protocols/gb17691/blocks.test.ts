// Field decoding: invalid readings are null, ranges are enforced, signs applied, and every body
// spec adds up to its documented size.

import { describe, expect, it } from 'vitest';
import { BODY_SPECS, DATA_STREAM } from './body-specs.ts';
import { readBlock, writeBlock, type Block, type DataStreamBlock } from './blocks.ts';
import { readPosition, writePosition } from './position.ts';
import { readScaled, writeScaled, type ScaledField } from './scaled-field.ts';
import { STREAM_BODY_HEX } from './test-vectors.ts';
import { streamBlock } from './test-frames.ts';

const field = (key: string) => DATA_STREAM.items.find((i) => i.key === key) as ScaledField;
const body = () => Buffer.from(STREAM_BODY_HEX, 'hex');

describe('body specs', () => {
  it.each([...BODY_SPECS.values()])('$name adds up to $size bytes', (spec) => {
    expect(spec.items.reduce((s, i) => s + i.bytes, 0)).toBe(spec.size);
  });
});

describe('scaled fields', () => {
  it('reports all-0xFF fields as null, not numbers', () => {
    const b = Buffer.alloc(37, 0xff);
    const block = readBlock(2, null, null, b, 0, 37) as DataStreamBlock;
    for (const item of DATA_STREAM.items) {
      if (item.key !== 'position') expect(block[item.key as keyof DataStreamBlock]).toBeNull();
    }
    expect(block.lon).toBeNull();
    expect(block.lat).toBeNull();
    expect(block.fixValid).toBe(false);
  });

  it('reports raw values above the J1939 range (0xFB–0xFE error markers) as null', () => {
    expect(readScaled(field('reagent'), Buffer.of(0xfa), 0)).toBe(100);
    expect(readScaled(field('reagent'), Buffer.of(0xfb), 0)).toBeNull();
    expect(readScaled(field('reagent'), Buffer.of(0xfe), 0)).toBeNull();
    expect(readScaled(field('speed'), Buffer.of(0xfa, 0xff), 0)).toBe(250.99609375);
    expect(readScaled(field('speed'), Buffer.of(0xfb, 0x00), 0)).toBeNull();
  });

  it('applies offsets: torque −125, coolant −40, SCR temperature −273, NOx −200', () => {
    expect(readScaled(field('torque'), Buffer.of(0), 0)).toBe(-125);
    expect(readScaled(field('coolantTemp'), Buffer.of(0), 0)).toBe(-40);
    expect(readScaled(field('scrInletTemp'), Buffer.of(0, 0), 0)).toBe(-273);
    expect(readScaled(field('noxUpstream'), Buffer.of(0, 1), 0)).toBe(-199.95);
  });

  it('writes null as all-0xFF and rounds to the resolution', () => {
    const b = Buffer.alloc(2);
    writeScaled(field('rpm'), null, b, 0);
    expect(b.toString('hex')).toBe('ffff');
    writeScaled(field('rpm'), 1600.07, b, 0);
    expect(readScaled(field('rpm'), b, 0)).toBe(1600.125);
  });

  it('refuses to write a value outside the range, naming the field', () => {
    expect(() => writeScaled(field('reagent'), 101, Buffer.alloc(1), 0)).toThrow(/reagent/);
    expect(() => writeScaled(field('torque'), -126, Buffer.alloc(1), 0)).toThrow(/torque/);
    expect(() => writeScaled(field('speed'), Number.NaN, Buffer.alloc(2), 0)).toThrow(/speed/);
  });
});

describe('position', () => {
  const pos = (status: number, lon: number, lat: number) => {
    const b = Buffer.alloc(9);
    b[0] = status;
    b.writeUInt32BE(lon, 1);
    b.writeUInt32BE(lat, 5);
    return readPosition(b, 0);
  };

  it('applies south and west signs', () => {
    expect(pos(0b110, 70_123_456, 33_000_001)).toEqual({
      fixValid: true,
      lon: -70.123456,
      lat: -33.000001,
    });
  });

  it('keeps the last position with fixValid false when the fix is lost', () => {
    expect(pos(1, 114_538_962, 36_625_657)).toEqual({
      fixValid: false,
      lon: 114.538962,
      lat: 36.625657,
    });
  });

  it('enforces latitude 0–90 and longitude 0–180', () => {
    expect(pos(0, 180_000_001, 90_000_001)).toMatchObject({ lon: null, lat: null });
    expect(pos(0, 180_000_000, 90_000_000)).toMatchObject({ lon: 180, lat: 90 });
  });

  it('reports the raw status when fixValid and the signs cannot say it, and writes it back', () => {
    const p = pos(0b1010, 0, 0); // south at latitude 0, and a vendor bit 3
    expect(p).toEqual({ fixValid: true, lon: 0, lat: 0, positionStatus: 0b1010 });
    const b = Buffer.alloc(9);
    writePosition(p, b, 0);
    expect(b[0]).toBe(0b1010);
  });
});

describe('blocks', () => {
  it('round-trips the §10.4 body byte for byte', () => {
    const block = readBlock(2, null, null, body(), 0, 37);
    const out = Buffer.alloc(37);
    writeBlock(block, out, 0);
    expect(out.toString('hex').toUpperCase()).toBe(STREAM_BODY_HEX);
  });

  it('names a missing field when building', () => {
    const { speed: _speed, ...rest } = streamBlock('2024-05-01T08:30:00+08:00');
    expect(() => writeBlock(rest as unknown as Block, Buffer.alloc(37), 0)).toThrow(/speed/);
  });
});
