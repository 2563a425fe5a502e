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
