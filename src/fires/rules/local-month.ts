/**
 * The month an event counts in (pure): the calendar month of its first observation in Beijing time
 * (UTC+8 all year, no daylight saving since 1991), 'YYYY-MM'.
 * Monthly counts per unit follow the plan's monthly reporting (四(四), docs/dust-fires-reports.md).
 */
const OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM' of an instant in UTC+8. */
export function localMonth(t: number): string {
  return new Date(t + OFFSET_MS).toISOString().slice(0, 7);
}
