/**
 * Tables of the sources domain (migrations 0003 and 0012; CEMS hours 0013, power meters 0015):
 * enterprises (企业), their production lines (生产线), control facilities (治污设施), outlets
 * (排放口), per-outlet emission limits,
 * CEMS hourly values and power meters. The model is described in docs/sources.md.
 */
import type { Generated } from 'kysely';

/**
 * An enterprise, keyed by its unified social credit code (统一社会信用代码, GB 32100-2015). An
 * enterprise user's account names this code (`users.enterprise`).
 */
export interface EnterpriseTable {
  id: Generated<number>;
  /** 18 characters, check digit verified (GB 32100-2015). */
  credit_code: string;
  name: string;
  /** The county-level unit (区县) it lies in. */
  region_adcode: string;
  address: string | null;
  /** WGS-84 degrees. */
  lon: number | null;
  lat: number | null;
  /** Code of one of the 39 industries of the 2020 emergency-reduction guide, or 'other' (data/sources/industries.json). */
  industry: string;
  /** JSON array of control categories of the plan (ultra_low, kiln, powder, voc, ldar, gas_boiler). */
  categories: string;
  /** Performance grade: 'A+' | 'A' | 'lead' (引领性) | 'B' | 'B-' | 'C' | 'D', or null when not graded. */
  grade: string | null;
  /** Edition of the grading rule the grade was granted under ('2020' | '2026'). */
  grade_edition: string | null;
  /** YYYY-MM-DD the grade was granted. */
  grade_date: string | null;
  /** 1 when on the positive list (正面清单). */
  positive_list: number;
  positive_reason: string | null;
  /** YYYY-MM-DD the positive-list entry ends (inclusive), null when open. */
  positive_until: string | null;
  /** 1 when a 保障类 (livelihood / guarantee) enterprise. */
  guarantee: number;
  guarantee_reason: string | null;
  guarantee_until: string | null;
  /** 1 when a key discharger (重点排污单位) with a duty of online monitoring. */
  key_discharger: number;
  /** 1 when created by `demo` (shown as 模拟). */
  simulated: number;
  created_at: number;
  updated_at: number;
}

/** A production line (生产线 / 生产设施) of an enterprise. */
export interface ProductionLineTable {
  id: Generated<number>;
  enterprise_id: number;
  /** Unique within the enterprise. */
  code: string;
  name: string;
  /** Free text as the bureau keeps it (e.g. 烧结机, 焦炉, 水泥窑, 燃气锅炉). */
  process: string | null;
  /** Capacity as text with its unit (e.g. "360 m²", "20 t/h"). */
  capacity: string | null;
  created_at: number;
  updated_at: number;
}

/** A control facility (治污设施) serving a line. */
export interface ControlFacilityTable {
  id: Generated<number>;
  enterprise_id: number;
  line_id: number | null;
  /** Unique within the enterprise. */
  code: string;
  name: string;
  /** 'desulphurisation' | 'denitration' | 'dust' | 'voc' | 'other'. */
  kind: string;
  created_at: number;
  updated_at: number;
}

/**
 * An enterprise discharge outlet (排放口): a stack with a CEMS (ST=31), a VOC monitor (ST=27) or
 * a dust monitor (ST=39) that reports over HJ 212 through a device (devices.outlet_id). Outlets
 * created before migration 0012 keep their `enterprise` name and have no enterprise_id until the
 * registry import links them.
 */
export interface OutletTable {
  id: Generated<number>;
  /** Unique across the city (the bureau's outlet code, e.g. DA001 prefixed by the enterprise). */
  code: string;
  name: string;
  /** Enterprise name as first registered (before 0012); kept, not authoritative. */
  enterprise: string | null;
  region_adcode: string | null;
  enterprise_id: number | null;
  line_id: number | null;
  /** Stack height in metres. */
  height_m: number | null;
  /** 'flue_gas' | 'voc' | 'dust' (HJ 212 ST 31 / 27 / 39), or 'power' (a sub-metering logger). */
  kind: Generated<string>;
  /** JSON array of HJ 212 pollutant codes monitored (e.g. ["a34013","a21026","a21002"]). */
  pollutants: Generated<string>;
  /** Reference O2 (%) of this outlet's limits, overriding the sector default; null = sector's. */
  ref_o2: number | null;
  /** 1 when it must report hourly data (missing hours raise an alarm). */
  must_report: Generated<number>;
  created_at: number;
  updated_at: number;
}

/**
 * An emission limit of one outlet for one pollutant, in mg/m³ at ref_o2 (hourly mean). Rows
 * here override the sector defaults of data/sources/ultra-low-limits.json.
 */
export interface OutletLimitTable {
  outlet_id: number;
  /** HJ 212 code (a34013 PM, a21026 SO2, a21002 NOx, …). */
  pollutant: string;
  limit_mg_m3: number;
  ref_o2: number | null;
  /** Where the value comes from (document, e.g. 环大气〔2019〕35号). */
  basis: string;
  updated_at: number;
}

/**
 * One hour of one pollutant (or parameter: O2 a19001, flow a00000, temperature …) at one outlet:
 * the CEMS hourly value as stored for compliance. Written from HJ 212 uploads of the outlet's
 * device (CN 2061, or built from CN 2051 minutes when no 2061 came; docs/standards/hj212.md).
 * Key (outlet_id, pollutant, hour): an outlet's month is one range read.
 */
export interface CemsHourTable {
  outlet_id: number;
  /** HJ 212 code after the device's aliases. */
  pollutant: string;
  /** Epoch ms of the hour's start (UTC instant). */
  hour: number;
  /** The hour's local calendar day (Asia/Shanghai), YYYY-MM-DD, for day and month roll-ups. */
  day: string;
  /** Measured hourly mean (-Avg), mg/m³ (or the parameter's unit). */
  avg: number | null;
  /** O2-corrected mean sent by the device (-ZsAvg), when sent. */
  zs_device: number | null;
  /** O2-corrected mean computed by Lantian from the hour's O2 (null without O2 or ref O2). */
  zs_calc: number | null;
  /** Measured O2 (%) of the hour used for zs_calc. */
  o2: number | null;
  /** Emission amount of the hour (-Cou), kg for gases and dust (HJ 212-2017 Table B.2). */
  cou: number | null;
  /** Data flag as received (N, F, M, S, D, C, T, B, 2025 flags …), null when none sent. */
  flag: string | null;
  /** 1 when the hour counts as valid data (flag and completeness rules, docs/sources.md). */
  valid: number;
  /** '2061' | '2051' (built from minute values) | 'manual'. */
  origin: string;
  /** Minute values behind an hour built from 2051 (null for 2061). */
  minutes: number | null;
  updated_at: number;
}

/**
 * An electricity meter (分表计电) on a production line or a control facility. Readings reach it
 * over HJ 212 (the device `mn` sending `code`), by CSV or over HTTP.
 */
export interface PowerMeterTable {
  id: Generated<number>;
  enterprise_id: number;
  /** Unique within the enterprise. */
  code: string;
  name: string;
  /** 'production' (a line) | 'treatment' (a control facility). */
  role: string;
  line_id: number | null;
  facility_id: number | null;
  /** HJ 212 device whose uploads carry this meter's power, and the code it is sent under. */
  device_mn: string | null;
  device_code: string | null;
  /** Multiplier from the sent value to kW (vendors send W, kW or current). */
  factor: Generated<number>;
  /** Running when power ≥ this many kW. */
  running_kw: number;
  created_at: number;
  updated_at: number;
}

/** One power reading of a meter. */
export interface PowerReadingTable {
  meter_id: number;
  /** Epoch ms of the reading. */
  time: number;
  /** Active power, kW. */
  kw: number;
  /** Energy counter, kWh, when sent. */
  kwh: number | null;
  /** 'hj212' | 'csv' | 'api'. */
  origin: string;
  received_at: number;
}

/**
 * A permitted emission amount (许可排放量) of an enterprise, or of one of its outlets, for one
 * pollutant and year (migration 0013), compared with the sum of its CEMS hours' -Cou.
 */
export interface EmissionPermitTable {
  enterprise_id: number;
  /** '' = the whole enterprise, else the outlet's code. */
  outlet_code: string;
  /** HJ 212 code. */
  pollutant: string;
  year: number;
  permitted_kg: number;
  /** Where the amount comes from (the discharge permit's number). */
  basis: string;
  updated_at: number;
}

/**
 * An alarm (告警) on a pollution source (migration 0014, docs/sources.md § Alarms): one per kind,
 * outlet (or line) and pollutant while open, extended while its condition persists.
 */
export interface AlarmTable {
  id: Generated<number>;
  /** 'exceedance' | 'missing' | 'offline' | 'flat' | 'flag_period' | 'odd_calibration' | 'no_treatment'. */
  kind: string;
  enterprise_id: number | null;
  /** County-level unit of the enterprise (or of the outlet when not linked), for scope and counts. */
  region_adcode: string | null;
  outlet_id: number | null;
  line_id: number | null;
  /** HJ 212 code, null when the alarm is about the whole outlet or line. */
  pollutant: string | null;
  /** kind|subject|pollutant: what duplicates share. */
  subject_key: string;
  /** subject_key while not closed, null once closed (unique: one open alarm per key). */
  open_key: string | null;
  /** 'open' | 'acknowledged' | 'closed'. */
  status: string;
  /** 1 while the condition held at the last evaluation. */
  active: number;
  opened_at: number;
  /** Start of the first and of the last hour the condition was seen. */
  first_seen: number;
  last_seen: number;
  /** Hours the condition was seen (merged duplicates add theirs). */
  count: number;
  /** JSON object: limit, maximum, flag … of the latest episode. */
  detail: string;
  /** 0 the enterprise, 1 raised to the county, 2 raised to the city office. */
  level: number;
  /** When it is next raised (null at the top or once closed). */
  escalate_at: number | null;
  acked_by: string | null;
  acked_at: number | null;
  closed_by: string | null;
  closed_at: number | null;
  /** 'fault' 设备故障 | 'stopped' 停产 | 'rectified' 已整改 | 'false_alarm' 误报 | 'other' 其他. */
  close_reason: string | null;
  close_text: string | null;
  updated_at: number;
}

/** What happened to an alarm: opened, cleared, recurred, acknowledged, explained, escalated, closed. */
export interface AlarmEventTable {
  id: Generated<number>;
  alarm_id: number;
  at: number;
  action: string;
  /** User name, or 'system' for the runner. */
  actor: string;
  /** Role of the actor at the time (null for the runner). */
  role: string | null;
  text: string | null;
  /** JSON object of facts (level reached, reason …), or null. */
  detail: string | null;
}

/** An evidence file (证明材料) attached to an alarm event; the bytes live in the BlobStore. */
export interface AlarmEvidenceTable {
  id: Generated<number>;
  alarm_id: number;
  event_id: number;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: number;
}

/** Watermarks of the power projector (migration 0015): device values received up to here are projected. */
export interface PowerProjectionTable {
  /** 'hj212'. */
  name: string;
  /** Epoch ms: values received before this instant have been projected. */
  watermark: number;
  updated_at: number;
}

/** One LDAR survey round (泄漏检测与修复) of an enterprise (migration 0015). */
export interface LdarRoundTable {
  id: Generated<number>;
  enterprise_id: number;
  year: number;
  /** Round number within the year (1, 2, …). */
  round: number;
  /** YYYY-MM-DD, inclusive. */
  period_from: string;
  period_to: string;
  /** Components (密封点) surveyed. */
  components: number;
  /** Leaks found. */
  leaks: number;
  /** Leaks repaired within the deadline (docs/standards/sub-metering-ldar.md §2.1). */
  repaired_on_time: number;
  repaired_late: number;
  unrepaired: number;
  notes: string | null;
  created_at: number;
  updated_at: number;
}

/** Tables of the sources domain. */
export interface SourceTables {
  enterprises: EnterpriseTable;
  production_lines: ProductionLineTable;
  control_facilities: ControlFacilityTable;
  outlets: OutletTable;
  outlet_limits: OutletLimitTable;
  cems_hours: CemsHourTable;
  emission_permits: EmissionPermitTable;
  power_meters: PowerMeterTable;
  power_readings: PowerReadingTable;
  alarms: AlarmTable;
  alarm_events: AlarmEventTable;
  alarm_evidence: AlarmEvidenceTable;
  power_projection: PowerProjectionTable;
  ldar_rounds: LdarRoundTable;
}
