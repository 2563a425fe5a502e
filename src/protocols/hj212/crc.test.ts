import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc16, crcHex, formatCrc, hj212Crc, isCrcVariant, modbusCrc } from './crc.ts';
import { BAD_CRC_VECTORS, VALID_VECTORS, segmentOf } from './test-vectors.ts';

// Bitwise reference implementations, written from docs/standards/hj212.md §1.2 and the
// CRC-16/MODBUS definition, to check the table-driven code against.
function referenceHj212(bytes: Uint8Array): number {
  let reg = 0xffff;
  for (const b of bytes) {
    reg = (reg >>> 8) ^ b;
    for (let i = 0; i < 8; i++) {
      const lsb = reg & 1;
      reg >>>= 1;
      if (lsb) reg ^= 0xa001;
    }
  }
  return reg;
}
function referenceModbus(bytes: Uint8Array): number {
  let reg = 0xffff;
  for (const b of bytes) {
    reg ^= b;
    for (let i = 0; i < 8; i++) {
      const lsb = reg & 1;
      reg >>>= 1;
      if (lsb) reg ^= 0xa001;
    }
  }
  return reg;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('HJ 212 CRC (docs/standards/hj212.md §1.2, §10.1)', () => {
  it('gives the check values of §10.1 item 6 and §1.2', () => {
    expect(crcHex('standard', ascii('123456789'))).toBe('2F80');
    expect(crcHex('standard', ascii(''))).toBe('FFFF');
    expect(crcHex('standard', ascii('A'))).toBe('7080');
  });

  it('is not CRC-16/MODBUS: the Modbus variants give 4B37 and its byte swap 374B', () => {
    expect(crcHex('modbus', ascii('123456789'))).toBe('4B37');
    expect(crcHex('modbus-le', ascii('123456789'))).toBe('374B');
    expect(crcHex('modbus', ascii(''))).toBe('FFFF');
    expect(crcHex('modbus', ascii('A'))).toBe('707F');
    expect(crcHex('modbus-le', ascii('A'))).toBe('7F70');
  });

  it.each(VALID_VECTORS)('matches the CRC of vector $name', (v) => {
    const seg = ascii(segmentOf(v.frame));
    expect(seg.length).toBe(v.length);
    expect(crcHex('standard', seg)).toBe(v.crc);
  });

  it.each(BAD_CRC_VECTORS)('computes $computed for negative vector $name', (v) => {
    expect(crcHex('standard', ascii(segmentOf(v.frame)))).toBe(v.computed);
  });

  it('honours start/end offsets without copying', () => {
    const buf = ascii('xx123456789yy');
    expect(crcHex('standard', buf, 2, 11)).toBe('2F80');
    expect(crcHex('modbus', buf, 2, 11)).toBe('4B37');
    expect(hj212Crc(buf.subarray(2, 11))).toBe(0x2f80);
  });

  it('equals the bitwise reference for any bytes and any variant', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const hj = referenceHj212(bytes);
        const mb = referenceModbus(bytes);
        expect(hj212Crc(bytes)).toBe(hj);
        expect(modbusCrc(bytes)).toBe(mb);
        expect(crc16('standard', bytes)).toBe(hj);
        expect(crc16('modbus', bytes)).toBe(mb);
        expect(crc16('modbus-le', bytes)).toBe(((mb & 0xff) << 8) | (mb >>> 8));
      }),
    );
  });

  it('formats 4 upper-case hex digits, zero-padded', () => {
    expect(formatCrc(0)).toBe('0000');
    expect(formatCrc(0xabc)).toBe('0ABC');
    expect(formatCrc(0xffff)).toBe('FFFF');
  });

  it('recognises variant names', () => {
    expect(isCrcVariant('modbus-le')).toBe(true);
    expect(isCrcVariant('MODBUS')).toBe(false);
    expect(isCrcVariant(undefined)).toBe(false);
  });
});
