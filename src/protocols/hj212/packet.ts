// The parsed HJ 212 data segment (HJ 212-2017 §6.3.2 Table 3) and helpers on it.

/** Protocol edition of a packet: HJ/T 212-2005, HJ 212-2017 or HJ 212-2025. */
export type Hj212Version = '2005' | '2017' | '2025';

/** One HJ 212 packet: the header fields of Table 3 and every CP key=value as received, in order. */
export interface Hj212Packet {
  /** Request id, `YYYYMMDDhhmmsszzz`; often absent in HJ/T 212-2005 packets. */
  qn?: string;
  /** System code (Table 5), e.g. `22` air quality, `31` flue gas, `91` system interaction. */
  st: string;
  /** Command code (Table 9), e.g. `2011` real-time data, `9014` data acknowledgement. */
  cn: string;
  /** Access password. */
  pw: string;
  /** Device unique id. */
  mn: string;
  /** Flag bit field (Table 3): bit 0 A = needs ack, bit 1 D = split, bits 2–7 = version. */
  flag?: number;
  /** Edition: from the Flag version bits unless overridden per device; no Flag = 2005. */
  version: Hj212Version;
  /** Total number of parts of a split message. */
  pnum?: number;
  /** This part's number, 1-based. */
  pno?: number;
  /** Every key=value of the CP area in order, as received (Table 4). */
  cp: Array<[string, string]>;
}

/** Packet fields as given to the serializer; the edition follows from `flag`. */
export type Hj212PacketInput = Omit<Hj212Packet, 'version'> & { version?: Hj212Version };

// HJ 212-2017 Table 3 Flag: A (bit 0), D (bit 1), V5..V0 (bits 2–7).
/** Flag bit A: the sender asks for a response. */
export const FLAG_ACK = 1;
/** Flag bit D: the packet is one part of a split message and carries PNUM/PNO. */
export const FLAG_SPLIT = 2;

const VERSION_BITS: Readonly<Record<Hj212Version, number>> = { '2005': 0, '2017': 1, '2025': 2 };

/**
 * Edition from Flag version bits (HJ 212-2017 Table 3: 000000 = 2005, 000001 = 2017; 000010 =
 * 2025 per one implementation, UNVERIFIED, docs/standards/hj212.md §1.4). Undefined for unknown bit
 * values.
 */
export function versionFromFlag(flag: number | undefined): Hj212Version | undefined {
  if (flag === undefined) return '2005';
  switch (flag >>> 2) {
    case 0:
      return '2005';
    case 1:
      return '2017';
    case 2:
      return '2025';
    default:
      return undefined;
  }
}

/** Flag value carrying only the version bits of `version` (A = 0, D = 0). */
export function versionFlag(version: Hj212Version): number {
  return VERSION_BITS[version] << 2;
}

/** True when the sender set Flag bit A and expects a response (HJ 212-2017 §6.1, Table 3). */
export function needsAck(p: Hj212Packet): boolean {
  return p.flag !== undefined && (p.flag & FLAG_ACK) !== 0;
}

/** True when the packet is one part of a split message (Flag bit D, or PNUM/PNO without Flag). */
export function isSplit(p: Hj212Packet): boolean {
  return (p.flag !== undefined && (p.flag & FLAG_SPLIT) !== 0) || p.pnum !== undefined;
}

/** The first `DataTime` of the CP area (interval start for 2031/2041/2051/2061, Table 4). */
export function dataTime(p: Hj212Packet): string | undefined {
  for (const [key, value] of p.cp) if (key === 'DataTime') return value;
  return undefined;
}
