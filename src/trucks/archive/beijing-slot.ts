/**
 * Where a frame belongs in the archive: its Beijing-time day (`YYYY-MM-DD`, UTC+8, no daylight
 * saving) and the segment slot of that day (`HHMM` of the slot's start), from `receivedAt`.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Beijing-time day of an epoch-ms instant. */
export function beijingDay(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Epoch ms of 00:00 Beijing time on `day`. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS;
}

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The slot name (`HHMM` of its start) of an instant, for slots of `minutes` (divides 1440). */
export function slotOf(ms: number, minutes: number): string {
  const t = new Date(ms + BEIJING_OFFSET_MS);
  const m = Math.floor((t.getUTCHours() * 60 + t.getUTCMinutes()) / minutes) * minutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
}

/** Epoch ms at which slot `slot` of `day` ends. */
export function slotEndMs(day: string, slot: string, minutes: number): number {
  const start = Number(slot.slice(0, 2)) * 60 + Number(slot.slice(2));
  return dayStartMs(day) + (start + minutes) * 60_000;
}
