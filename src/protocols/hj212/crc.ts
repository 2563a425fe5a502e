// CRC16 of HJ 212 frames and the two vendor variants seen in the field.
//
// HJ 212-2017 Appendix A ("ANSI CRC16", docs/standards/hj212.md §1.2) is *not* CRC-16/MODBUS: each
// byte is XOR-ed into the register's high byte after the register has been shifted right by 8, so
// only the high byte carries over between bytes. Both algorithms use the reflected polynomial
// 0xA001, so one 256-entry table serves both:
//   HJ 212:  reg = T[(reg >>> 8) ^ b]
//   Modbus:  reg = (reg >>> 8) ^ T[(reg ^ b) & 0xff]
// Every function takes start/end offsets so the framer can check a frame inside a larger buffer
// without copying it.

/** CRC algorithm a device uses: HJ 212 Appendix A (default), CRC-16/MODBUS, or Modbus byte-swapped. */
export type CrcVariant = 'standard' | 'modbus' | 'modbus-le';

/** All CRC variants, strict (`standard`) first. */
export const CRC_VARIANTS: readonly CrcVariant[] = ['standard', 'modbus', 'modbus-le'];

const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let reg = i;
    for (let k = 0; k < 8; k++) reg = reg & 1 ? (reg >>> 1) ^ 0xa001 : reg >>> 1;
    t[i] = reg;
  }
  return t;
})();

const HEX_DIGITS = '0123456789ABCDEF';

/** HJ 212-2017 Appendix A CRC16 of bytes[start, end) (check value: "123456789" → 0x2F80). */
export function hj212Crc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let reg = 0xffff;
  for (let i = start; i < end; i++) reg = TABLE[(reg >>> 8) ^ bytes[i]!]!;
  return reg;
}

/** CRC-16/MODBUS of bytes[start, end) as a 16-bit number (check value: "123456789" → 0x4B37). */
export function modbusCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let reg = 0xffff;
  for (let i = start; i < end; i++) reg = (reg >>> 8) ^ TABLE[(reg ^ bytes[i]!) & 0xff]!;
  return reg;
}

/**
 * CRC of bytes[start, end) as the 16-bit number whose 4 hex digits (high digit first) are
 * transmitted: `modbus` prints the CRC-16/MODBUS value high byte first (`4B37` for "123456789"),
 * `modbus-le` prints it low byte first, as a Modbus RTU frame orders it (`374B`).
 */
export function crc16(
  variant: CrcVariant,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): number {
  switch (variant) {
    case 'standard':
      return hj212Crc(bytes, start, end);
    case 'modbus':
      return modbusCrc(bytes, start, end);
    case 'modbus-le': {
      const v = modbusCrc(bytes, start, end);
      return ((v & 0xff) << 8) | (v >>> 8);
    }
  }
}

/** Formats a 16-bit CRC as the 4 upper-case hex digits written on the wire (HJ 212-2017 Table 2). */
export function formatCrc(value: number): string {
  return (
    HEX_DIGITS[(value >>> 12) & 15]! +
    HEX_DIGITS[(value >>> 8) & 15]! +
    HEX_DIGITS[(value >>> 4) & 15]! +
    HEX_DIGITS[value & 15]!
  );
}

/** CRC of bytes[start, end) in `variant`, as 4 upper-case hex digits as transmitted. */
export function crcHex(
  variant: CrcVariant,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): string {
  return formatCrc(crc16(variant, bytes, start, end));
}

/** Type guard for a CRC variant name (CLI flags, device configuration). */
export function isCrcVariant(value: unknown): value is CrcVariant {
  return value === 'standard' || value === 'modbus' || value === 'modbus-le';
}
