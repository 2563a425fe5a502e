/**
 * The 污染源 pages' names (pure): control categories, grades and facility kinds from the
 * registry's own code lists (src/sources/rules/registry-codes.ts, imported, never copied), the
 * compliance verdicts and day states of the CEMS API, and the colour of an enterprise by its open
 * alarms.
 */
import {
  CATEGORIES,
  FACILITY_KINDS,
  GRADES,
  OUTLET_KINDS,
} from '../../../../src/sources/rules/registry-codes.ts';
import { factorName } from '../../lib/hj212-names.ts';
import type { TagType } from '../../lib/plan-status.ts';

export { CATEGORIES, GRADES };

const lookup = (table: Readonly<Record<string, string>>, code: string | null | undefined) =>
  code === null || code === undefined ? '' : (table[code] ?? code);

/** A control category (ultra_low …) in Chinese. */
export const categoryName = (c: string): string => lookup(CATEGORIES, c);
/** A grade ('lead' → 引领性); '未评级' when none. */
export const gradeName = (g: string | null): string => (g ? lookup(GRADES, g) : '未评级');
/** A facility kind (desulphurisation → 脱硫). */
export const facilityKindName = (k: string): string => lookup(FACILITY_KINDS, k);
/** An outlet kind (flue_gas → 烟气). */
export const outletKindName = (k: string): string => lookup(OUTLET_KINDS, k);

/** The stable-ultra-low verdict of a month. */
export const VERDICTS: Readonly<Record<string, { text: string; type: TagType }>> = {
  stable: { text: '稳定达标', type: 'success' },
  not_stable: { text: '未稳定达标', type: 'danger' },
  no_data: { text: '无有效数据', type: 'info' },
  no_limit: { text: '无限值', type: 'info' },
};

/** A day of the compliance calendar. */
export const DAY_STATES: Readonly<Record<string, { text: string; color: string }>> = {
  ok: { text: '达标', color: '#22c55e' },
  over: { text: '有超标小时', color: '#ef4444' },
  invalid: { text: '无有效数据', color: '#f59e0b' },
  none: { text: '无数据', color: '#e5e7eb' },
};

/** Colour of an enterprise on the map by its open alarms: none, some, many. */
export function alarmColor(open: number): string {
  if (open === 0) return '#22c55e';
  if (open < 3) return '#f59e0b';
  return '#ef4444';
}

/**
 * Flue-gas codes of a CEMS (HJ 212-2017 Table B.2, docs/standards/hj212.md §1.10) by name; other
 * codes by the air names of lib/hj212-names.ts.
 */
const CEMS_NAMES: Readonly<Record<string, string>> = {
  a34013: '颗粒物',
  a21026: '二氧化硫',
  a21002: '氮氧化物',
  a19001: '含氧量',
  a00000: '烟气流量',
  a01012: '烟气温度',
};

/** The Chinese name of a CEMS code (a34013 → 颗粒物). */
export function cemsName(code: string): string {
  return CEMS_NAMES[code] ?? factorName(code);
}

/** Labels of an alarm's detail fields (the detectors of src/sources/alarms/rules/). */
const DETAIL_LABELS: Readonly<Record<string, string>> = {
  limit: '限值(mg/m³)',
  max: '最大值(mg/m³)',
  value: '重复的数值',
  minHours: '判定小时数',
  graceMinutes: '宽限(分钟)',
  minutes: '已离线(分钟)',
  flag: '数据标记',
  maxHours: '允许小时数',
  from: '允许校准起始时',
  to: '允许校准结束时',
};

/** An alarm's detail as one Chinese line; instants (since) as Beijing time, unknown fields left out. */
export function alarmDetailText(
  detail: Readonly<Record<string, unknown>>,
  dateTime: (ms: number) => string,
): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    if (k === 'since' && typeof v === 'number') parts.push(`最后收到报文：${dateTime(v)}`);
    else if (DETAIL_LABELS[k] && (typeof v === 'number' || typeof v === 'string'))
      parts.push(`${DETAIL_LABELS[k]}：${typeof v === 'number' ? Math.round(v * 100) / 100 : v}`);
  }
  return parts.join('；');
}
