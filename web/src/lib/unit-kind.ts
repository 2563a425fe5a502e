/**
 * One name for each kind of unit, on every page (pure): a county-level division (GB/T 2260) is a
 * 县（市、区）, a functional zone without one (开发区, 冀南新区; level 'zone' in the registry) is a
 * 功能区, and the set of both is 县（市、区）及功能区.
 */

/** The units of a city, together. */
export const UNITS_TITLE = '县（市、区）及功能区';

/** Names of the registry's region levels. */
export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  province: '省',
  city: '市',
  county: '县（市、区）',
  zone: '功能区',
};

/** The name of a region level (its code when unknown). */
export function levelName(level: string | null | undefined): string {
  return level ? (LEVEL_NAMES[level] ?? level) : '';
}
