/** Tables of heavy-truck remote emission monitoring (migration 0007). */
import type { Generated } from 'kysely';

/** A registered heavy truck and its on-board terminal (GB 17691-2018 Annex Q / HJ 1239). */
export interface TruckVehicleTable {
  id: Generated<number>;
  /** 17-character VIN (GB 16735), the key terminals send in every frame. */
  vin: string;
  plate: string;
  /** 黄 | 蓝 | 绿 | 黄绿 | 白 | 黑 (GA 36 plate colours). */
  plate_colour: string;
  /** 国三 … 国六 (GB 17691 stage). */
  emission_stage: string;
  /** 柴油 | 天然气 | 汽油 | 混合动力 | 其他 */
  fuel: string;
  /** Owner (unit or person) and the fleet / key-vehicle user it serves. */
  owner: string | null;
  fleet: string | null;
  /** County (or city) the vehicle is registered under, for scope. */
  region_adcode: string;
  /** SIM ICCID (20 characters) and security-chip ID (16 characters) of the terminal. */
  iccid: string | null;
  chip_id: string | null;
  /** 'hj' (HJ 1239: every uplink answered) | 'gb' (GB 17691: only time calibration answered). */
  reply_mode: string;
  /** Real-time layout to try first (hj1239 | gb-serial-first | gb-serial-per-block), or null. */
  layout: string | null;
  created_at: number;
  updated_at: number;
}

/** Last frame and position per vehicle, written in the transaction that stores the frame. */
export interface TruckStatusTable {
  vehicle_id: number;
  last_frame_at: number;
  last_command: number;
  last_peer: string | null;
  last_login_at: number | null;
  last_logout_at: number | null;
  /** Newest collection time of a stored record. */
  last_record_time: number | null;
  last_lon: number | null;
  last_lat: number | null;
  last_speed: number | null;
  /** Records stored since registration (duplicates from reissue not counted). */
  records: number;
  updated_at: number;
}

/** Every accepted frame from a registered vehicle, as received (hex). */
export interface TruckFrameTable {
  id: Generated<number>;
  vehicle_id: number;
  received_at: number;
  peer: string;
  command: number;
  layout: string | null;
  raw: string;
}

/**
 * One information block of a real-time (0x02) or reissue (0x03) frame. Key (vehicle_id,
 * record_time, type, seq): a reissued record repeats the same key and is stored once. `seq` tells
 * apart GB-layout blocks that share the frame time (their serial, or their order in the frame).
 * Invalid readings (all 0xFF) are null. Data-stream fields of blocks 0x02/0x03/0x05 have columns;
 * other blocks (OBD, supplement, hybrid, user-defined) are kept whole in `extra` (JSON).
 */
export interface TruckRecordTable {
  vehicle_id: number;
  /** Collection time, UTC epoch ms (block time in HJ 1239, frame time in GB layouts). */
  record_time: number;
  type: number;
  seq: number;
  command: number;
  frame_id: number;
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
  received_at: number;
}

/** Frames from VINs that are not registered: one row per VIN, counted. */
export interface TruckQuarantineTable {
  vin: string;
  reason: string;
  first_at: number;
  last_at: number;
  last_peer: string;
  frames: number;
  last_raw: string;
}

/** Tables of the trucks domain. */
export interface TruckTables {
  truck_vehicles: TruckVehicleTable;
  truck_status: TruckStatusTable;
  truck_frames: TruckFrameTable;
  truck_records: TruckRecordTable;
  truck_quarantine: TruckQuarantineTable;
}
