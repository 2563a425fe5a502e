/**
 * Tables of non-road mobile machinery (非道路移动机械, migration 0026): registered machines and
 * their photos, sites (construction sites, plants), low-emission zones (禁止使用高排放非道路移动机械区域)
 * as GeoJSON, field inspections and the violations they found. Instants are UTC epoch ms;
 * coordinates are WGS-84 degrees.
 */
import type { Generated } from 'kysely';

/** A registered machine (编码登记). */
export interface MachineTable {
  id: Generated<number>;
  /** The environmental registration code (环保登记编码), opaque, ≤ 32 characters. */
  code: string;
  /** 'issued' (Lantian issued it) or 'imported' (issued elsewhere, imported). */
  code_origin: string;
  owner_name: string;
  /** Unified social credit code or ID-card number of the owner. */
  owner_id_no: string;
  owner_phone: string;
  machine_type: string;
  /** '1'–'4' (国一–国四), 'D' electric, 'X' none/unknown (standards.md §7.2). */
  emission_stage: string;
  engine_model: string;
  engine_number: string;
  manufacture_year: number | null;
  site_id: number | null;
  /** The county the machine belongs to: its site's county, else the one given. */
  region_adcode: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** A photo of a machine (nameplate …) or of an inspection; the bytes live in the BlobStore. */
export interface MachineryPhotoTable {
  id: Generated<number>;
  machine_id: number | null;
  inspection_id: number | null;
  /** 'nameplate' | 'engine' | 'label' | 'scene'. */
  kind: string;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: number;
}

/** A place where machines work. */
export interface MachinerySiteTable {
  id: Generated<number>;
  name: string;
  /** 'construction' | 'plant' | 'other'. */
  kind: string;
  region_adcode: string;
  lon: number;
  lat: number;
  address: string | null;
  created_at: number;
  updated_at: number;
}

/** A low-emission zone: a GeoJSON Polygon or MultiPolygon (WGS-84) with its rules. */
export interface MachineryZoneTable {
  id: Generated<number>;
  name: string;
  /** JSON text of the geometry. */
  geometry: string;
  /** Lowest emission stage allowed (1–4); machines below it are banned. */
  min_stage: number;
  /** 1 when unregistered (uncoded) machines are banned. */
  bans_uncoded: number;
  /** 1 when the polygon is an approximation (the demo ring-expressway zone). */
  approximate: number;
  basis: string;
  note: string | null;
  updated_by: string;
  updated_at: number;
}

/** A field check (现场检查). */
export interface MachineryInspectionTable {
  id: Generated<number>;
  machine_id: number | null;
  /** The code the inspector scanned or typed ('' when the machine shows none). */
  code_seen: string;
  region_adcode: string;
  site_id: number | null;
  lon: number;
  lat: number;
  /** 'gps' | 'manual'. */
  position_source: string;
  accuracy_m: number | null;
  black_smoke: number;
  ringelmann: number | null;
  note: string | null;
  /** JSON of the zone verdict at the position. */
  verdict: string;
  rule_version: string;
  inspected_by: string;
  inspected_at: number;
}

/** A violation found by an inspection; the county works it from open to closed. */
export interface MachineryViolationTable {
  id: Generated<number>;
  inspection_id: number;
  machine_id: number | null;
  region_adcode: string;
  /** 'uncoded' | 'banned-stage' | 'black-smoke'. */
  kind: string;
  detail: string;
  rule_version: string;
  /** 'open' | 'rectified' | 'closed'. */
  status: string;
  status_note: string | null;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

/** Tables of the machinery domain. */
export interface MachineryTables {
  machinery_machines: MachineTable;
  machinery_photos: MachineryPhotoTable;
  machinery_sites: MachinerySiteTable;
  machinery_zones: MachineryZoneTable;
  machinery_inspections: MachineryInspectionTable;
  machinery_violations: MachineryViolationTable;
}
