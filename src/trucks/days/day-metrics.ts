/**
 * Metrics of one vehicle and one Beijing day from its per-minute summaries (pure).
 *
 * Definitions (docs/trucks.md "Daily metrics and judgements"; standards-mobile-limits.md §2 and
 * §1.4: compute per collection second, not per frame):
 * - online: the vehicle sent at least one data-stream record that day.
 * - data spans: the seconds that have a record (the minutes' seen masks), joined into one span
 *   while consecutive seconds are at most `spanGapS` apart; a longer silence is taken as the
 *   terminal being off, not as loss (UNVERIFIED: the sheet gives no bound).
 * - packet loss: HJ 1239.2 defines 数据丢包率 as lost packets ÷ packets sent (§1.1, §2). The
 *   platform sees only what arrived, so "sent" is estimated as one record per second of the data
 *   spans (1-Hz acquisition, §1.4): loss = 1 − records ÷ span seconds (never below 0).
 * - completeness: records ÷ seconds the engine ran, the engine's running time estimated at minute
 *   resolution as the spans of the minutes with engine speed > 0 (capped at 1).
 * - mileage: the odometer's increase, summed step by step so that a reset or a jump beyond
 *   `maxKmh` for the elapsed time (a swapped terminal) adds nothing instead of the difference.
 * - fuel (L) and NOx mass (g): sums of the minutes' integrals; NOx mass is an estimate, not a
 *   regulatory method (standards.md §8.4).
 */
import type { TruckMinuteTable } from '../tables.ts';

/** Version stored with each vehicle-day; change it when a definition above changes. */
export const METRICS_VERSION = 'trucks-day-1';

/** Settings of the day metrics (UNVERIFIED; defaults in days-config.ts). */
export interface DayMetricsConfig {
  /** Silences up to this many seconds inside a data span count as lost records. */
  readonly spanGapS: number;
  /** Odometer steps faster than this (km/h over the elapsed time) are not counted. */
  readonly maxKmh: number;
}

/** The fields of a minute summary the metrics read. */
export type MinuteRow = Pick<
  TruckMinuteTable,
  | 'minute'
  | 'seen_lo'
  | 'seen_hi'
  | 'records'
  | 'engine_seconds'
  | 'fuel_l'
  | 'nox_g'
  | 'mileage_min'
  | 'mileage_max'
  | 'fixes'
  | 'flag_counts'
>;

/** The metrics of one vehicle-day (the computed columns of truck_vehicle_days). */
export interface DayMetrics {
  online: boolean;
  records: number;
  engineSeconds: number;
  completeness: number | null;
  packetLoss: number | null;
  mileageKm: number | null;
  fuelL: number | null;
  noxG: number | null;
  fixes: number;
  firstAt: number | null;
  lastAt: number | null;
  flagCounts: Record<string, number>;
}

/** Calls `visit` with the epoch ms of each second a minute has records for, ascending. */
function eachSeenSecond(
  m: Pick<MinuteRow, 'minute' | 'seen_lo' | 'seen_hi'>,
  visit: (t: number) => void,
): void {
  const base = Number(m.minute);
  for (const [mask, from] of [
    [Number(m.seen_lo) >>> 0, 0],
    [Number(m.seen_hi) >>> 0, 30],
  ] as const) {
    for (let rest = mask, s = from; rest !== 0; rest >>>= 1, s++)
      if (rest & 1) visit(base + s * 1000);
  }
}

/** Accumulates span seconds over ascending instants joined over gaps ≤ `gapS`. */
class SpanCounter {
  total = 0;
  first: number | null = null;
  last: number | null = null;
  private start = 0;
  constructor(private readonly gapMs: number) {}
  add = (t: number): void => {
    if (this.last === null) {
      this.first = t;
      this.start = t;
    } else if (t - this.last > this.gapMs) {
      this.total += (this.last - this.start) / 1000 + 1;
      this.start = t;
    }
    this.last = t;
  };
  seconds(): number {
    return this.last === null ? 0 : this.total + (this.last - this.start) / 1000 + 1;
  }
}

/** Total length in seconds of the spans of ascending instants joined over gaps ≤ `gapS`. */
export function spanSeconds(times: readonly number[], gapS: number): number {
  const c = new SpanCounter(gapS * 1000);
  for (const t of times) c.add(t);
  return c.seconds();
}

/** Odometer increase over ascending minutes, skipping resets and implausible jumps. */
export function odometerKm(minutes: readonly MinuteRow[], maxKmh: number): number | null {
  let total = 0;
  let seen = false;
  let prev: { minute: number; max: number } | null = null;
  const plausible = (km: number, ms: number) => km >= 0 && km <= (maxKmh * ms) / 3600_000 + 0.1;
  for (const m of minutes) {
    if (m.mileage_min === null || m.mileage_max === null) continue;
    const lo = Number(m.mileage_min);
    const hi = Number(m.mileage_max);
    seen = true;
    if (plausible(hi - lo, 60_000)) total += hi - lo;
    if (prev) {
      const step = lo - prev.max;
      if (plausible(step, Number(m.minute) - prev.minute)) total += step;
    }
    prev = { minute: Number(m.minute), max: hi };
  }
  return seen ? Math.round(total * 10) / 10 : null;
}

function mergeCounts(rows: readonly MinuteRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (!r.flag_counts) continue;
    for (const [k, v] of Object.entries(JSON.parse(r.flag_counts) as Record<string, number>))
      out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

const ratio = (n: number, d: number) => Math.round((n / d) * 10_000) / 10_000;

/** The day's metrics from the vehicle's minutes of that day (any order). */
export function dayMetrics(rows: readonly MinuteRow[], c: DayMetricsConfig): DayMetrics {
  const minutes = rows
    .filter((m) => m.records > 0)
    .sort((a, b) => Number(a.minute) - Number(b.minute));
  const records = minutes.reduce((s, m) => s + m.records, 0);
  const all = new SpanCounter(c.spanGapS * 1000);
  const running = new SpanCounter(c.spanGapS * 1000);
  for (const m of minutes) {
    eachSeenSecond(m, all.add);
    if (m.engine_seconds > 0) eachSeenSecond(m, running.add);
  }
  const span = all.seconds();
  const engine = minutes.filter((m) => m.engine_seconds > 0);
  const engineSpan = running.seconds();
  const engineRecords = engine.reduce((s, m) => s + m.records, 0);
  const online = records > 0;
  return {
    online,
    records,
    engineSeconds: minutes.reduce((s, m) => s + m.engine_seconds, 0),
    completeness: engineSpan > 0 ? Math.min(1, ratio(engineRecords, engineSpan)) : null,
    packetLoss: span > 0 ? Math.max(0, ratio(span - records, span)) : null,
    mileageKm: odometerKm(minutes, c.maxKmh),
    fuelL: online ? round3(minutes.reduce((s, m) => s + Number(m.fuel_l), 0)) : null,
    noxG: online ? round3(minutes.reduce((s, m) => s + Number(m.nox_g), 0)) : null,
    fixes: minutes.reduce((s, m) => s + m.fixes, 0),
    firstAt: all.first,
    lastAt: all.last,
    flagCounts: mergeCounts(minutes),
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
