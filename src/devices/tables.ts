/** Tables of the device registry (migration 0003). */
import type { Generated } from 'kysely';

/**
 * A data logger (数采仪) that reports over HJ 212, identified by its MN (HJ 212-2017 Table 3).
 * It belongs to an air station (`kind` = 'station', ST=22) or to an enterprise outlet
 * (`kind` = 'outlet', ST=31/27/39): exactly one of station_id / outlet_id is set.
 */
export interface DeviceTable {
  id: Generated<number>;
  mn: string;
  name: string | null;
  /** 'station' | 'outlet' */
  kind: string;
  station_id: number | null;
  outlet_id: number | null;
  /** The access password PW the device must send (HJ 212-2017 Table 3). */
  password: string;
  /** '2005' | '2017' | '2025' | 'auto' (auto = from the Flag version bits, Table 3). */
  edition: string;
  /** 'standard' | 'modbus' | 'modbus-le' (CRC variant, docs/standards/hj212.md §1.2). */
  crc: string;
  /** Expected reporting interval in seconds; silent for 2× this long = flagged in the status. */
  interval_s: number;
  /** JSON object: received pollutant code → { pollutant | code, unit | factor } (see aliases.ts). */
  aliases: string;
  /** 'any' (a frame complete by length and CRC is complete) | 'crlf' (CR LF demanded, Table 2). */
  line_end: Generated<string>;
  /** 'off' | 'auto': set the logger's clock with CN 1012 when it drifts (docs/ingest.md). */
  clock_sync: Generated<string>;
  /** 'auto' | 'off': request missing hours with CN 2061 after a gap. */
  backfill: Generated<string>;
  /** data_sources row that readings written from this device point to. */
  source_id: number;
  created_at: number;
  updated_at: number;
}

/** Last packet per device, persisted every few seconds so the status survives a restart. */
export interface DeviceStatusTable {
  device_id: number;
  last_packet_at: number;
  last_cn: string;
  last_peer: string | null;
  /** Latest DataTime of its uploads (where its recent values are found). */
  last_data_time: number | null;
  /** Packets accepted since the device was registered. */
  packets: number;
  updated_at: number;
}

/** Tables of the device registry. */
export interface DeviceTables {
  devices: DeviceTable;
  device_status: DeviceStatusTable;
}
