// IAQI breakpoint tables: HJ 633-2012 Table 1 and HJ 633-2026 Table 3 (docs/standards/aqi.md §2.1).
// Concentrations in µg/m³, CO in mg/m³. Both editions are identical except PM10 and PM2.5 at
// IAQI 100 (2012: 150 / 75; 2026: 120 / 60). Note: a public implementation (caiyunapp/aqi-hub
// common.py) has the SO2 24-h column wrong (it copies the 1-h values); the official SO2 24-h
// column is 0/50/150/475/800/1600/2100/2620 in both editions.
import type { AqiEdition } from '../editions.ts';
import type { Pollutant } from '../pollutants.ts';

/** A column of the IAQI table: pollutant and averaging period. */
export type IaqiColumn =
  | 'SO2_24h'
  | 'SO2_1h'
  | 'NO2_24h'
  | 'NO2_1h'
  | 'PM10_24h'
  | 'PM2.5_24h'
  | 'CO_24h'
  | 'CO_1h'
  | 'O3_1h'
  | 'O3_8h';

/** Every IAQI column, in HJ 633 Table 1 order. */
export const IAQI_COLUMNS: readonly IaqiColumn[] = [
  'SO2_24h',
  'SO2_1h',
  'NO2_24h',
  'NO2_1h',
  'PM10_24h',
  'CO_24h',
  'CO_1h',
  'O3_1h',
  'O3_8h',
  'PM2.5_24h',
];

/** IAQI values of the table rows (HJ 633-2012 Table 1; HJ 633-2026 Table 3). */
export const IAQI_LEVELS: readonly number[] = [0, 50, 100, 150, 200, 300, 400, 500];

/** What a concentration above the column's last breakpoint gets. */
export type AboveTopRule =
  /** No IAQI; the standard names a fallback indicator (HJ 633-2012 Table 1 notes 2 and 3). */
  | { readonly kind: 'not_computed' }
  /** A fixed IAQI (HJ 633-2026 Table 3 notes: SO2 1 h → 200, O3 8 h → 300). */
  | { readonly kind: 'fixed'; readonly iaqi: number }
  /** Beyond IAQI 500 the standard gives no value: cap at 500, flag (docs/standards/aqi.md §2.1). */
  | { readonly kind: 'cap' };

/** One column of one edition: concentrations aligned with `IAQI_LEVELS` and the above-top rule. */
export interface IaqiColumnTable {
  readonly column: IaqiColumn;
  readonly breakpoints: readonly number[];
  readonly aboveTop: AboveTopRule;
}

const CAP: AboveTopRule = { kind: 'cap' };
const NOT_COMPUTED: AboveTopRule = { kind: 'not_computed' };

// Columns shared by both editions (HJ 633-2012 Table 1 = HJ 633-2026 Table 3).
const COMMON: Readonly<Record<Exclude<IaqiColumn, 'PM10_24h' | 'PM2.5_24h'>, readonly number[]>> = {
  SO2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  SO2_1h: [0, 150, 500, 650, 800],
  NO2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  NO2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  CO_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  CO_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  O3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  O3_8h: [0, 100, 160, 215, 265, 800],
};

function editionTables(
  pm10: readonly number[],
  pm25: readonly number[],
  so2AboveTop: AboveTopRule,
  o3AboveTop: AboveTopRule,
): Readonly<Record<IaqiColumn, IaqiColumnTable>> {
  const t = (column: IaqiColumn, breakpoints: readonly number[], aboveTop = CAP) => ({
    column,
    breakpoints,
    aboveTop,
  });
  return {
    SO2_24h: t('SO2_24h', COMMON.SO2_24h),
    SO2_1h: t('SO2_1h', COMMON.SO2_1h, so2AboveTop),
    NO2_24h: t('NO2_24h', COMMON.NO2_24h),
    NO2_1h: t('NO2_1h', COMMON.NO2_1h),
    PM10_24h: t('PM10_24h', pm10),
    'PM2.5_24h': t('PM2.5_24h', pm25),
    CO_24h: t('CO_24h', COMMON.CO_24h),
    CO_1h: t('CO_1h', COMMON.CO_1h),
    O3_1h: t('O3_1h', COMMON.O3_1h),
    O3_8h: t('O3_8h', COMMON.O3_8h, o3AboveTop),
  };
}

/** The breakpoint tables of both editions. */
export const IAQI_TABLES: Readonly<
  Record<AqiEdition, Readonly<Record<IaqiColumn, IaqiColumnTable>>>
> = {
  // HJ 633-2012 Table 1; notes (2)/(3): SO2 1 h > 800 and O3 8 h > 800 are not indexed.
  'HJ633-2012': editionTables(
    [0, 50, 150, 250, 350, 420, 500, 600],
    [0, 35, 75, 115, 150, 250, 350, 500],
    NOT_COMPUTED,
    NOT_COMPUTED,
  ),
  // HJ 633-2026 Table 3; notes: SO2 1 h > 800 → IAQI 200, O3 8 h > 800 → IAQI 300.
  'HJ633-2026': editionTables(
    [0, 50, 120, 250, 350, 420, 500, 600],
    [0, 35, 60, 115, 150, 250, 350, 500],
    { kind: 'fixed', iaqi: 200 },
    { kind: 'fixed', iaqi: 300 },
  ),
};

/** The table of one column in one edition. */
export function iaqiTable(column: IaqiColumn, edition: AqiEdition): IaqiColumnTable {
  return IAQI_TABLES[edition][column];
}

/** The pollutant a column measures (used to pick its GB/T 8170 rounding precision). */
export function pollutantOfColumn(column: IaqiColumn): Pollutant {
  return column.slice(0, column.indexOf('_')) as Pollutant;
}
