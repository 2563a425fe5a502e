/**
 * Tables of the gate operations side (门禁台账、保存期限, issue 12; migration 0025): the
 * electronic ledgers an enterprise keeps beside its gate passages — transport vehicles entered by
 * hand, in-plant vehicles (厂内车辆, 2020 guide Table 4) and non-road machinery (非道路移动机械,
 * Table 5), standards.md §7.2 — the hours a gate was heard from (heartbeats, for completeness)
 * and the log of the retention job (standards.md §7.3). Instants are UTC epoch ms.
 */
import type { Generated } from 'kysely';

/** A transport vehicle entered by hand in an enterprise's ledger (besides those seen at gates). */
export interface GateLedgerVehicleTable {
  id: Generated<number>;
  enterprise_id: number;
  /** Normalised plate (upper case, no spaces). */
  plate: string;
  plate_colour: string | null;
  vin: string | null;
  engine_no: string | null;
  /** '0'–'6' or 'D'. */
  emission_stage: string | null;
  fuel: string | null;
  /** 'YYYY-MM-DD'. */
  registration_date: string | null;
  fleet: string | null;
  updated_by: string;
  updated_at: number;
}

/** An in-plant vehicle (Table 4): registration code or internal plate, VIN, engine, stage. */
export interface GateInplantVehicleTable {
  id: Generated<number>;
  enterprise_id: number;
  /** Registration code or internal plate, char(32). */
  code: string;
  registration_date: string | null;
  vin: string | null;
  engine_no: string | null;
  /** '0'–'6' or 'D'. */
  emission_stage: string;
  fuel: string | null;
  updated_by: string;
  updated_at: number;
}

/** A non-road mobile machine (Table 5). */
export interface GateMachineryTable {
  id: Generated<number>;
  enterprise_id: number;
  /** Environmental registration code, char(32). */
  registration_code: string;
  /** 'YYYY-MM-DD'. */
  production_date: string | null;
  /** '0'–'6', 'D' (electric) or 'X' (no stage). */
  emission_stage: string;
  /** Machine code, char(64). */
  machine_code: string | null;
  fuel: string | null;
  updated_by: string;
  updated_at: number;
}

/** An hour (UTC epoch ms of its start) in which a gate sent a heartbeat. */
export interface GateSeenHourTable {
  gate_id: number;
  hour_start: number;
}

/** One run of the retention job: what it removed and what open violations kept. */
export interface GateRetentionRunTable {
  id: Generated<number>;
  ran_at: number;
  passage_cutoff: number;
  photo_cutoff: number;
  passages_removed: number;
  photo_rows_removed: number;
  files_removed: number;
  bytes_removed: number;
  /** Expired passages kept because an open violation refers to them. */
  passages_held: number;
  /** JSON of the settings the run applied (days per record kind). */
  settings: string;
}

/** Tables of the gate operations side. */
export interface GateLedgerTables {
  gate_ledger_vehicles: GateLedgerVehicleTable;
  gate_inplant_vehicles: GateInplantVehicleTable;
  gate_machinery: GateMachineryTable;
  gate_seen_hours: GateSeenHourTable;
  gate_retention_runs: GateRetentionRunTable;
}
