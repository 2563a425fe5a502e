// The simulated fleet: one data logger per device, each with a deterministic MN, its station
// (ST=22) or stack outlet (ST=31), password, edition and CRC variant.

import { LantianError } from '../errors.ts';
import type { CrcVariant, Hj212Version } from '../protocols/hj212/index.ts';
import type { CemsSetup } from './cems-model.ts';

/** What a device measures: an ambient air station or a stack CEMS. */
export type DeviceKind = 'air' | 'cems';

/** Fleet composition of `--kind`. */
export type FleetKind = 'air' | 'cems' | 'mixed';

/** One simulated data logger. */
export interface SimDevice {
  /** 0-based position in the fleet. */
  readonly index: number;
  readonly mn: string;
  readonly kind: DeviceKind;
  /** System code: 22 ambient air, 31 flue gas (HJ 212-2017 Table 5). */
  readonly st: '22' | '31';
  readonly pw: string;
  readonly edition: Hj212Version;
  readonly crc: CrcVariant;
  /** Station code (air) or outlet code (CEMS) the device reports for. */
  readonly target: string;
  readonly name: string;
  /** Seconds between real-time (air 2011) or minute (CEMS 2051) packets, simulated time. */
  readonly intervalS: number;
  /** A planned CEMS (profile, -ZsAvg or raw only, faults); a random profile when absent. */
  readonly cems?: CemsSetup;
}

/** How to build a fleet. */
export interface FleetOptions {
  readonly devices: number;
  readonly kind: FleetKind;
  readonly edition: Hj212Version;
  readonly mnPrefix: string;
  readonly password: string;
  readonly intervalS: number;
  readonly crc?: CrcVariant;
}

/** Default MN prefix: "LT" in hex, so MNs stay within 0-9A-F as HJ 212-2017 Table 3 wants. */
export const DEFAULT_MN_PREFIX = '4C54';

/** MN length by edition: 24 characters (2017 EPC-96 hex, also used for 2025), 14 for 2005. */
export function mnLength(edition: Hj212Version): number {
  return edition === '2005' ? 14 : 24;
}

/** The MN of device `index` (0-based): prefix, then the 1-based number zero-padded. */
export function mnFor(prefix: string, index: number, edition: Hj212Version): string {
  const len = mnLength(edition);
  const digits = len - prefix.length;
  const n = String(index + 1);
  if (digits < n.length || !/^[0-9A-Za-z_-]*$/.test(prefix)) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `--mn-prefix "${prefix}" 过长或含非法字符：MN 共 ${len} 位，须留出设备序号的位数`,
    );
  }
  return prefix + n.padStart(digits, '0');
}

/** Kind of device `index` in a fleet: `mixed` alternates air stations and CEMS outlets. */
export function deviceKind(kind: FleetKind, index: number): DeviceKind {
  if (kind === 'mixed') return index % 2 === 0 ? 'air' : 'cems';
  return kind;
}

/** Builds the fleet described by the options. */
export function buildFleet(o: FleetOptions): SimDevice[] {
  const out: SimDevice[] = [];
  for (let i = 0; i < o.devices; i++) {
    const mn = mnFor(o.mnPrefix, i, o.edition);
    const kind = deviceKind(o.kind, i);
    const no = String(i + 1).padStart(4, '0');
    out.push({
      index: i,
      mn,
      kind,
      st: kind === 'air' ? '22' : '31',
      pw: o.password,
      edition: o.edition,
      crc: o.crc ?? 'standard',
      target: `SIM-${mn}`,
      name: kind === 'air' ? `模拟空气站 ${no}` : `模拟排口 ${no}`,
      intervalS: o.intervalS,
    });
  }
  return out;
}
