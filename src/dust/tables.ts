/** Tables of the dust domain (migration 0028); docs/dust-fires-reports.md § 扬尘 Dust. */
import type { Generated } from 'kysely';

/** A registered dust source (建档立卡). */
export interface DustSourceTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** 'construction' | 'road' | 'yard' | 'bare_land' | 'mine' */
  kind: string;
  /** For construction sites: 'building' | 'municipal' | 'road' | 'rail' | 'water' | 'demolition'. */
  construction_type: string | null;
  owner: string;
  /** The responsible department (a department of the plan). */
  department: string;
  region_adcode: string;
  /** WGS-84. */
  lon: number;
  lat: number;
  /** GeoJSON Polygon geometry, or null. */
  polygon: string | null;
  start_date: string | null;
  end_date: string | null;
  /** JSON object: 8-standard item key → true (met) | false (not met) | null (not checked). */
  checklist: string;
  created_at: number;
  updated_at: number;
}

/** A dust-fall sampling point of a unit. */
export interface DustFallPointTable {
  id: Generated<number>;
  code: string;
  name: string;
  region_adcode: string;
  lon: number | null;
  lat: number | null;
  created_at: number;
}

/** One point's monthly sample with its inputs and HJ 1221 result. */
export interface DustFallSampleTable {
  point_id: number;
  /** YYYY-MM. */
  month: string;
  sample_g: number;
  blank_g: number;
  area_cm2: number;
  days: number;
  exact: number;
  value: number;
  edition: string;
  entered_by: string;
  entered_at: number;
}

/** A unit's dust-fall target in a plan, overriding the default (7 main city, 8 others). */
export interface DustFallTargetTable {
  plan_id: string;
  adcode: string;
  target: number;
  set_by: string;
  set_at: number;
}

/** A site monitor: an HJ 212 device linked to a dust source. */
export interface DustSiteMonitorTable {
  device_id: number;
  source_id: number;
  linked_at: number;
}

/** A site alarm (PM10 high for N hours, or offline). */
export interface DustSiteAlarmTable {
  id: Generated<number>;
  source_id: number;
  /** 'pm10_high' | 'offline' */
  kind: string;
  start_at: number;
  end_at: number | null;
  peak: number;
  edition: string;
  /** JSON of the rule settings used. */
  rule: string;
  detected_at: number;
}

/** An inspection of a site against the 8 standards. */
export interface DustInspectionTable {
  id: Generated<number>;
  source_id: number;
  inspected_on: string;
  inspector: string;
  /** JSON object: item key → boolean. */
  findings: string;
  note: string;
  passed: number;
  /** Rectification deadline (YYYY-MM-DD) of a failed inspection. */
  deadline: string | null;
  /** 'passed' | 'open' | 'closed' */
  status: string;
  rectified_by: string | null;
  rectified_at: number | null;
  rectification: string | null;
  edition: string;
  created_at: number;
}

/** A photo of an inspection (BlobStore address). */
export interface DustInspectionPhotoTable {
  inspection_id: number;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
}

/** Tables of the dust domain. */
export interface DustTables {
  dust_sources: DustSourceTable;
  dust_fall_points: DustFallPointTable;
  dust_fall_samples: DustFallSampleTable;
  dust_fall_targets: DustFallTargetTable;
  dust_site_monitors: DustSiteMonitorTable;
  dust_site_alarms: DustSiteAlarmTable;
  dust_inspections: DustInspectionTable;
  dust_inspection_photos: DustInspectionPhotoTable;
}
