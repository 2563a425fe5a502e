// The six basic pollutants of GB 3095-2012 Table 1 / GB 3095-2026 Table 1 (µg/m³; CO in mg/m³).

/** One of the six basic ambient pollutants (GB 3095 Table 1). */
export type Pollutant = 'SO2' | 'NO2' | 'PM10' | 'PM2.5' | 'CO' | 'O3';

/** The six basic pollutants in the order used by HJ 633 and HJ 663 tables. */
export const POLLUTANTS: readonly Pollutant[] = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'];

/**
 * Decimals kept when a concentration is rounded per GB/T 8170: integers in µg/m³, CO 1 decimal
 * in mg/m³ (HJ 633-2026 §5 rounding rule; HJ 663 reporting practice).
 */
export const CONCENTRATION_DECIMALS: Readonly<Record<Pollutant, number>> = {
  SO2: 0,
  NO2: 0,
  PM10: 0,
  'PM2.5': 0,
  CO: 1,
  O3: 0,
};

/** True when the string names one of the six basic pollutants. */
export function isPollutant(value: string): value is Pollutant {
  return (POLLUTANTS as readonly string[]).includes(value);
}
