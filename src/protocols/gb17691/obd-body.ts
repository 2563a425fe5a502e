// The OBD information body (info type 0x01), 96 + 4·n bytes (docs/standards/gb17691.md §2,
// Annex Q text quoted in an implementation):
//   OBD protocol(1: 0 ISO 15765, 1 ISO 27145, 2 SAE J1939, 0xFE invalid) | MIL(1: 0 off, 1 on,
//   0xFE invalid) | diagnostic support status WORD | diagnostic readiness status WORD | VIN(17)
//   | software calibration ID(18) | CVN(18) | IUPR(36 = 18 WORDs, SAE J1979-DA G11) |
//   DTC count(1: 0–253, 0xFE invalid) | DTCs (4 bytes each)
// Calibration ID and CVN are padded with ASCII '0' by the standard; the codec keeps the text as
// sent (only trailing NUL bytes are dropped) and pads with NUL when building a shorter value.

import { readText, writeText } from './fixed-text.ts';
import { readRaw, writeRaw } from './scaled-field.ts';

/** Size of an OBD body without DTCs (the DTC count byte included). */
export const OBD_BASE_BYTES = 96;
/** Largest valid DTC count (0xFE = invalid). */
export const MAX_DTC_COUNT = 253;

/** Names of the 16 monitor bits of the support and readiness WORDs, bit 0 first (docs/standards/gb17691.md §2). */
export const OBD_MONITORS: readonly string[] = [
  'catalyst',
  'heatedCatalyst',
  'evaporativeSystem',
  'secondaryAir',
  'acRefrigerant',
  'exhaustGasSensor',
  'exhaustGasSensorHeater',
  'egrVvt',
  'coldStartAid',
  'boostPressure',
  'dpf',
  'scrNoxAdsorber',
  'nmhcCatalyst',
  'misfire',
  'fuelSystem',
  'comprehensiveComponent',
];

/** The decoded OBD fields (without type, time and serial). */
export interface ObdFields {
  /** 0 ISO 15765, 1 ISO 27145, 2 SAE J1939; null when 0xFE/0xFF (invalid). */
  protocol: number | null;
  /** 0 off, 1 on; null when 0xFE/0xFF (invalid). */
  mil: number | null;
  /** Support status WORD (bit names in OBD_MONITORS); null when 0xFFFF. */
  diagnosticSupport: number | null;
  /** Readiness status WORD (bit names in OBD_MONITORS); null when 0xFFFF. */
  diagnosticReadiness: number | null;
  /** The VIN the engine ECU reports. */
  vin: string;
  calibrationId: string;
  cvn: string;
  /** The 18 IUPR WORDs in wire order, raw (counters may legitimately reach 0xFFFF). */
  iupr: number[];
  /** Number of DTCs; null when the count byte says invalid (0xFE/0xFF, no list follows). */
  dtcCount: number | null;
  /** DTCs as 8 upper-case hex digits each, in wire order. */
  dtcs: string[];
}

/** Size of the OBD body at `at`, or -1 when its count byte is not yet within `end`. */
export function obdBodySize(data: Uint8Array, at: number, end: number): number {
  if (at + OBD_BASE_BYTES > end) return -1;
  const count = data[at + OBD_BASE_BYTES - 1]!;
  return OBD_BASE_BYTES + 4 * (count <= MAX_DTC_COUNT ? count : 0);
}

/** Decodes an OBD body at `at` (its size checked by the caller). */
export function readObd(data: Buffer, at: number): ObdFields {
  const count = data[at + 95]!;
  const n = count <= MAX_DTC_COUNT ? count : 0;
  const dtcs: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    dtcs[i] = data.toString('hex', at + 96 + 4 * i, at + 100 + 4 * i).toUpperCase();
  }
  const iupr: number[] = new Array(18);
  for (let i = 0; i < 18; i++) iupr[i] = readRaw(data, at + 59 + 2 * i, 2);
  const word = (o: number) => {
    const w = readRaw(data, at + o, 2);
    return w === 0xffff ? null : w;
  };
  return {
    protocol: enumByte(data[at]!),
    mil: enumByte(data[at + 1]!),
    diagnosticSupport: word(2),
    diagnosticReadiness: word(4),
    vin: readText(data, at + 6, 17),
    calibrationId: readText(data, at + 23, 18),
    cvn: readText(data, at + 41, 18),
    iupr,
    dtcCount: count <= MAX_DTC_COUNT ? count : null,
    dtcs,
  };
}

/** Size of the encoded body of these fields. */
export function obdEncodedSize(f: ObdFields): number {
  return OBD_BASE_BYTES + 4 * f.dtcs.length;
}

/** Writes an OBD body at `at`. Throws RangeError on values that do not fit. */
export function writeObd(f: ObdFields, out: Buffer, at: number): void {
  out[at] = enumRaw('protocol', f.protocol);
  out[at + 1] = enumRaw('mil', f.mil);
  writeRaw(out, at + 2, 2, word('diagnosticSupport', f.diagnosticSupport));
  writeRaw(out, at + 4, 2, word('diagnosticReadiness', f.diagnosticReadiness));
  writeText('vin', f.vin, 17, out, at + 6);
  writeText('calibrationId', f.calibrationId, 18, out, at + 23);
  writeText('cvn', f.cvn, 18, out, at + 41);
  if (f.iupr.length !== 18) throw new RangeError(`iupr 应为 18 个整数，收到 ${f.iupr.length} 个`);
  f.iupr.forEach((v, i) => writeRaw(out, at + 59 + 2 * i, 2, word(`iupr[${i}]`, v)));
  if (f.dtcCount === null && f.dtcs.length > 0) {
    throw new RangeError('dtcCount 为 null（无效）时 dtcs 必须为空');
  }
  if (f.dtcs.length > MAX_DTC_COUNT) throw new RangeError(`故障码最多 ${MAX_DTC_COUNT} 个`);
  out[at + 95] = f.dtcCount === null ? 0xfe : f.dtcs.length;
  f.dtcs.forEach((d, i) => {
    if (!/^[0-9A-Fa-f]{8}$/.test(d)) throw new RangeError(`故障码 "${d}" 应为 8 位十六进制`);
    out.write(d, at + 96 + 4 * i, 'hex');
  });
}

function enumByte(b: number): number | null {
  return b >= 0xfe ? null : b;
}

function enumRaw(key: string, v: number | null): number {
  if (v === null) return 0xfe;
  if (!Number.isInteger(v) || v < 0 || v > 0xfd)
    throw new RangeError(`字段 ${key} 应为 0–253 的整数或 null`);
  return v;
}

function word(key: string, v: number | null): number {
  if (v === null) return 0xffff;
  if (!Number.isInteger(v) || v < 0 || v > 0xffff)
    throw new RangeError(`字段 ${key} 应为 0–65535 的整数`);
  return v;
}
