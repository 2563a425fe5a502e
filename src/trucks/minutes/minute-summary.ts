/**
 * Per-vehicle-minute summaries of data-stream records (pure): what the database keeps of the
 * 1-Hz stream once the raw frames live in the archive (tables.ts TruckMinuteTable, migration 0020).
 *
 * Dedupe (issue 11: "records stored by (VIN, collection time, type), so reissued data dedupe"):
 * the records of one frame that share a collection second and the type form a record group (GB
 * layouts put up to ten blocks under one frame time, record-rows.ts). A group whose second bit is
 * already set in the minute's mask (`seen_lo` seconds 0–29, `seen_hi` 30–59) was stored before —
 * a reissue of it — and is skipped whole; otherwise every record of it is counted.
 *
 * Only data-stream blocks 0x02 (DPF/SCR vehicles) feed the summaries; other blocks stay in the
 * archive only.
 *
 * NOx mass is an ESTIMATE, not a regulatory method: per record (one second)
 *   g = 0.001586 × NOx_downstream (ppm) × exhaust mass flow (kg/s)
 * with 0.001586 the raw-exhaust u-value for NOx of GB 17691-2018 Annex C (WHTC), and the exhaust
 * mass flow taken as intake air flow (kg/h) / 3600 + fuel flow (L/h) × 0.835 kg/L / 3600 (the
 * protocol carries no exhaust flow; 0.835 kg/L is a typical diesel density). No humidity or
 * dry/wet correction; a record without downstream NOx or air flow adds nothing.
 * Fuel litres = Σ fuel flow (L/h) / 3600 over the records' seconds.
 */
import type { Selectable } from 'kysely';
import type { RecordRow } from '../record-rows.ts';
import type { TruckMinuteTable } from '../tables.ts';

/** A minute row as stored (all numbers). */
export type MinuteSummary = Selectable<TruckMinuteTable>;

/** GB 17691-2018 Annex C/WHTC raw-exhaust u-value for NOx (g per ppm per kg of exhaust). */
export const NOX_U_RAW = 0.001586;
/** Diesel density (kg/L) used to add the fuel's mass to the intake air mass. */
export const DIESEL_KG_PER_L = 0.835;
/** The data-stream block type that feeds minute summaries. */
export const SUMMARY_BLOCK_TYPE = 0x02;

/** What one frame's records did to the minutes. */
export interface MinuteMergeResult {
  /** Data-stream records counted (new). */
  added: number;
  /** Data-stream records skipped because their second was already stored. */
  duplicates: number;
}

/** Key of a minute in a merge map. */
export const minuteKey = (vehicleId: number, minute: number): string => `${vehicleId}:${minute}`;

/** Start (UTC epoch ms) of the minute of a time. */
export const minuteOf = (time: number): number => Math.floor(time / 60_000) * 60_000;

/** An empty minute row. */
export function emptyMinute(vehicleId: number, minute: number, now: number): MinuteSummary {
  return {
    vehicle_id: vehicleId,
    minute,
    seen_lo: 0,
    seen_hi: 0,
    records: 0,
    reissued: 0,
    engine_seconds: 0,
    moving_seconds: 0,
    speed_sum: 0,
    speed_max: null,
    nox_down_sum: 0,
    nox_down_n: 0,
    nox_up_sum: 0,
    nox_up_n: 0,
    scr_in_sum: 0,
    scr_in_n: 0,
    scr_out_sum: 0,
    scr_out_n: 0,
    reagent_min: null,
    reagent_max: null,
    fuel_l: 0,
    nox_g: 0,
    mileage_min: null,
    mileage_max: null,
    fixes: 0,
    last_lon: null,
    last_lat: null,
    flag_counts: null,
    rule_version: null,
    updated_at: now,
  };
}

/** Whether a second (0–59) is set in a minute's masks. */
export function secondSeen(m: Pick<MinuteSummary, 'seen_lo' | 'seen_hi'>, second: number): boolean {
  return second < 30
    ? ((m.seen_lo >>> second) & 1) === 1
    : ((m.seen_hi >>> (second - 30)) & 1) === 1;
}

function setSecond(m: MinuteSummary, second: number): void {
  if (second < 30) m.seen_lo = (m.seen_lo | (1 << second)) >>> 0;
  else m.seen_hi = (m.seen_hi | (1 << (second - 30))) >>> 0;
}

/** Highest second set in the masks, or -1. */
function lastSecond(m: MinuteSummary): number {
  for (let s = 59; s >= 0; s--) if (secondSeen(m, s)) return s;
  return -1;
}

/** NOx mass (g) of one second of a record: the estimate described above. */
export function noxGramsOfSecond(
  noxDownPpm: number | null,
  airKgPerH: number | null,
  fuelLPerH: number | null,
): number {
  if (noxDownPpm === null || airKgPerH === null) return 0;
  const exhaustKgPerS = airKgPerH / 3600 + ((fuelLPerH ?? 0) * DIESEL_KG_PER_L) / 3600;
  return NOX_U_RAW * Math.max(0, noxDownPpm) * exhaustKgPerS;
}

const minOf = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));
const maxOf = (a: number | null, b: number): number => (a === null ? b : Math.max(a, b));

function addRecord(m: MinuteSummary, r: RecordRow, reissue: boolean, movingKmh: number): void {
  m.records++;
  if (reissue) m.reissued++;
  if (r.rpm !== null && r.rpm > 0) m.engine_seconds++;
  if (r.speed !== null) {
    if (r.speed >= movingKmh) m.moving_seconds++;
    m.speed_sum += r.speed;
    m.speed_max = maxOf(m.speed_max, r.speed);
  }
  if (r.nox_downstream !== null) {
    m.nox_down_sum += r.nox_downstream;
    m.nox_down_n++;
  }
  if (r.nox_upstream !== null) {
    m.nox_up_sum += r.nox_upstream;
    m.nox_up_n++;
  }
  if (r.scr_inlet_temp !== null) {
    m.scr_in_sum += r.scr_inlet_temp;
    m.scr_in_n++;
  }
  if (r.scr_outlet_temp !== null) {
    m.scr_out_sum += r.scr_outlet_temp;
    m.scr_out_n++;
  }
  if (r.reagent !== null) {
    m.reagent_min = minOf(m.reagent_min, r.reagent);
    m.reagent_max = maxOf(m.reagent_max, r.reagent);
  }
  if (r.fuel_flow !== null) m.fuel_l += r.fuel_flow / 3600;
  m.nox_g += noxGramsOfSecond(r.nox_downstream, r.air_flow, r.fuel_flow);
  if (r.mileage !== null) {
    m.mileage_min = minOf(m.mileage_min, r.mileage);
    m.mileage_max = maxOf(m.mileage_max, r.mileage);
  }
  if (r.flags !== null) {
    const counts =
      m.flag_counts === null ? {} : (JSON.parse(m.flag_counts) as Record<string, number>);
    for (const f of JSON.parse(r.flags) as Array<{ code: string }>)
      counts[f.code] = (counts[f.code] ?? 0) + 1;
    m.flag_counts = JSON.stringify(counts);
  }
  if (r.rule_version !== null) m.rule_version = r.rule_version;
}

/**
 * Adds one frame's records to the minutes in `minutes` (keyed by minuteKey; rows missing are
 * created empty). Record groups whose second is already set are skipped. Mutates the map.
 */
export function mergeFrameIntoMinutes(
  minutes: Map<string, MinuteSummary>,
  vehicleId: number,
  rows: readonly RecordRow[],
  command: number,
  movingKmh: number,
  now: number,
): MinuteMergeResult {
  const result: MinuteMergeResult = { added: 0, duplicates: 0 };
  const groups = new Map<number, RecordRow[]>();
  for (const r of rows) {
    if (r.type !== SUMMARY_BLOCK_TYPE) continue;
    const second = Math.floor(r.record_time / 1000) * 1000;
    const g = groups.get(second);
    if (g) g.push(r);
    else groups.set(second, [r]);
  }
  const reissue = command === 0x03;
  for (const [time, group] of groups) {
    const minute = minuteOf(time);
    const key = minuteKey(vehicleId, minute);
    let m = minutes.get(key);
    if (!m) {
      m = emptyMinute(vehicleId, minute, now);
      minutes.set(key, m);
    }
    const second = (time - minute) / 1000;
    if (secondSeen(m, second)) {
      result.duplicates += group.length;
      continue;
    }
    // The minute's last valid position: this group's, when it is newer than every stored second.
    const newest = second > lastSecond(m);
    setSecond(m, second);
    for (const r of group) {
      addRecord(m, r, reissue, movingKmh);
      if (r.fix_valid === 1 && r.lon !== null && r.lat !== null) {
        m.fixes++;
        if (newest || m.last_lon === null) {
          m.last_lon = r.lon;
          m.last_lat = r.lat;
        }
      }
      result.added++;
    }
    m.updated_at = now;
  }
  return result;
}
