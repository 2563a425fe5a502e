/**
 * A period of Beijing days [from, to] for gate statistics and exports, pure: both days
 * 'YYYY-MM-DD', from ≤ to, at most 366 days (LT_ERR_GATE_LEDGER_BAD_PERIOD otherwise).
 */
import { LantianError } from '../../../errors.ts';
import { beijingDayOf, isBeijingDay } from '../../../trucks/beijing-day.ts';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** Longest period. */
export const MAX_PERIOD_DAYS = 366;

/** A checked period: its days and their [start, end) in UTC epoch ms. */
export interface Period {
  days: string[];
  start: number;
  end: number;
}

/** The index of the Beijing day of an instant (days since 1970-01-01, Beijing). */
export function beijingDayIndex(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The 'YYYY-MM-DD' of a Beijing day index. */
export function dayOfIndex(i: number): string {
  return beijingDayOf(i * DAY_MS - OFFSET_MS);
}

/** Checks a period. */
export function periodOf(from: string, to: string): Period {
  if (!isBeijingDay(from) || !isBeijingDay(to) || from > to)
    throw new LantianError('LT_ERR_GATE_LEDGER_BAD_PERIOD', `${from} – ${to}`);
  const start = Date.parse(`${from}T00:00:00Z`) - OFFSET_MS;
  const end = Date.parse(`${to}T00:00:00Z`) - OFFSET_MS + DAY_MS;
  const n = Math.round((end - start) / DAY_MS);
  if (n > MAX_PERIOD_DAYS)
    throw new LantianError('LT_ERR_GATE_LEDGER_BAD_PERIOD', `${n} 天，超过 ${MAX_PERIOD_DAYS} 天`);
  const first = beijingDayIndex(start);
  return { days: Array.from({ length: n }, (_, i) => dayOfIndex(first + i)), start, end };
}
