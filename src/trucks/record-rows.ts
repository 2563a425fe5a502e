/**
 * Real-time and reissue messages as record rows (pure). One row per information block, keyed by
 * (collection time, type, seq): the collection time is the block's own in HJ 1239 and the
 * frame's in the GB layouts (standards-mobile-limits.md §1.4: "keep each record's own collection
 * time … deduplicate on (VIN, collection time, type)"); `seq` is the block's serial when it has
 * one (gb-serial-per-block) and otherwise its order among the frame's blocks of the same time and
 * type, so that ten GB blocks under one time stay ten records while a reissue of them stays ten.
 * Invalid readings are null as the codec decodes them; a block whose time is not a date is left
 * out (the archived raw frame keeps it).
 */
import type { Block, RealtimeMessage } from '../protocols/gb17691/index.ts';
import { timeToEpochMs } from '../protocols/gb17691/index.ts';
import { RECORD_RULE_VERSION, recordFlags, type RecordRuleConfig } from './rules/record-flags.ts';

/**
 * One information block of a real-time (0x02) or reissue (0x03) frame. Key (record_time, type,
 * seq) within a vehicle. Invalid readings (all 0xFF) are null. Data-stream fields of blocks
 * 0x02/0x03/0x05 have fields; other blocks (OBD, supplement, hybrid, user-defined) are kept whole
 * in `extra` (JSON). Built again from archived frames for the detail and recent-records reads.
 */
export interface RecordRow {
  /** Collection time, UTC epoch ms (block time in HJ 1239, frame time in GB layouts). */
  record_time: number;
  type: number;
  seq: number;
  command: number;
  speed: number | null;
  lon: number | null;
  lat: number | null;
  nox_upstream: number | null;
  nox_downstream: number | null;
  scr_inlet_temp: number | null;
  scr_outlet_temp: number | null;
  reagent: number | null;
  rpm: number | null;
  torque: number | null;
  fuel_flow: number | null;
  air_flow: number | null;
  mileage: number | null;
  /** 1 when the position is a valid fix, 0 when not, null for blocks without a position. */
  fix_valid: number | null;
  extra: string | null;
  /** JSON array of rule flags ({code, detail}), null when none (rules/record-flags.ts). */
  flags: string | null;
  rule_version: string | null;
}

/** Rows of a message, and how many blocks had no usable time. */
export interface MessageRows {
  rows: RecordRow[];
  untimed: number;
}

const STREAM_TYPES = new Set([0x02, 0x03, 0x05]);

function num(b: Block, key: string): number | null {
  const v = (b as unknown as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
}

function extraOf(b: Block, columns: boolean): string | null {
  const rest: Record<string, unknown> = {};
  const skip = columns ? STREAM_COLUMN_KEYS : BASE_KEYS;
  for (const [k, v] of Object.entries(b)) if (!skip.has(k)) rest[k] = v;
  return Object.keys(rest).length === 0 ? null : JSON.stringify(rest);
}

const BASE_KEYS = new Set(['type', 'time', 'serial']);
const STREAM_COLUMN_KEYS = new Set([
  ...BASE_KEYS,
  'speed',
  'lon',
  'lat',
  'fixValid',
  'noxUpstream',
  'noxDownstream',
  'scrInletTemp',
  'scrOutletTemp',
  'reagent',
  'rpm',
  'torque',
  'fuelFlow',
  'airFlow',
  'mileage',
]);

/** The record rows of a real-time or reissue message. */
export function messageRows(m: RealtimeMessage, rules: RecordRuleConfig): MessageRows {
  const rows: RecordRow[] = [];
  const ordinal = new Map<string, number>();
  let untimed = 0;
  for (const b of m.blocks) {
    const time = b.time === null ? Number.NaN : timeToEpochMs(b.time);
    if (!Number.isFinite(time)) {
      untimed++;
      continue;
    }
    const key = `${time}:${b.type}`;
    const k = ordinal.get(key) ?? 0;
    ordinal.set(key, k + 1);
    const stream = STREAM_TYPES.has(b.type);
    const fixValid = stream ? (b as { fixValid?: boolean }).fixValid : undefined;
    const row: RecordRow = {
      record_time: time,
      type: b.type,
      seq: b.serial ?? k,
      command: m.command,
      speed: stream ? num(b, 'speed') : null,
      lon: stream ? num(b, 'lon') : null,
      lat: stream ? num(b, 'lat') : null,
      nox_upstream: stream ? num(b, 'noxUpstream') : null,
      nox_downstream: stream ? num(b, 'noxDownstream') : null,
      scr_inlet_temp: stream ? num(b, 'scrInletTemp') : null,
      scr_outlet_temp: stream ? num(b, 'scrOutletTemp') : null,
      reagent: stream ? num(b, 'reagent') : null,
      rpm: stream ? num(b, 'rpm') : null,
      torque: stream ? num(b, 'torque') : null,
      fuel_flow: stream ? num(b, 'fuelFlow') : null,
      air_flow: stream ? num(b, 'airFlow') : null,
      mileage: stream ? num(b, 'mileage') : null,
      fix_valid: fixValid === undefined ? null : fixValid ? 1 : 0,
      extra: extraOf(b, stream),
      flags: null,
      rule_version: null,
    };
    if (b.type === 0x02) {
      const flags = recordFlags(
        {
          speed: row.speed,
          rpm: row.rpm,
          noxUpstream: row.nox_upstream,
          noxDownstream: row.nox_downstream,
          scrInletTemp: row.scr_inlet_temp,
          reagent: row.reagent,
        },
        rules,
      );
      row.rule_version = RECORD_RULE_VERSION;
      row.flags = flags.length > 0 ? JSON.stringify(flags) : null;
    }
    rows.push(row);
  }
  return { rows, untimed };
}
