// A scaled numeric field of an information body: big-endian unsigned raw value, physical value
// = raw × num / den + offset (docs/standards/gb17691.md §3; docs/trucks.md).
//
// Invalid readings are null, never numbers: a field whose bytes are all 0xFF is "invalid", and a
// raw value above the documented range is not a reading either (the ranges are those of SAE
// J1939, where 0xFB–0xFF in a byte are reserved, error and "not available" markers; e.g. speed
// 0–250.996 km/h is raw 0–0xFAFF). Values are computed as (raw·num + offset·den) / den on
// integers, so they print as the decimals the resolution gives (0.4 % × 200 = 80, not 80.00001).

/** One scaled field: its JSON key, width and resolution. */
export interface ScaledField {
  readonly key: string;
  readonly bytes: 1 | 2 | 4;
  /** Resolution numerator (resolution = num / den). */
  readonly num: number;
  /** Resolution denominator. */
  readonly den: number;
  /** Physical offset; offset × den must be an integer. */
  readonly offset: number;
  /** Largest raw value that is a reading; larger raw values (and all-0xFF) decode as null. */
  readonly maxRaw: number;
}

const ALL_FF = { 1: 0xff, 2: 0xffff, 4: 0xffffffff } as const;

/** Declares a scaled field; maxRaw defaults to "everything but all-0xFF". */
export function scaled(
  key: string,
  bytes: 1 | 2 | 4,
  resolution: [num: number, den: number],
  offset = 0,
  maxRaw: number = ALL_FF[bytes] - 1,
): ScaledField {
  return { key, bytes, num: resolution[0], den: resolution[1], offset, maxRaw };
}

/** The big-endian unsigned value of `bytes` bytes at `at`. */
export function readRaw(data: Uint8Array, at: number, bytes: 1 | 2 | 4): number {
  if (bytes === 1) return data[at]!;
  if (bytes === 2) return (data[at]! << 8) | data[at + 1]!;
  return ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
}

/** Writes a big-endian unsigned value. */
export function writeRaw(out: Uint8Array, at: number, bytes: 1 | 2 | 4, raw: number): void {
  for (let i = bytes - 1; i >= 0; i--) {
    out[at + i] = raw & 0xff;
    raw = Math.floor(raw / 256);
  }
}

/** The physical value of the field at `at`, or null when invalid. */
export function readScaled(f: ScaledField, data: Uint8Array, at: number): number | null {
  const raw = readRaw(data, at, f.bytes);
  if (raw > f.maxRaw) return null;
  return (raw * f.num + f.offset * f.den) / f.den;
}

/**
 * Writes a physical value (rounded to the resolution); null writes all-0xFF. Throws RangeError
 * naming the field when the value is not a finite number in the field's range.
 */
export function writeScaled(
  f: ScaledField,
  value: number | null,
  out: Uint8Array,
  at: number,
): void {
  if (value === null) {
    writeRaw(out, at, f.bytes, ALL_FF[f.bytes]);
    return;
  }
  const raw = Math.round(((value - f.offset) * f.den) / f.num);
  if (!Number.isFinite(value) || raw < 0 || raw > f.maxRaw) {
    const lo = (f.offset * f.den) / f.den;
    const hi = (f.maxRaw * f.num + f.offset * f.den) / f.den;
    throw new RangeError(`字段 ${f.key} 的值 ${value} 超出范围 ${lo}–${hi}（无效值请写 null）`);
  }
  writeRaw(out, at, f.bytes, raw);
}
