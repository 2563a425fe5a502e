/**
 * Tables of the gate domain (门禁, issue 12; migration 0024): gates registered per enterprise
 * entrance, the passages they report with their photos, the city's blacklist (versioned through
 * its change log), capacity settings by warning level (运能设置) and the violations found.
 * Field list of a passage: standards.md §7.1 (2020 technical guide Table 3, HJ 1321-2023).
 * Instants are UTC epoch ms; booleans are 0/1.
 */
import type { Generated } from 'kysely';

/** A gate: one entrance/exit of an enterprise, with its own credential. */
export interface GateTable {
  id: Generated<number>;
  enterprise_id: number;
  /** Name at the enterprise, e.g. "1号门（东门）". */
  name: string;
  /** 'in' | 'out' | 'both'. */
  direction: string;
  lon: number | null;
  lat: number | null;
  /** SHA-256 of the gate's credential (src/auth/secret-token.ts hashSecret); shown once. */
  token_hash: string;
  /** Last characters of the credential, to recognise it in lists. */
  token_hint: string;
  /** 1 while the gate may post; 0 once retired. */
  enabled: number;
  /** Hours of the Beijing day the gate is expected to report (heartbeats/passages), JSON [from, to). */
  expected_hours: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  /** Last time the gate posted anything (passage or heartbeat). */
  last_seen_at: number | null;
}

/** One passage of a vehicle through a gate (standards.md §7.1). */
export interface GatePassageTable {
  id: Generated<number>;
  gate_id: number;
  enterprise_id: number;
  /** The gate's own record id: a replay of the same id changes nothing. */
  gate_record_id: string;
  /** When the vehicle passed (epoch ms). */
  passed_at: number;
  /** 'in' | 'out'. */
  direction: string;
  /** Normalised plate (upper case, no spaces), '' when unread. */
  plate: string;
  /** GA/T 16.110 colour name: 'blue' | 'yellow' | 'green' | 'yellow-green' | 'white' | 'black' | 'other'. */
  plate_colour: string | null;
  vin: string | null;
  engine_no: string | null;
  /** '0'–'6' (China 0–VI) or 'D' (electric); null when unknown. */
  emission_stage: string | null;
  fuel: string | null;
  /** 'YYYY-MM-DD'. */
  registration_date: string | null;
  goods: string | null;
  /** Tonnes, one decimal. */
  quantity_t: number | null;
  fleet: string | null;
  /** 1 when the barrier was opened by hand (人为开闸). */
  manual_open: number;
  manual_by: string | null;
  manual_reason: string | null;
  /** 1 when it arrived later than the lateness threshold after passed_at. */
  late: number;
  received_at: number;
  /** JSON: flags found at receipt (blacklisted, banned stage, over cap …) with the rule version. */
  flags: string;
}

/** A photo of a passage (or of a manual opening), stored in the gate photo store by SHA-256. */
export interface GatePhotoTable {
  passage_id: number;
  /** 'body' | 'front' | 'plate' | 'list' | 'licence' | 'manual' | 'other'. */
  kind: string;
  sha256: string;
  size: number;
  media_type: string;
}

/** A blacklisted vehicle; removal keeps the row (removed_at set). */
export interface GateBlacklistTable {
  id: Generated<number>;
  plate: string | null;
  vin: string | null;
  reason: string;
  /** 'remote-sensing' | 'tampering' | 'roadside' | 'black-smoke' | 'manual' | 'other'. */
  source: string;
  /** Region of the officer who added it (city adcode or a county). */
  region_adcode: string;
  added_by: string;
  added_at: number;
  removed_by: string | null;
  removed_at: number | null;
}

/** The blacklist's change log: its largest id is the blacklist's version (ETag). */
export interface GateBlacklistChangeTable {
  id: Generated<number>;
  entry_id: number;
  /** 'add' | 'remove'. */
  action: string;
  changed_at: number;
  changed_by: string;
}

/**
 * A capacity setting (运能设置): from a warning level up, per enterprise or city-wide
 * (enterprise_id null), which stages are banned and the daily truck cap.
 */
export interface GateCapacityRuleTable {
  id: Generated<number>;
  /** Null: applies to every enterprise without its own rule. */
  enterprise_id: number | null;
  /** Lowest warning level the rule applies at: 'yellow' | 'orange' | 'red'. */
  from_level: string;
  /** Highest emission stage banned ('4' bans China IV and lower); null bans none. */
  banned_up_to_stage: string | null;
  /** The ban applies only to enterprises with at least this many truck entries a day. */
  min_trucks_per_day: number;
  /** Most truck entries a day while the rule is in force; null: no cap. */
  daily_truck_cap: number | null;
  valid_from: number;
  valid_to: number | null;
  created_by: string;
  created_at: number;
}

/** A violation found in a passage; an open one keeps its passage and photos from retention. */
export interface GateViolationTable {
  id: Generated<number>;
  passage_id: number;
  enterprise_id: number;
  county_adcode: string;
  /** 'blacklisted' | 'banned-stage' | 'over-cap' | 'manual-open'. */
  kind: string;
  /** Warning level in force at the passage's time, or null. */
  level: string | null;
  /** Version of the rule that found it. */
  rule_version: string;
  /** JSON evidence (rule, blacklist entry, counts). */
  evidence: string;
  /** 'open' | 'closed'. */
  status: string;
  closed_by: string | null;
  closed_at: number | null;
  findings: string | null;
  created_at: number;
}

/** Tables of the gate domain. */
export interface GateTables {
  gates: GateTable;
  gate_passages: GatePassageTable;
  gate_photos: GatePhotoTable;
  gate_blacklist: GateBlacklistTable;
  gate_blacklist_changes: GateBlacklistChangeTable;
  gate_capacity_rules: GateCapacityRuleTable;
  gate_violations: GateViolationTable;
}

/**
 * A photo a gate uploaded before its passage (POST /api/gate-api/photos, migration 0031): a
 * passage sent as JSON may refer to it by SHA-256, but only the gate that uploaded it may.
 */
export interface GatePhotoUploadTable {
  gate_id: number;
  sha256: string;
  size: number;
  media_type: string;
  uploaded_at: number;
}

/** Tables of the gate domain added by migration 0031. */
export interface GateMoreTables {
  gate_photo_uploads: GatePhotoUploadTable;
}
