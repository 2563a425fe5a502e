// Hexadecimal text ↔ bytes, as installers paste frames (spaces, tabs, ":" and "-" between bytes
// and a leading "0x" are tolerated).

/** Bytes of a hex string, or null when it is not an even number of hex digits. */
export function bytesFromHex(text: string): Buffer | null {
  let s = text.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  s = s.replace(/[\s:-]+/g, '');
  if (s.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(s)) return null;
  return Buffer.from(s, 'hex');
}

/** Upper-case hex of the bytes, without separators. */
export function toHex(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex').toUpperCase();
}
