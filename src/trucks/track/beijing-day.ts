/** Beijing calendar days (UTC+8, no daylight saving) as UTC epoch-ms bounds (pure). */

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** True for a real calendar day written YYYY-MM-DD. */
export function isBeijingDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** The Beijing day holding the instant `ms`. */
export function beijingDayOf(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The day's first instant and the next day's first instant (UTC ms). */
export function beijingDayBounds(day: string): { from: number; to: number } {
  const from = Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
  return { from, to: from + DAY_MS };
}
