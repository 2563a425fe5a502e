// Finding the MN in raw segment bytes, so that the framer can pick a device's CRC variant
// before the segment is parsed.

const SEMI = 0x3b;

/**
 * The value of the `MN=` header field in segment bytes [start, end), or undefined when there is
 * none before the CP area (HJ 212-2017 Table 3: header fields `name=value` separated by ';').
 */
export function peekMn(data: Uint8Array, start: number, end: number): string | undefined {
  for (let i = start; i + 3 <= end; i++) {
    if (i !== start && data[i - 1] !== SEMI) continue;
    if (data[i + 2] !== 0x3d) continue; // '='
    if (data[i] === 0x4d && data[i + 1] === 0x4e) {
      let j = i + 3;
      while (j < end && data[j] !== SEMI) j++;
      return Buffer.from(data.buffer, data.byteOffset + i + 3, j - i - 3).toString('latin1');
    }
    if (data[i] === 0x43 && data[i + 1] === 0x50) return undefined; // "CP=": header is over
  }
  return undefined;
}
