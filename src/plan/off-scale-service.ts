/**
 * Hours of AQI off the scale (爆表) per unit over a period, from the hourly readings of its
 * assessment stations: hourly concentrations are averaged over the stations (HJ 663 point mean),
 * then indexed hour by hour (HJ 633 real-time report); the day before the period is read too so
 * that the 24-h moving means are defined from the first hour.
 */
import { stationReadings } from '../air/reading-repo.ts';
import { isValidFlag } from '../air/validity.ts';
import { editionsFor } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import { dateStartEpoch } from '../time/zoned-time.ts';
import type { Subject } from './plan-subjects.ts';
import {
  hourlyAqiSeries,
  isOffScale,
  offScaleSummary,
  type OffScaleRule,
  type OffScaleSummary,
} from './rules/off-scale.ts';
import { addDays, HOUR_MS } from '../standards/local-date.ts';

const POLLUTANTS = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'];

/** Off-scale summary of each subject over [from, to], by key. */
export async function offScaleBySubject(
  db: Db,
  subjects: readonly Subject[],
  from: string,
  to: string,
  rule: OffScaleRule,
  timeZone = 'Asia/Shanghai',
): Promise<Map<string, OffScaleSummary>> {
  const lookStart = dateStartEpoch(timeZone, addDays(from, -1));
  const start = dateStartEpoch(timeZone, from);
  const end = dateStartEpoch(timeZone, addDays(to, 1));
  const hours = Math.round((end - lookStart) / HOUR_MS);
  const skip = Math.round((start - lookStart) / HOUR_MS);
  const edition = editionsFor(to).aqi;
  const cache = new Map<number, Awaited<ReturnType<typeof stationReadings>>>();
  const out = new Map<string, OffScaleSummary>();
  for (const s of subjects) {
    if (s.stations.length === 0) continue;
    const sums: Record<string, number[]> = {};
    const counts: Record<string, number[]> = {};
    for (const p of POLLUTANTS) {
      sums[p] = new Array<number>(hours).fill(0);
      counts[p] = new Array<number>(hours).fill(0);
    }
    for (const st of s.stations) {
      let rows = cache.get(st.id);
      if (!rows) {
        rows = await stationReadings(db, st.id, lookStart, end, POLLUTANTS);
        cache.set(st.id, rows);
      }
      for (const r of rows) {
        if (!isValidFlag(r.flag) || !sums[r.pollutant]) continue;
        const h = Math.floor((r.hour - lookStart) / HOUR_MS);
        sums[r.pollutant]![h]! += r.value;
        counts[r.pollutant]![h]! += 1;
      }
    }
    const series = Object.fromEntries(
      POLLUTANTS.map((p) => [
        p,
        sums[p]!.map((v, h) => (counts[p]![h]! > 0 ? v / counts[p]![h]! : null)),
      ]),
    );
    const flags = hourlyAqiSeries(series, edition)
      .slice(skip)
      .map((r) => isOffScale(r, rule.aqiAbove));
    out.set(s.key, offScaleSummary(flags, rule));
  }
  return out;
}
