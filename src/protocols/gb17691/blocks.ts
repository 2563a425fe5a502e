// Information blocks of real-time (0x02) and reissue (0x03) data units: the decoded shape of each
// info type and the decoding / encoding of one body. Every block carries its collection time
// (its own time in HJ 1239; the frame's time in the GB 17691 layouts) and its serial number
// (only in the GB "serial per block" layout; null otherwise).

import { BODY_SPECS, type BodySpec } from './body-specs.ts';
import { toHex } from './hex.ts';
import { obdBodySize, obdEncodedSize, readObd, writeObd, type ObdFields } from './obd-body.ts';
import { readPosition, writePosition, type Position } from './position.ts';
import { readScaled, writeScaled, type ScaledField } from './scaled-field.ts';

/** Info type values. */
export const INFO_TYPE = {
  obd: 0x01,
  dataStream: 0x02,
  twc: 0x03,
  hybrid: 0x04,
  twcNox: 0x05,
  supplement: 0x80,
} as const;

/** What every block carries besides its body. */
export interface BlockBase {
  type: number;
  /** Collection time "YYYY-MM-DDTHH:mm:ss+08:00"; null when the bytes are not a valid time. */
  time: string | null;
  /** Info serial number of the GB "serial per block" layout; null in the other layouts. */
  serial: number | null;
}

/** 0x01 OBD information. */
export interface ObdBlock extends BlockBase, ObdFields {
  type: 0x01;
}

/** 0x02 data stream of DPF/SCR vehicles (units km/h, kPa, %, rpm, L/h, ppm, kg/h, °C, km). */
export interface DataStreamBlock extends BlockBase, Position {
  type: 0x02;
  speed: number | null;
  pressure: number | null;
  torque: number | null;
  friction: number | null;
  rpm: number | null;
  fuelFlow: number | null;
  noxUpstream: number | null;
  noxDownstream: number | null;
  reagent: number | null;
  airFlow: number | null;
  scrInletTemp: number | null;
  scrOutletTemp: number | null;
  dpfPressure: number | null;
  coolantTemp: number | null;
  tankLevel: number | null;
  mileage: number | null;
}

/** 0x03 TWC without NOx sensor, and 0x05 with one (noxDownstream present only in 0x05). */
export interface TwcBlock extends BlockBase, Position {
  type: 0x03 | 0x05;
  speed: number | null;
  pressure: number | null;
  torque: number | null;
  friction: number | null;
  rpm: number | null;
  fuelFlow: number | null;
  /** Upstream O2 sensor output (0.0000305 per bit). */
  o2Upstream: number | null;
  /** Downstream O2 sensor output, V. */
  o2Downstream: number | null;
  noxDownstream?: number | null;
  airFlow: number | null;
  coolantTemp: number | null;
  twcTemp: number | null;
  mileage: number | null;
}

/** 0x04 hybrid supplement. */
export interface HybridBlock extends BlockBase {
  type: 0x04;
  motorSpeed: number | null;
  motorLoad: number | null;
  batteryVoltage: number | null;
  batteryCurrent: number | null;
  soc: number | null;
}

/** 0x80 supplementary data stream. */
export interface SupplementBlock extends BlockBase {
  type: 0x80;
  torqueMode: number | null;
  pedal: number | null;
  fuelUsed: number | null;
  ureaTankTemp: number | null;
  ureaInjection: number | null;
  ureaUsed: number | null;
  dpfExhaustTemp: number | null;
}

/** A block of another type, kept as bytes (upper-case hex). */
export interface UnknownBlock extends BlockBase {
  data: string;
}

/** Any decoded block. */
export type Block =
  ObdBlock | DataStreamBlock | TwcBlock | HybridBlock | SupplementBlock | UnknownBlock;

/**
 * Size of the body of `type` at `at` (data ends at `end`): its fixed size, the OBD size read from
 * its DTC count, a configured size of a user-defined type, -1 when the OBD count byte lies beyond
 * `end` (truncated), or undefined when the type's size is not known.
 */
export function bodySize(
  type: number,
  data: Uint8Array,
  at: number,
  end: number,
  extraSizes?: ReadonlyMap<number, number>,
): number | undefined {
  if (type === INFO_TYPE.obd) return obdBodySize(data, at, end);
  return BODY_SPECS.get(type)?.size ?? extraSizes?.get(type);
}

/** Decodes the body of a block (size already checked) into a block object. */
export function readBlock(
  type: number,
  time: string | null,
  serial: number | null,
  data: Buffer,
  at: number,
  size: number,
): Block {
  if (type === INFO_TYPE.obd) return { type, time, serial, ...readObd(data, at) } as ObdBlock;
  const spec = BODY_SPECS.get(type);
  if (spec === undefined) return { type, time, serial, data: toHex(data.subarray(at, at + size)) };
  // Cloning a template with every key in wire order gives each block of a type the same hidden
  // class; adding ~20 keys one by one would leave V8 with slow dictionary-mode objects.
  const block = { ...templateOf(spec) };
  block.type = type;
  block.time = time;
  block.serial = serial;
  let p = at;
  for (const item of spec.items) {
    if (item.key === 'position') {
      const pos = readPosition(data, p);
      block.fixValid = pos.fixValid;
      block.lon = pos.lon;
      block.lat = pos.lat;
      if (pos.positionStatus !== undefined) block.positionStatus = pos.positionStatus;
    } else {
      block[item.key] = readScaled(item as ScaledField, data, p);
    }
    p += item.bytes;
  }
  return block as unknown as Block;
}

const TEMPLATES = new Map<BodySpec, Record<string, unknown>>();

function templateOf(spec: BodySpec): Record<string, unknown> {
  let t = TEMPLATES.get(spec);
  if (t === undefined) {
    const keys = ['type', 'time', 'serial'];
    for (const item of spec.items) {
      if (item.key === 'position') keys.push('fixValid', 'lon', 'lat');
      else keys.push(item.key);
    }
    // Built in one go (Object.fromEntries), the template has fast properties; an object grown
    // key by key past a dozen keys would be a dictionary, and so would every clone of it.
    t = Object.fromEntries(keys.map((k) => [k, null]));
    TEMPLATES.set(spec, t);
  }
  return t;
}

/** Size of the encoded body of a block. */
export function encodedBodySize(block: Block): number {
  if (block.type === INFO_TYPE.obd) return obdEncodedSize(block as ObdBlock);
  const spec = BODY_SPECS.get(block.type);
  if (spec !== undefined) return spec.size;
  return unknownBytes(block).length;
}

/** Writes the body of a block at `at`. Throws RangeError naming a field that does not fit. */
export function writeBlock(block: Block, out: Buffer, at: number): void {
  if (block.type === INFO_TYPE.obd) {
    writeObd(block as ObdBlock, out, at);
    return;
  }
  const spec: BodySpec | undefined = BODY_SPECS.get(block.type);
  if (spec === undefined) {
    unknownBytes(block).copy(out, at);
    return;
  }
  const b = block as unknown as Record<string, unknown>;
  let p = at;
  for (const item of spec.items) {
    if (item.key === 'position') {
      writePosition(b as unknown as Position, out, p);
    } else {
      writeScaled(item as ScaledField, fieldValue(b, item.key), out, p);
    }
    p += item.bytes;
  }
}

function fieldValue(b: Record<string, unknown>, key: string): number | null {
  const v = b[key];
  if (v === null || typeof v === 'number') return v;
  throw new RangeError(`信息体类型 0x${hex2(b.type as number)} 缺少字段 ${key}（无效值请写 null）`);
}

function unknownBytes(block: Block): Buffer {
  const data = (block as UnknownBlock).data;
  if (typeof data !== 'string' || !/^(?:[0-9A-Fa-f]{2})*$/.test(data)) {
    throw new RangeError(`未知类型 0x${hex2(block.type)} 的信息体需要十六进制字段 data`);
  }
  return Buffer.from(data, 'hex');
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
