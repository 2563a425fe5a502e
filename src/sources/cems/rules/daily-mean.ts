/**
 * A daily mean of CEMS hours: the mean of the day's valid hourly values, valid with at least 20
 * of them (HJ 212-2017 Appendix D.2; docs/standards/ultra-low.md §4).
 */

/** Valid hours a daily mean needs. */
export const MIN_HOURS_PER_DAY = 20;

/** The day's mean, or null when fewer than 20 valid hours. */
export function dailyMean(validHourValues: readonly number[]): number | null {
  if (validHourValues.length < MIN_HOURS_PER_DAY) return null;
  return validHourValues.reduce((a, b) => a + b, 0) / validHourValues.length;
}
