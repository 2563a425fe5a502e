/**
 * Daily AQI (HJ 633, src/standards) remembered per (area, date, edition). The overview indexes
 * every day of this year and last year for every unit each time it refreshes, and those days
 * rarely change: an entry is reused only while the day's concentrations are exactly those it was
 * computed from, so a late correction is always re-indexed. Bounded: the oldest entries go first.
 * Each store has its own memo (dailyAqiMemoOf): two stores open in one process share nothing, and
 * a closed store's memo goes with it.
 */
import {
  DAILY_VALUE_KEYS,
  dailyAqi,
  type AqiEdition,
  type AqiResult,
  type DailyRecord,
} from '../standards/index.ts';
import type { Db } from '../store/db.ts';

/** A bounded memo of daily AQI results. */
export class DailyAqiMemo {
  private readonly entries = new Map<string, { values: Array<number | null>; result: AqiResult }>();

  constructor(private readonly maxEntries = 100_000) {}

  /** dailyAqi(day, edition) for the area `scope`, reused while the day's values are unchanged. */
  get(scope: string, day: DailyRecord, edition: AqiEdition): AqiResult {
    const key = `${scope}|${day.date}|${edition}`;
    const hit = this.entries.get(key);
    if (hit && DAILY_VALUE_KEYS.every((k, i) => (day[k] ?? null) === hit.values[i])) {
      return hit.result;
    }
    const result = dailyAqi(day, edition);
    if (!hit && this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { values: DAILY_VALUE_KEYS.map((k) => day[k] ?? null), result });
    return result;
  }

  /** Number of remembered days. */
  get size(): number {
    return this.entries.size;
  }
}

const memos = new WeakMap<Db, DailyAqiMemo>();

/** The memo of one store, made on first use; every overview of that store shares it. */
export function dailyAqiMemoOf(db: Db): DailyAqiMemo {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new DailyAqiMemo()));
  return memo;
}
