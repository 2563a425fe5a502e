/**
 * Tables of remote sensing, black-smoke capture and roadside checks (migration 0027): the devices
 * with their hashed credentials, the records they send or that are imported, and the inspection
 * station records the trace-back joins to (docs/mobile-sources.md).
 */
import type { Generated } from 'kysely';

/** A remote-sensing station, black-smoke camera or roadside check team. */
export interface RoadsideDeviceTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** remote-sensing | black-smoke | roadside-check */
  kind: string;
  region_adcode: string;
  location: string;
  lon: number | null;
  lat: number | null;
  /** Hex SHA-256 of the device's bearer secret (shown once at registration). */
  token_hash: string;
  token_hint: string;
  created_by: string;
  created_at: number;
}

/** One measured vehicle passage or check. */
export interface RoadsideRecordTable {
  id: Generated<number>;
  device_id: number;
  /** http | import */
  origin: string;
  /** The device's own record id (idempotency), or null. */
  external_id: string | null;
  measured_at: number;
  place: string | null;
  plate: string;
  plate_colour: string;
  vin: string | null;
  co: number | null;
  hc: number | null;
  no: number | null;
  opacity: number | null;
  ringelmann: number | null;
  /** pass | fail | null: what the device said. */
  device_verdict: string | null;
  /** JSON array of the pollutants Lantian judged failing. */
  failing: string;
  /** 1 when any pollutant failed. */
  failed: number;
  rule_version: string;
  /** JSON array of photo references: blob sha256 addresses or external names from imports. */
  photos: string;
  created_at: number;
}

/** One inspection (检验) of a vehicle at an inspection station. */
export interface RoadsideInspectionTable {
  id: Generated<number>;
  plate: string;
  plate_colour: string;
  vin: string | null;
  station_code: string;
  station_name: string;
  serial: string;
  inspected_at: number;
  /** 1 = passed. */
  passed: number;
  created_at: number;
}

/** The tables of this part. */
export interface RoadsideTables {
  roadside_devices: RoadsideDeviceTable;
  roadside_records: RoadsideRecordTable;
  roadside_inspections: RoadsideInspectionTable;
}
