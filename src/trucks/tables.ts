/**
 * Tables of heavy-truck remote emission monitoring (migrations 0007, 0020 and 0021: raw frames and
 * 1-Hz records live in the compressed archive, src/trucks/archive; the database keeps minutes).
 */
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
  /** SM2 public key (128 hex digits X‖Y) of the terminal's security chip, or null (migration 0023). */
  sign_key: string | null;
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
  /** Data-stream records (0x02) summarised since registration (reissued duplicates not counted). */
  records: number;
  updated_at: number;
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

/**
 * One vehicle and one minute of data-stream records (blocks 0x02), the database's summary of what
 * the archive keeps at 1 Hz (migration 0020). `minute` is the UTC epoch ms of the minute's start.
 * `seen_lo` / `seen_hi` are bit masks of the seconds 0–29 / 30–59 whose records are stored: a
 * reissued record group whose second is already set is a duplicate and is not counted again.
 * Sums and counts (`*_sum`, `*_n`) give means over the valid (non-null) readings only.
 */
export interface TruckMinuteTable {
  vehicle_id: number;
  minute: number;
  seen_lo: number;
  seen_hi: number;
  /** Data-stream records counted (a GB frame may carry several under one time). */
  records: number;
  /** Of them, records that arrived in reissue frames (0x03). */
  reissued: number;
  /** Records with engine speed > 0, and with vehicle speed at or over the moving threshold. */
  engine_seconds: number;
  moving_seconds: number;
  speed_sum: number;
  speed_max: number | null;
  nox_down_sum: number;
  nox_down_n: number;
  nox_up_sum: number;
  nox_up_n: number;
  scr_in_sum: number;
  scr_in_n: number;
  scr_out_sum: number;
  scr_out_n: number;
  reagent_min: number | null;
  reagent_max: number | null;
  /** Litres of fuel (fuel flow L/h integrated over the records' seconds). */
  fuel_l: number;
  /** NOx mass estimate in grams (an estimate, not a regulatory method; docs/trucks.md). */
  nox_g: number;
  mileage_min: number | null;
  mileage_max: number | null;
  /** Records with a valid position fix, and the minute's last valid position (WGS-84). */
  fixes: number;
  last_lon: number | null;
  last_lat: number | null;
  /** JSON object of record-flag counts ({"nox_high": 12}), null when none. */
  flag_counts: string | null;
  rule_version: string | null;
  updated_at: number;
}

/** Metrics of one vehicle and one day (Beijing time, 'YYYY-MM-DD'), recomputed from minutes. */
export interface TruckVehicleDayTable {
  vehicle_id: number;
  day: string;
  /** 1 when the vehicle sent any data that day. */
  online: number;
  records: number;
  engine_seconds: number;
  /** records ÷ seconds the engine ran, 0–1 (null when the engine did not run). */
  completeness: number | null;
  /** Packet loss rate (HJ 1239.2 definition; docs/trucks.md), 0–1. */
  packet_loss: number | null;
  mileage_km: number | null;
  fuel_l: number | null;
  nox_g: number | null;
  fixes: number;
  first_at: number | null;
  last_at: number | null;
  flag_counts: string | null;
  /** Windowed-rule judgements raised for the day (truck_judgements). */
  judgements: number;
  metrics_version: string;
  computed_at: number;
}

/**
 * A windowed rule raised on a vehicle: the rule and its version, the evidence window, a Chinese
 * detail and the evidence (JSON: the readings that made it). Key (vehicle, rule, start).
 */
export interface TruckJudgementTable {
  id: Generated<number>;
  vehicle_id: number;
  rule: string;
  rule_version: string;
  start_time: number;
  end_time: number;
  day: string;
  detail: string;
  evidence: string;
  created_at: number;
}

/** Tables of the trucks domain. */
/** A platform that forwards many vehicles' frames after a `~~` platform login (migration 0023). */
export interface TruckPlatformTable {
  id: Generated<number>;
  name: string;
  /** The login username carried in the platform-login body (at most 12 ASCII characters). */
  username: string;
  /** scrypt hash of the platform password (src/auth/password-hash.ts). */
  password_hash: string;
  /** 1 enabled, 0 disabled (a disabled platform's login is refused). */
  enabled: number;
  /** Region (city or county adcode) whose vehicles the platform may forward. */
  region_adcode: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  last_login_peer: string | null;
}

export interface TruckTables {
  truck_vehicles: TruckVehicleTable;
  truck_status: TruckStatusTable;
  truck_quarantine: TruckQuarantineTable;
  truck_minutes: TruckMinuteTable;
  truck_vehicle_days: TruckVehicleDayTable;
  truck_judgements: TruckJudgementTable;
  truck_platforms: TruckPlatformTable;
}
