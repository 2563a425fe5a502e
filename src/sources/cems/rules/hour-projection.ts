/**
 * The cems_hours rows of one outlet-hour from its device's stored uploads (docs/sources.md, CEMS
 * and compliance): per code the hourly upload (CN 2061: -Avg, -ZsAvg, -Cou, -Flag) when one came,
 * else the hour built from the minute uploads (CN 2051, hour-from-minutes.ts). The hour's O2
 * (a19001) gives Lantian's own corrected value of every concentration whose limit has a
 * reference O2 (o2-correction.ts), kept beside the device's.
 */
import { flagCounts, type FlagPolicy } from './flag-validity.ts';
import { hourFromMinutes, type MinuteValue } from './hour-from-minutes.ts';
import { correctToReferenceO2 } from './o2-correction.ts';

/** HJ 212 code of O2 (HJ 212-2017 Table B.2). */
export const O2_CODE = 'a19001';
/** HJ 212 command numbers of hourly and minute uploads (HJ 212-2017 Table 9). */
export const CN_HOUR = 2061;
export const CN_MINUTE = 2051;

/**
 * Concentrations that may be corrected to a reference O2 (HJ 212-2017 Table B.2, mg/m³): dust,
 * SO2, NOx, NO, NO2, CO, NH3, NMHC, total hydrocarbons, benzene, toluene, xylene.
 */
const CONCENTRATIONS: ReadonlySet<string> = new Set([
  'a34013',
  'a21026',
  'a21002',
  'a21003',
  'a21004',
  'a21005',
  'a21001',
  'a24088',
  'a24087',
  'a25002',
  'a25003',
  'a25005',
]);

/** True for a concentration whose -Cou is an emission amount in kg (Table B.2). */
export function isConcentration(code: string): boolean {
  return CONCENTRATIONS.has(code);
}

/** One stored upload value of the hour (device_values). */
export interface StoredValue {
  cn: number;
  code: string;
  avg: number | null;
  zs_avg: number | null;
  cou: number | null;
  flag: string | null;
}

/** One projected hour of one code, without its outlet, hour, day and time stamp. */
export interface ProjectedHour {
  pollutant: string;
  avg: number | null;
  zs_device: number | null;
  zs_calc: number | null;
  o2: number | null;
  cou: number | null;
  flag: string | null;
  valid: number;
  origin: '2061' | '2051';
  minutes: number | null;
}

function fromHourly(v: StoredValue, policy: FlagPolicy): ProjectedHour {
  return {
    pollutant: v.code,
    avg: v.avg,
    zs_device: v.zs_avg,
    zs_calc: null,
    o2: null,
    cou: v.cou,
    flag: v.flag,
    valid: v.avg !== null && flagCounts(v.flag, policy) ? 1 : 0,
    origin: '2061',
    minutes: null,
  };
}

function fromMinutes(code: string, values: MinuteValue[], policy: FlagPolicy): ProjectedHour {
  const h = hourFromMinutes(values, policy);
  return {
    pollutant: code,
    avg: h.avg,
    zs_device: h.zsAvg,
    zs_calc: null,
    o2: null,
    cou: h.cou,
    flag: h.flag,
    valid: h.valid ? 1 : 0,
    origin: '2051',
    minutes: h.minutes,
  };
}

/**
 * The hour of every code the values carry. `refO2Of` gives a pollutant's reference O2 (null: its
 * limit has none). The corrected value is computed only from a valid O2 hour.
 */
export function projectHour(
  values: readonly StoredValue[],
  refO2Of: (pollutant: string) => number | null,
  policy: FlagPolicy,
): ProjectedHour[] {
  const hourly = new Map<string, StoredValue>();
  const minutes = new Map<string, MinuteValue[]>();
  for (const v of values) {
    if (v.cn === CN_HOUR) hourly.set(v.code, v);
    else if (v.cn === CN_MINUTE) {
      const m = { avg: v.avg, zsAvg: v.zs_avg, cou: v.cou, flag: v.flag };
      const list = minutes.get(v.code);
      if (list === undefined) minutes.set(v.code, [m]);
      else list.push(m);
    }
  }
  const rows: ProjectedHour[] = [...hourly.values()].map((v) => fromHourly(v, policy));
  for (const [code, list] of minutes) {
    if (!hourly.has(code)) rows.push(fromMinutes(code, list, policy));
  }
  const o2Row = rows.find((r) => r.pollutant === O2_CODE);
  const o2 = o2Row !== undefined && o2Row.valid === 1 ? o2Row.avg : null;
  for (const r of rows) {
    if (!isConcentration(r.pollutant)) continue;
    r.o2 = o2;
    r.zs_calc = correctToReferenceO2(r.avg, o2, refO2Of(r.pollutant));
  }
  return rows;
}

/** True when the hour has an hourly upload (it need not wait for the hour to end). */
export function hasHourly(values: readonly StoredValue[]): boolean {
  return values.some((v) => v.cn === CN_HOUR);
}
