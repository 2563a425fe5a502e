/**
 * Calendar months as plain integers: the month number is the count of UTC months since
 * 1970-01 (1970-01 = 0, 2026-12 = 683). Partitions follow UTC months because the partition keys
 * are UTC buckets (the readings day, the device_values minute): a month starts on a whole UTC
 * day and minute, so its bounds are exact integers of either key.
 */

/** The UTC month number of an epoch-ms instant. */
export function monthOf(epochMs: number): number {
  const d = new Date(epochMs);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** Epoch ms of the first instant of a month (UTC). */
export function monthStartMs(month: number): number {
  const year = 1970 + Math.floor(month / 12);
  return Date.UTC(year, month - (year - 1970) * 12, 1);
}

/** `YYYY-MM` of a month, as operators read it. */
export function monthLabel(month: number): string {
  const year = 1970 + Math.floor(month / 12);
  const m = month - (year - 1970) * 12 + 1;
  return `${year}-${String(m).padStart(2, '0')}`;
}

/** `YYYYMM` of a month, as partition names carry it. */
export function monthDigits(month: number): string {
  return monthLabel(month).replace('-', '');
}

/** The month of `YYYYMM`, or undefined when the text is not one. */
export function monthFromDigits(digits: string): number | undefined {
  const m = /^(\d{4})(\d{2})$/.exec(digits);
  if (!m) return undefined;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return undefined;
  return (year - 1970) * 12 + mon - 1;
}
