/**
 * Tables of the open-burning domain (migration 0029, docs/dust-fires-reports.md § 露天焚烧):
 * infrared cameras with their hashed keys, satellite-file imports and their row issues, every
 * fire observation (inside or outside the city), the fire events observations are merged into,
 * what happened to each event, and the photos of the county's answer. Instants are UTC epoch ms.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** An infrared camera system's camera, allowed to post alarms with its own key. */
export interface FireCameraTable {
  id: Generated<number>;
  code: string;
  name: string;
  county_adcode: string | null;
  /** WGS-84 position used when an alarm carries none. */
  lon: number;
  lat: number;
  /** SHA-256 of the key (src/auth/secret-token.ts); the key itself is shown once. */
  key_hash: string;
  key_hint: string;
  active: number;
  created_by: string;
  created_at: number;
}

/** One satellite hotspot file imported. */
export interface FireImportTable {
  id: Generated<number>;
  file_name: string;
  imported_by: string;
  imported_at: number;
  rows: number;
  accepted: number;
  outside: number;
  repeated: number;
  merged: number;
  new_events: number;
  errors: number;
  /** JSON of the rule settings the import ran with (windows, deadline, rule edition). */
  rules: string;
}

/** A line of an import that was refused, with its code. */
export interface FireImportIssueTable {
  id: Generated<number>;
  import_id: number;
  line: number;
  field: string | null;
  code: string;
  detail: string;
}

/** One fire point as observed by a satellite or a camera. */
export interface FireObservationTable {
  id: Generated<number>;
  /** Unique key of the observation (re-sent rows change nothing). */
  obs_key: string;
  source: string;
  import_id: number | null;
  line: number | null;
  camera_id: number | null;
  observed_at: number;
  /** WGS-84. */
  lon: number;
  lat: number;
  /** 'inside' | 'outside' the city. */
  placement: string;
  county_adcode: string | null;
  township_code: string | null;
  township_name: string | null;
  event_id: number | null;
  satellite: string | null;
  instrument: string | null;
  confidence: string | null;
  /** 'low' | 'nominal' | 'high' (numeric confidences mapped, docs). */
  confidence_level: string | null;
  brightness: number | null;
  frp: number | null;
  daynight: string | null;
  image_sha256: string | null;
  image_type: string | null;
  received_at: number;
}

/** Observations merged into one fire, dispatched to its county. */
export interface FireEventTable {
  id: Generated<number>;
  county_adcode: string;
  township_code: string | null;
  township_name: string | null;
  lon: number;
  lat: number;
  first_seen: number;
  last_seen: number;
  /** Local (UTC+8) month of first_seen, 'YYYY-MM': the month it counts in. */
  month: string;
  observations: number;
  sources: string;
  /** 'dispatched' | 'escalated' | 'answered'. */
  status: string;
  dispatched_at: number;
  deadline_at: number;
  escalated_at: number | null;
  answered_at: number | null;
  answered_by: string | null;
  outcome: string | null;
  answer_text: string | null;
  /** JSON: merge windows, deadline and rule edition used. */
  rules: string;
}

/** What happened to an event (dispatched, merged, escalated, answered). */
export interface FireEventLogTable {
  id: Generated<number>;
  event_id: number;
  at: number;
  action: string;
  actor: string;
  detail: string | null;
}

/** A photo of a county's answer. */
export interface FireEventPhotoTable {
  id: Generated<number>;
  event_id: number;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: number;
}

/** Tables of the open-burning domain. */
export interface FireTables {
  fire_cameras: FireCameraTable;
  fire_imports: FireImportTable;
  fire_import_issues: FireImportIssueTable;
  fire_observations: FireObservationTable;
  fire_events: FireEventTable;
  fire_event_log: FireEventLogTable;
  fire_event_photos: FireEventPhotoTable;
}

export type FireEvent = Selectable<FireEventTable>;
export type FireObservation = Selectable<FireObservationTable>;
export type NewFireObservation = Insertable<FireObservationTable>;
export type FireCamera = Selectable<FireCameraTable>;
