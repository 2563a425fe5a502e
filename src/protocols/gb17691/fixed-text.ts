// Fixed-width ASCII fields (VIN, ICCID, chip ID, calibration ID, CVN): Latin-1 text, padded
// with NUL when shorter; trailing NULs are dropped when reading, so bytes → text → bytes is
// lossless.

/** Latin-1 text of a fixed-width field, trailing NULs dropped. */
export function readText(data: Buffer, at: number, width: number): string {
  let end = at + width;
  while (end > at && data[end - 1] === 0) end--;
  return data.toString('latin1', at, end);
}

/** Writes Latin-1 text padded with NUL to `width`. Throws RangeError when longer or not Latin-1. */
export function writeText(
  key: string,
  value: string,
  width: number,
  out: Buffer,
  at: number,
): void {
  if (value.length > width || /[^\u0000-\u00ff]/.test(value)) {
    throw new RangeError(`字段 ${key} 应为不超过 ${width} 个 ASCII 字符，收到 "${value}"`);
  }
  out.fill(0, at, at + width);
  out.write(value, at, 'latin1');
}
