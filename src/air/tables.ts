/**
 * Tables of the air domain, as Kysely sees them (migration 0001): regions, stations, where rows
 * came from, hourly readings, daily statistics and the lines an import refused. Instants are UTC
 * epoch milliseconds; calendar days are 'YYYY-MM-DD' text.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** Administrative regions: the city and its county-level units (and any parent province). */
export interface RegionTable {
  adcode: string;
  name: string;
  parent_adcode: string | null;
  /** 'province' | 'city' | 'county' | 'zone' (functional zone with a statistical code only). */
  level: string;
  time_zone: string;
  created_at: number;
  updated_at: number;
}

/** Monitoring stations. `role` says how a station counts in its region's assessment. */
export interface StationTable {
  id: Generated<number>;
  code: string;
  name: string;
  region_adcode: string;
  /** 国控 | 省控 | 县控 | 乡镇 | 微站 | 其他 */
  kind: string;
  /** assessment (counts for its region) | reference (对照点, shown only) | micro (微站, never assessed) */
  role: string;
  lon: number | null;
  lat: number | null;
  /** JSON array of pollutant codes the station measures. */
  pollutants: string;
  created_at: number;
  updated_at: number;
}

/** Where rows came from: one row per import run or per device. */
export interface DataSourceTable {
  id: Generated<number>;
  kind: string;
  name: string;
  detail: string | null;
  created_at: number;
}

/**
 * Hourly readings. Key (day, station_id, pollutant, hour) with `day` = floor(hour / 86 400 000):
 * time-bucketed, so live data append at the end of the B-tree while a station's series stays
 * cheap to read. `hour` is the start of the hour (HJ 212 convention) as UTC epoch ms.
 */
export interface ReadingTable {
  /** UTC day number of `hour` (a bucket for the key, not a local date). */
  day: number;
  hour: number;
  station_id: number;
  pollutant: string;
  value: number;
  flag: string | null;
  source_id: number;
}

/**
 * Daily statistics of one station (HJ 663): 24-h means, daily max 1-h and max 8-h O3. A value is
 * null when the day is not valid for that indicator; `*_n` is the number of valid hours (or valid
 * 8-h windows for o3_8h) behind it.
 */
export interface StationDailyTable {
  station_id: number;
  day: string;
  so2: number | null;
  no2: number | null;
  pm10: number | null;
  pm2_5: number | null;
  co: number | null;
  o3_1h: number | null;
  o3_8h: number | null;
  so2_n: number;
  no2_n: number;
  pm10_n: number;
  pm2_5_n: number;
  co_n: number;
  o3_1h_n: number;
  o3_8h_n: number;
  computed_at: number;
}

/** Lines an import refused or skipped, kept so that a person can look them up later. */
export interface ImportIssueTable {
  id: Generated<number>;
  source_id: number;
  file: string;
  line: number;
  field: string | null;
  code: string;
  detail: string;
}

/** Tables of the air domain (migration 0001). */
export interface AirTables {
  regions: RegionTable;
  stations: StationTable;
  data_sources: DataSourceTable;
  readings: ReadingTable;
  station_daily: StationDailyTable;
  import_issues: ImportIssueTable;
}

export type Region = Selectable<RegionTable>;
export type Station = Selectable<StationTable>;
export type NewStationDaily = Insertable<StationDailyTable>;
