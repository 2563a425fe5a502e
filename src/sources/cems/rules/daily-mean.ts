/**
 * A daily mean of CEMS hours: the mean of the day's valid hourly values, valid with at least 20
 * of them (HJ 212-2017 Appendix D.2; docs/standards/ultra-low.md §4).
 */

/** Valid hours a daily mean needs. */
const MIN_HOURS_PER_DAY = 20;

/** The day's mean from the sum of its valid hourly values, or null under 20 valid hours. */
export function dailyMean(sum: number, validHours: number): number | null {
  return validHours < MIN_HOURS_PER_DAY ? null : sum / validHours;
}
