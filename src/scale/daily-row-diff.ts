/**
 * Which recomputed station-day rows differ from the stored ones (pure): every column but
 * `computed_at` is compared, so that a roll-up consumer replaying messages whose days are already
 * rolled up writes nothing at all (not even a new computed_at).
 */
import type { NewStationDaily } from '../air/tables.ts';

const COMPARED = [
  'so2',
  'no2',
  'pm10',
  'pm2_5',
  'co',
  'o3_1h',
  'o3_8h',
  'so2_n',
  'no2_n',
  'pm10_n',
  'pm2_5_n',
  'co_n',
  'o3_1h_n',
  'o3_8h_n',
] as const;

type Row = Pick<NewStationDaily, 'station_id' | 'day' | (typeof COMPARED)[number]>;

const keyOf = (r: Pick<Row, 'station_id' | 'day'>): string => `${r.station_id}|${r.day}`;

/** The rows of `recomputed` that are missing from `stored` or differ from it. */
export function changedDailyRows<T extends Row>(
  recomputed: readonly T[],
  stored: readonly Row[],
): T[] {
  const byKey = new Map(stored.map((r) => [keyOf(r), r]));
  return recomputed.filter((r) => {
    const s = byKey.get(keyOf(r));
    return s === undefined || COMPARED.some((c) => (s[c] ?? null) !== (r[c] ?? null));
  });
}
